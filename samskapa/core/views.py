"""Shared view helpers, and a person's notifications."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samskapa.accounts.models import User
from samskapa.core.access import require, signed_in
from samskapa.core.emails import read_unsubscribe_token
from samskapa.core.forms import EmailPreferencesForm
from samskapa.core.models import Notification, NotificationKind
from samskapa.core.pagination import paginate
from samskapa.core.selectors import email_kinds_of, notifications_for
from samskapa.core.services import (
    email_preferences_set,
    email_unsubscribe,
    notification_mark_read,
)

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


def redirect_back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page a form was posted from (``next``, a path of this site only), else
    ``default``."""
    target = request.POST.get("next", "")
    # Only a path: redirect() would take any other word for the name of a URL pattern.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(default)


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


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Which kinds of notification come by e-mail as well (all, until the person says otherwise)."""
    user = signed_in(request.user)
    form = EmailPreferencesForm(
        request.POST or None, initial={"email_kinds": email_kinds_of(user=user)}
    )
    if request.method == "POST" and form.is_valid():
        call_service(
            form, email_preferences_set, actor=user, email_kinds=form.cleaned_data["email_kinds"]
        )
        if form.is_valid():
            messages.success(request, _("Your e-mail settings have been saved."))
            return redirect("core:notification_settings")
    return render(request, "core/notification_settings.html", {"form": form})


@csrf_exempt  # the signed token is the proof; mail programs post without a CSRF token (RFC 8058)
@require_http_methods(["GET", "POST"])
def email_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """The unsubscribe link of an e-mail. GET asks to confirm (link checkers open links in
    e-mails); POST, from that page or from a mail program's own button, unsubscribes."""
    found = read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if found is None or user is None or found[1] not in NotificationKind.values:
        return render(request, "core/email_unsubscribe.html", {"invalid": True}, status=404)
    kind = NotificationKind(found[1])
    done = False
    if request.method == "POST":
        email_unsubscribe(user=user, kind=kind)
        done = True
    return render(
        request,
        "core/email_unsubscribe.html",
        {"kind": kind, "done": done, "token": token, "invalid": False},
    )
