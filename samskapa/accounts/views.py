"""A person's own account: profile, data export, deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskapa.accounts import services
from samskapa.accounts.forms import DeleteAccountForm, ProfileForm
from samskapa.core.views import apply_validation_error


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    data = services.user_export_data(actor=request.user)  # type: ignore[arg-type]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="samskapa-mina-uppgifter.json"'
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.user_delete(actor=user)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})
