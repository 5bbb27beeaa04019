"""Small helpers that every app's services use to write.

Services take explicit keyword arguments. An update service gives each field a default of
``UNSET``, so that a partial change (a PATCH, or a form with some of the fields) leaves the
other fields alone, and passes them all to ``set_fields``.
"""

from typing import Any

from django.db.models import Model


class _Unset:
    """The value of an argument that the caller did not give."""

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


# Typed as Any so that ``title: str = UNSET`` type-checks; compare with ``is UNSET``.
UNSET: Any = _Unset()


def set_fields(instance: Model, **values: Any) -> list[str]:
    """Set every given value on ``instance``, skipping ``UNSET``; returns the names set."""
    changed = []
    for name, value in values.items():
        if value is UNSET:
            continue
        setattr(instance, name, value)
        changed.append(name)
    return changed


def given(**values: Any) -> dict[str, Any]:
    """The arguments that are not ``UNSET`` (for many-to-many sets and the like)."""
    return {name: value for name, value in values.items() if value is not UNSET}
