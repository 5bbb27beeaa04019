"""Pages that bring the apps together for a person: start page, Mitt arbete, search, own data."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskapa.accounts.forms import DeleteAccountForm
from samskapa.core.access import signed_in
from samskapa.core.selectors import notifications_for
from samskapa.core.views import apply_validation_error
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_of
from samskapa.projects.selectors import project_list, projects_of, projects_visible_to
from samskapa.workspace.selectors import site_search, work_inbox
from samskapa.workspace.services import account_delete, personal_data_export


def home(request: HttpRequest) -> HttpResponse:
    visible = projects_visible_to(user=request.user)
    context = {
        "projects": project_list(user=request.user).order_by("-created_at")[:6],
        "organisation_count": Organisation.objects.count(),
        "project_count": visible.count(),
        "municipality_count": visible.values("municipality").distinct().count(),
    }
    return render(request, "workspace/home.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Mitt arbete: the tasks waiting for the user, then their projects and organisations."""
    today = timezone.localdate()
    context = {
        "inbox": work_inbox(user=signed_in(request.user), today=today),
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
