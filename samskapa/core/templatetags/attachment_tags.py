"""The pictures and documents of an object, on its page (see ``core.attachments``)."""

from typing import Any

from django import template
from django.db.models import Model
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("core/includes/attachments.html")
def attachments_section(owner: Model, namespace: str, can_change: bool = False) -> dict[str, Any]:
    uploads = list(owner.attachments.all())  # type: ignore[attr-defined]
    items = [
        {"upload": upload, "url": reverse(f"{namespace}:attachment", args=[owner.pk, upload.pk])}
        for upload in uploads
    ]
    return {
        "pictures": [item for item in items if item["upload"].is_image],
        "documents": [item for item in items if not item["upload"].is_image],
        "manage_url": reverse(f"{namespace}:attachments", args=[owner.pk]) if can_change else "",
    }
