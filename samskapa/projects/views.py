"""Pages of urban development projects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import access
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import apply_validation_error
from samskapa.geo.models import Region
from samskapa.organisations.forms import MemberAddForm
from samskapa.organisations.models import Membership
from samskapa.organisations.selectors import organisations_where_user_leads
from samskapa.organisations.services import membership_add, membership_remove
from samskapa.projects import services
from samskapa.projects.forms import FundingForm, ProjectForm, ProjectUnitForm
from samskapa.projects.models import Funding, Project, ProjectPhase, ProjectUnit
from samskapa.projects.selectors import project_detail_queryset, project_list


def _project(request: HttpRequest, slug: str, permission: str | None = None) -> Project:
    return access(
        project_detail_queryset(user=request.user),
        user=request.user,
        view_permission="projects.view_project",
        permission=permission,
        slug=slug,
    )


def project_list_view(request: HttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", ""),
        "region_code": request.GET.get("region", ""),
        "phase": request.GET.get("phase", ""),
    }
    page = paginate(request, project_list(user=request.user, **filters), per_page=20)
    context = {
        "page_obj": page,
        "filters": filters,
        "regions": Region.objects.all(),
        "phases": ProjectPhase.choices,
    }
    return render(request, "projects/project_list.html", context)


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug)
    can_change = request.user.has_perm("projects.change_project", project)
    context = {
        "project": project,
        "can_change": can_change,
        "history": history_entries(project) if can_change else None,
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    organisations = organisations_where_user_leads(user=request.user)
    initial = {}
    if request.GET.get("organisation"):
        initial["organisation"] = organisations.filter(slug=request.GET["organisation"]).first()
    form = ProjectForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The project has been created."))
            return redirect(project)
    context = {"form": form, "has_organisations": organisations.exists()}
    return render(request, "projects/project_form.html", context)


@login_required
def project_update(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "projects.change_project")
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "has_organisations": True},
    )


@login_required
def funding_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "projects.change_project")
    form = FundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The funding has been added."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add funding")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def funding_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, "projects.change_project")
    services.funding_delete(
        actor=request.user, funding=get_object_or_404(Funding, pk=pk, project=project)
    )
    messages.success(request, _("The funding has been removed."))
    return redirect(project)


@login_required
def unit_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "projects.change_project")
    form = ProjectUnitForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_unit_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The unit now takes part in the project."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add a participating unit")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def unit_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, "projects.change_project")
    link = get_object_or_404(ProjectUnit, pk=pk, project=project)
    services.project_unit_remove(actor=request.user, link=link)
    messages.success(request, _("The unit no longer takes part in the project."))
    return redirect(project)


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug, "projects.manage_members")
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_add(
                actor=request.user,
                user=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                project=project,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add a member")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, slug, "projects.manage_members")
    membership = get_object_or_404(Membership, pk=pk, project=project)
    membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("The membership has been removed."))
    return redirect(project)
