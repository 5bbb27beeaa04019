"""Shared view helpers, and a person's notifications."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.core.models import Notification
from samskapa.core.pagination import paginate
from samskapa.core.selectors import notifications_for
from samskapa.core.services import notification_mark_read

T = TypeVar("T")


def apply_validation_error(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form whose data it was about."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def call_service(form: BaseForm, service: Callable[..., T], /, **arguments: Any) -> T | None:
    """Call a service with what the form validated; a refusal shows on the form.

    Every page that saves through a service does the same: call it, and if it raises a
    ``ValidationError``, put the messages on the fields they name so the page shows the form
    again with what the user typed. After the call, ``form.is_valid()`` says which it was::

        need = call_service(form, services.need_update, actor=user, need=need, **form.cleaned_data)
        if form.is_valid():
            return redirect(need)
    """
    try:
        return service(**arguments)
    except ValidationError as error:
        apply_validation_error(form, error)
        return None


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, notifications_for(user=signed_in(request.user)), per_page=25)
    return render(request, "core/notifications.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    notification = None
    if pk is not None:
        notification = get_object_or_404(Notification, pk=pk)
        require(request.user, "core.change_notification", notification)
    notification_mark_read(actor=request.user, notification=notification)
    if notification is not None and notification.url:
        return redirect(notification.url)
    return redirect("core:notifications")
