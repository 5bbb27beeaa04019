from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from samskapa.core.selectors import unread_notification_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Values the page header needs on every page; computed only if a template uses them."""
    return {
        "unread_notification_count": SimpleLazyObject(
            lambda: unread_notification_count(user=request.user)
        ),
    }
