"""Pages that bring the apps together for a person: start page, Mitt arbete, search, own data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskapa.accounts.forms import DeleteAccountForm
from samskapa.core.access import signed_in
from samskapa.core.selectors import notifications_for
from samskapa.core.views import apply_validation_error
from samskapa.geo.selectors import (
    municipalities_named,
    municipalities_with_region,
    municipality_by_slug_or_code,
    municipality_options,
)
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_of
from samskapa.portfolio.contributions import contributions_of
from samskapa.projects.selectors import project_list, projects_of, projects_visible_to
from samskapa.workspace.selectors import municipality_overview, site_search, work_inbox
from samskapa.workspace.services import account_delete, personal_data_export


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever a page names as its icon."""
    return redirect(static("favicon.svg"), permanent=True)


def home(request: HttpRequest) -> HttpResponse:
    visible = projects_visible_to(user=request.user)
    context = {
        "projects": project_list(user=request.user).order_by("-created_at")[:6],
        "organisation_count": Organisation.objects.count(),
        "project_count": visible.count(),
        "municipality_count": visible.values("municipality").distinct().count(),
        "municipality_options": municipality_options(),
    }
    return render(request, "workspace/home.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Mitt arbete: the tasks waiting for the user, what became of what they contributed, their
    notifications, then their projects and organisations."""
    today = timezone.localdate()
    user = signed_in(request.user)
    context = {
        "inbox": work_inbox(user=user, today=today),
        "contributions": contributions_of(user=user),
        "may_start_project": user.has_perm("projects.start_project"),
        "today": today,
        "organisations": organisations_of(user=request.user),
        "projects": projects_of(user=request.user).order_by("name"),
        "notifications": notifications_for(user=signed_in(request.user)).filter(
            read_at__isnull=True
        )[:10],
    }
    return render(request, "workspace/dashboard.html", context)


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    hits = site_search(user=request.user, query=query) if query else []
    return render(request, "workspace/search.html", {"query": query, "hits": hits})


@require_GET
def municipality_index(request: HttpRequest) -> HttpResponse:
    """Every municipality by county, and those whose name matches ``q`` (typed without
    diacritics or not); a single match goes straight to its page."""
    query = request.GET.get("q", "").strip()[:100]
    matches = municipalities_named(query) if query else []
    if len(matches) == 1:
        return redirect(matches[0])
    return render(
        request,
        "workspace/municipality_index.html",
        {
            "query": query,
            "matches": matches,
            "municipalities": municipalities_with_region(),
            "municipality_options": municipality_options(),
        },
    )


@require_GET
def municipality_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A municipality's public page; its SCB code in the address leads to its name."""
    municipality = municipality_by_slug_or_code(slug)
    if municipality is None:
        raise Http404(_("There is no such municipality."))
    if slug != municipality.slug:
        return redirect(municipality, permanent=True)
    overview = municipality_overview(
        user=request.user, municipality=municipality, today=timezone.localdate()
    )
    return render(request, "workspace/municipality.html", {"overview": overview})


@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    data = personal_data_export(actor=signed_in(request.user))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="samskapa-mina-uppgifter.json"'
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(actor=signed_in(request.user))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("workspace:home")
    return render(request, "workspace/delete_account.html", {"form": form})
