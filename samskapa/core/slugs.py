"""Readable, unique address names for objects."""

from django.db.models import Model
from django.utils.text import slugify


def unique_slug(model: type[Model], text: str, *, max_length: int = 80) -> str:
    """``slugify(text)``, with ``-2``, ``-3`` ... added until no row of ``model`` has it."""
    base = slugify(text)[: max_length - 6].strip("-") or "x"
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
