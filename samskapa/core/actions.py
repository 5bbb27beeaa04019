"""One-button actions on pages: call the service, and say on the next page how it went.

A button that posts no form (remove, mark as done) has nowhere to show a refusal but the page
it leads back to. The service is called as every form's is (``core.views.call_service``) and a
refusal travels as error messages (``core.feedback.report_form_errors``); success shows the
message the caller gives.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from samskapa.core.feedback import report_form_errors
from samskapa.core.views import call_service


def call_action(
    request: HttpRequest, service: Callable[..., Any], /, *, success: str, **arguments: Any
) -> bool:
    """Call ``service(**arguments)``; tell the user ``success``, or why it was refused.

    Returns whether it succeeded; the view redirects either way.
    """
    button = forms.Form(request.POST)  # the button's post carries no fields of its own
    call_service(button, service, **arguments)
    if not button.is_valid():
        report_form_errors(request, button)
        return False
    messages.success(request, success)
    return True
