"""One-button actions on pages: call the service, and say on the next page how it went.

A page with a form shows a service's refusal on the form (``core.views.call_service``). A
button that posts no form (remove, mark as done) has nowhere to show it but the page it leads
back to: the refusal becomes an error message there, success the message the caller gives.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def call_action(
    request: HttpRequest, service: Callable[..., Any], /, *, success: str, **arguments: Any
) -> bool:
    """Call ``service(**arguments)``; tell the user ``success``, or why it was refused.

    Returns whether it succeeded; the view redirects either way.
    """
    try:
        service(**arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
