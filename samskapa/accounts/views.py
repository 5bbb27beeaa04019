"""A person's own account: the profile. Export and deletion are in ``workspace.views``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskapa.accounts import services
from samskapa.accounts.forms import ProfileForm
from samskapa.core.access import signed_in
from samskapa.core.views import call_service


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.user_update_profile, actor=signed_in(request.user), **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
