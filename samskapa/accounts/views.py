"""A person's own account: the profile, the terms and privacy notice, and accepting them.

Export and deletion are in ``workspace.views``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from samskapa.accounts import services
from samskapa.accounts.forms import ConsentForm, ProfileForm
from samskapa.accounts.models import LegalDocumentKind
from samskapa.accounts.selectors import document_in_force, documents_to_accept
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


def legal_document(request: HttpRequest, kind: str) -> HttpResponse:
    """The version in force of the terms of use or the privacy notice, readable by everyone."""
    if kind not in LegalDocumentKind.values:
        raise Http404
    document = document_in_force(kind=kind)
    if document is None:
        raise Http404(_("No version has been published yet."))
    return render(request, "accounts/legal_document.html", {"document": document})


def _safe_next(request: HttpRequest) -> str:
    """The page to go back to: a path on this site, never another site or a bare word."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # redirect() would read a bare word (``abc``) as the name of a view, which fails.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    """Accept the terms and privacy notice in force; everyone signed in is sent here until then."""
    user = signed_in(request.user)
    documents = documents_to_accept(user=user)
    next_url = _safe_next(request)
    if not documents:
        return redirect(next_url or "workspace:dashboard")
    form = ConsentForm(request.POST or None, documents=documents)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.consent_give, actor=user, documents=documents)
        if form.is_valid():
            messages.success(request, _("Thank you. You can go on where you were."))
            return redirect(next_url or "workspace:dashboard")
    return render(
        request,
        "accounts/consent.html",
        {"form": form, "documents": documents, "next": next_url},
    )
