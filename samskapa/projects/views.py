"""Pages of urban development projects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.geo.models import Region
from samskapa.organisations.forms import MemberAddForm
from samskapa.organisations.selectors import organisations_where_user_leads
from samskapa.organisations.services import membership_add, membership_remove
from samskapa.projects import services
from samskapa.projects.filters import ProjectFilter
from samskapa.projects.forms import FundingForm, ProjectForm, ProjectUnitForm
from samskapa.projects.models import ProjectPhase
from samskapa.projects.selectors import (
    access_funding,
    access_project,
    access_project_membership,
    access_project_unit,
    municipalities_for_project,
    project_list,
    units_to_add_to_project,
)

CHANGE = "projects.change_project"


def project_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, ProjectFilter, project_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=20),
        "filters": listed.filterset.data,
        "regions": Region.objects.all(),
        "phases": ProjectPhase.choices,
    }
    return render(request, "projects/project_list.html", context)


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = access_project(user=request.user, slug=slug)
    can_change = request.user.has_perm(CHANGE, project)
    context = {
        "project": project,
        "can_change": can_change,
        "history": history_entries(project) if can_change else None,
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    organisations = organisations_where_user_leads(user=user)
    initial = {}
    if request.GET.get("organisation"):
        # Preselects the organisation whose page the person came from ("Start a project").
        initial["organisation"] = organisations.filter(slug=request.GET["organisation"]).first()
    form = ProjectForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        project = call_service(form, services.project_create, actor=user, **form.cleaned_data)
        if project is not None:
            messages.success(request, _("The project has been created."))
            return redirect(project)
    context = {"form": form, "has_organisations": organisations.exists()}
    return render(request, "projects/project_form.html", context)


@login_required
def project_update(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule=CHANGE)
    municipalities = municipalities_for_project(
        user=user, organisation=project.organisation, current=project.municipality
    )
    form = ProjectForm(request.POST or None, instance=project, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.project_update, actor=user, project=project, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "has_organisations": True},
    )


@login_required
def funding_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule=CHANGE)
    form = FundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.funding_add, actor=user, project=project, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The funding has been added."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add funding")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def funding_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    funding = access_funding(user=user, project_slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.funding_delete,
        actor=user,
        funding=funding,
        success=_("The funding has been removed."),
    )
    return redirect(funding.project)


@login_required
def unit_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule=CHANGE)
    form = ProjectUnitForm(
        request.POST or None, units=units_to_add_to_project(user=user, project=project)
    )
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.project_unit_add, actor=user, project=project, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The unit now takes part in the project."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add a participating unit")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def unit_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    link = access_project_unit(user=user, project_slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.project_unit_remove,
        actor=user,
        link=link,
        success=_("The unit no longer takes part in the project."),
    )
    return redirect(link.project)


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="projects.manage_members")
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            membership_add,
            actor=user,
            user=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            project=project,
        )
        if form.is_valid():
            messages.success(request, _("The member has been added."))
            return redirect(project)
    context = {"form": form, "project": project, "title": _("Add a member")}
    return render(request, "projects/project_subform.html", context)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    membership = access_project_membership(
        user=user, project_slug=slug, pk=pk, rule="projects.manage_members"
    )
    call_action(
        request,
        membership_remove,
        actor=user,
        membership=membership,
        success=_("The membership has been removed."),
    )
    return redirect("projects:detail", slug=slug)
