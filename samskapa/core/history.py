"""Change history of domain objects, recorded by django-simple-history.

Services save through ``save_with_history`` so that each historical row names the acting user
and, where given, the reason for the change.
"""

from typing import Any

from django.db.models import Model


def save_with_history(instance: Model, *, actor: Any, reason: str = "") -> None:
    """Validate and save ``instance``, recording ``actor`` and ``reason`` in its history."""
    instance.full_clean()
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()


def history_entries(instance: Any, *, limit: int = 20) -> list[dict[str, Any]]:
    """The latest changes to ``instance``: who, when, what kind, and which fields changed."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries: list[dict[str, Any]] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changed: list[str] = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            changed = [
                str(instance._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        entries.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.history_type,
                "reason": newer.history_change_reason or "",
                "changed": changed,
            }
        )
    return entries
