"""Pages of initiatives and their gate decisions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskapa.core.access import access
from samskapa.core.history import history_entries
from samskapa.core.models import SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.predicates import LEADER_ROLES, memberships_of
from samskapa.core.views import apply_validation_error
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import idea_detail_queryset
from samskapa.needs.selectors import needs_visible_to
from samskapa.portfolio import services
from samskapa.portfolio.forms import GateCorrectionForm, GateDecisionForm, InitiativeForm
from samskapa.portfolio.models import PIPELINE, GateDecision, Initiative, Stage
from samskapa.portfolio.selectors import (
    boards_for,
    gate_log,
    initiative_detail_queryset,
    initiative_list,
    initiative_trace,
    units_for,
)
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.selectors import projects_visible_to

PER_PAGE = 20


def _initiative(request: HttpRequest, pk: int, permission: str | None = None) -> Initiative:
    return access(
        initiative_detail_queryset(user=request.user),
        user=request.user,
        view_permission="portfolio.view_initiative",
        permission=permission,
        pk=pk,
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _leads_anything(user: Any) -> bool:
    """Whether ``user`` may start an initiative somewhere (the rule is checked on submit)."""
    return bool(
        getattr(user, "is_superuser", False)
        or any(role in LEADER_ROLES for _org, _project, role in memberships_of(user))
    )


def steps_of(initiative: Initiative) -> list[dict[str, Any]]:
    """The pipeline as the step indicator shows it: each stage done, current or to come.

    A parked initiative is marked at the stage it was parked at, a stopped one at the furthest
    stage it reached; the state is spelt out in words, never by colour alone.
    """
    if initiative.stage == Stage.PARKED:
        position, state = initiative.parked_from_stage, "parked"
    elif initiative.stage == Stage.STOPPED:
        position, state = initiative.furthest_stage, "stopped"
    else:
        position, state = initiative.stage, "current"
    index = PIPELINE.index(Stage(position)) if position in PIPELINE else 0
    steps = []
    for number, stage in enumerate(PIPELINE):
        if number < index or (number == index and stage == Stage.COMPLETED):
            step_state = "done"
        elif number == index:
            step_state = state
        else:
            step_state = "upcoming"
        steps.append({"stage": stage, "label": stage.label, "state": step_state})
    return steps


def initiative_list_view(request: HttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", "").strip(),
        "programme_slug": request.GET.get("programme", ""),
        "municipality_code": request.GET.get("municipality", "").strip(),
        "stage": request.GET.get("stage", "") if request.GET.get("stage") in Stage.values else "",
        "dimension": request.GET.get("dimension", ""),
    }
    page = paginate(request, initiative_list(user=request.user, **filters), per_page=PER_PAGE)
    context = {
        "page_obj": page,
        "filters": filters,
        "stages": Stage.choices,
        "dimensions": SustainabilityDimension.objects.all(),
        "programmes": programmes_visible_to(user=request.user)
        .order_by("name")
        .values("slug", "name"),
        "can_add": _leads_anything(request.user),
    }
    return render(request, "portfolio/initiative_list.html", context)


def _gate_form(
    request: HttpRequest, initiative: Initiative, data: Any = None
) -> GateDecisionForm | None:
    decisions = services.available_decisions(initiative.stage)
    if not decisions:
        return None
    return GateDecisionForm(
        data, initiative=initiative, decisions=decisions, boards=boards_for(initiative=initiative)
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    user = request.user
    can_decide = user.has_perm("portfolio.decide_gate", initiative)
    can_change = user.has_perm("portfolio.change_initiative", initiative)
    idea = initiative.idea
    context = {
        "initiative": initiative,
        "steps": steps_of(initiative),
        "trace": initiative_trace(initiative=initiative, user=user),
        "log": gate_log(initiative=initiative),
        "idea_visible": idea is not None and user.has_perm("ideas.view_idea", idea),
        "can_decide": can_decide,
        "can_change": can_change,
        "gate_form": _gate_form(request, initiative) if can_decide else None,
        "history": history_entries(initiative) if can_change else None,
    }
    return render(request, "portfolio/initiative_detail.html", context)


def _initiative_form(
    request: HttpRequest,
    *,
    instance: Initiative | None = None,
    idea: Idea | None = None,
    initial: dict[str, Any] | None = None,
) -> InitiativeForm:
    user = request.user
    memberships = memberships_of(user)
    organisations = {org for org, _project, _role in memberships if org}
    led_organisations = {org for org, _p, role in memberships if org and role in LEADER_ROLES}
    led_projects = {
        project for _o, project, role in memberships if project and role in LEADER_ROLES
    }
    unit_organisations = set(organisations)
    need_scope = Q(project_id__in=led_projects) | Q(project__organisation_id__in=led_organisations)
    for obj in (instance, idea):
        if obj is not None and obj.project is not None:
            unit_organisations.add(obj.project.organisation_id)
            need_scope |= Q(project_id=obj.project_id)
    if instance is not None:
        unit_organisations.add(instance.lead_organisation_id)
        if instance.programme is not None:
            unit_organisations.add(instance.programme.organisation_id)
        need_scope |= Q(initiatives=instance)
    if getattr(user, "is_superuser", False) and instance is None and idea is None:
        need_scope = Q(pk__in=[])  # an administrator picks needs after choosing the project
    return InitiativeForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        projects=projects_visible_to(user=user).order_by("name"),
        programmes=programmes_visible_to(user=user).order_by("name"),
        units=units_for(organisation_ids=unit_organisations),
        needs=needs_visible_to(user=user)
        .filter(need_scope)
        .select_related("project")
        .distinct()
        .order_by("project__name", "title", "pk"),
    )


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    """A new initiative; with ``?idea=<pk>`` it takes that idea forward."""
    idea = None
    idea_pk = _int(request.GET.get("idea"))
    if idea_pk:
        idea = access(
            idea_detail_queryset(user=request.user),
            user=request.user,
            view_permission="ideas.view_idea",
            pk=idea_pk,
        )
        existing = Initiative.objects.filter(idea=idea).first()
        if existing is not None:
            messages.info(request, _("This idea has already been taken forward as an initiative."))
            return redirect(idea)
        may_take_forward = (
            request.user.has_perm("portfolio.add_initiative", idea.project)
            if idea.project is not None
            else _leads_anything(request.user)
        )
        if not may_take_forward:
            raise PermissionDenied(_("You do not have permission to do this."))
    elif not _leads_anything(request.user):
        raise PermissionDenied(_("You do not have permission to do this."))
    initial = services.idea_defaults(actor=request.user, idea=idea) if idea is not None else None
    form = _initiative_form(request, idea=idea, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if idea is not None:
                initiative = services.initiative_create_from_idea(
                    actor=request.user, idea=idea, **form.cleaned_data
                )
            else:
                initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The initiative has been created at the idea stage."))
            return redirect(initiative)
    return render(request, "portfolio/initiative_form.html", {"form": form, "idea": idea})


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk, "portfolio.change_initiative")
    form = _initiative_form(request, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(initiative)
    return render(
        request, "portfolio/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def gate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The gate decision form; a decision that cannot be logged comes back here with the input."""
    initiative = _initiative(request, pk, "portfolio.decide_gate")
    form = _gate_form(request, initiative, request.POST if request.method == "POST" else None)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.gate_decide(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The gate decision has been logged."))
            return redirect(f"{initiative.get_absolute_url()}#gate-log")
    context = {"initiative": initiative, "form": form, "steps": steps_of(initiative)}
    response = render(request, "portfolio/initiative_gate.html", context)
    if request.method == "POST":
        response.status_code = 400
    return response


@login_required
def gate_correct(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    initiative = _initiative(request, pk, "portfolio.decide_gate")
    wrong = get_object_or_404(
        GateDecision.objects.select_related("decided_by", "board__organisation"),
        pk=decision_pk,
        initiative=initiative,
    )
    form = GateCorrectionForm(
        request.POST or None,
        boards=boards_for(initiative=initiative),
        initial={"to_stage": wrong.from_stage},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.gate_correct(actor=request.user, decision=wrong, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The correction has been logged."))
            return redirect(f"{initiative.get_absolute_url()}#gate-log")
    context = {"initiative": initiative, "wrong": wrong, "form": form}
    response = render(request, "portfolio/initiative_correct.html", context)
    if request.method == "POST":
        response.status_code = 400
    return response
