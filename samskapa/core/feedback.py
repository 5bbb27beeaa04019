"""Telling a person why a form they posted was refused, when the page does not show it again.

Small forms that sit in another page (a button in a table, a box beside a list) post to a view
that redirects back. A refusal, from the form or from the service (``core.views.call_service``
puts those on the form too), then travels as messages to the page the person lands on.
"""

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest


def report_form_errors(request: HttpRequest, form: BaseForm) -> None:
    """Show every error of ``form``, its fields' and its own, as error messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
