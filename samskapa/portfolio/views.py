"""Pages of initiatives and their gate decisions."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskapa.core.access import access, require, signed_in
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.models import SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import idea_detail_queryset
from samskapa.portfolio import services
from samskapa.portfolio.filters import InitiativeFilter
from samskapa.portfolio.forms import GateCorrectionForm, GateDecisionForm, InitiativeForm
from samskapa.portfolio.models import PIPELINE, Initiative, Stage
from samskapa.portfolio.selectors import (
    access_gate_decision,
    access_initiative,
    boards_for,
    gate_log,
    idea_initiative,
    initiative_form_choices,
    initiative_list,
    initiative_trace,
)
from samskapa.programmes.selectors import programmes_visible_to

PER_PAGE = 20


class IdeaParameter(forms.Form):
    """``?idea=<pk>`` on the new-initiative page: the idea to take forward, if any."""

    idea = forms.IntegerField(required=False, min_value=1)


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
    listed = filter_list(request, InitiativeFilter, initiative_list(user=request.user))
    page = paginate(request, listed.queryset, per_page=PER_PAGE)
    context = {
        "page_obj": page,
        "filters": listed.filterset.form,
        "stages": Stage.choices,
        "dimensions": SustainabilityDimension.objects.all(),
        "programmes": programmes_visible_to(user=request.user)
        .order_by("name")
        .values("slug", "name"),
        "can_add": request.user.has_perm("portfolio.start_initiative"),
    }
    return render(request, "portfolio/initiative_list.html", context)


def _gate_form(initiative: Initiative, data: Any = None) -> GateDecisionForm | None:
    decisions = services.available_decisions(initiative.stage)
    if not decisions:
        return None
    return GateDecisionForm(
        data, initiative=initiative, decisions=decisions, boards=boards_for(initiative=initiative)
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = access_initiative(user=request.user, pk=pk)
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
        "gate_form": _gate_form(initiative) if can_decide else None,
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
    return InitiativeForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        **initiative_form_choices(user=request.user, initiative=instance, idea=idea),
    )


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    """A new initiative; with ``?idea=<pk>`` it takes that idea forward."""
    user = signed_in(request.user)
    parameter = IdeaParameter(request.GET)
    idea_pk = parameter.cleaned_data["idea"] if parameter.is_valid() else None
    idea = None
    if idea_pk:
        # The idea app's own lookup: 404 for an idea the user may not see.
        idea = access(
            idea_detail_queryset(user=user),
            user=user,
            view_permission="ideas.view_idea",
            pk=idea_pk,
        )
        if idea_initiative(idea=idea, user=user)["exists"]:
            messages.info(request, _("This idea has already been taken forward as an initiative."))
            return redirect(idea)
        require(user, "portfolio.take_idea_forward", idea)
    else:
        require(user, "portfolio.start_initiative")
    initial = services.idea_defaults(actor=user, idea=idea) if idea is not None else None
    form = _initiative_form(request, idea=idea, initial=initial)
    if request.method == "POST" and form.is_valid():
        if idea is not None:
            initiative = call_service(
                form,
                services.initiative_create_from_idea,
                actor=user,
                idea=idea,
                **form.cleaned_data,
            )
        else:
            initiative = call_service(
                form, services.initiative_create, actor=user, **form.cleaned_data
            )
        if initiative is not None:
            messages.success(request, _("The initiative has been created at the idea stage."))
            return redirect(initiative)
    return render(request, "portfolio/initiative_form.html", {"form": form, "idea": idea})


@login_required
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    initiative = access_initiative(user=user, pk=pk, rule="portfolio.change_initiative")
    form = _initiative_form(request, instance=initiative)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.initiative_update,
            actor=user,
            initiative=initiative,
            **form.cleaned_data,
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(initiative)
    return render(
        request, "portfolio/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def gate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The gate decision form; a decision that cannot be logged comes back here with the input.

    A decision about a stage the initiative has since left comes back with the form redrawn
    for the stage it is at now, keeping what was written, so the decider can look and decide
    again.
    """
    user = signed_in(request.user)
    initiative = access_initiative(user=user, pk=pk, rule="portfolio.decide_gate")
    form = _gate_form(initiative, request.POST if request.method == "POST" else None)
    if form is not None and request.method == "POST" and form.is_valid():
        asked_about = form.cleaned_data["stage"]
        call_service(
            form, services.gate_decide, actor=user, initiative=initiative, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The gate decision has been logged."))
            return redirect(f"{initiative.get_absolute_url()}#gate-log")
        if initiative.stage != asked_about:
            # The service read the stage afresh: redraw the form for it, with the refusal.
            refusal = form.non_field_errors()
            form = _gate_form(initiative, {**request.POST.dict(), "stage": initiative.stage})
            if form is not None:
                form.add_error(None, list(refusal))
            else:
                for message in refusal:
                    messages.error(request, str(message))
    context = {"initiative": initiative, "form": form, "steps": steps_of(initiative)}
    response = render(request, "portfolio/initiative_gate.html", context)
    if request.method == "POST":
        response.status_code = 400
    return response


@login_required
def gate_correct(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    wrong = access_gate_decision(
        user=user, pk=decision_pk, initiative_pk=pk, rule="portfolio.decide_gate"
    )
    initiative = wrong.initiative
    form = GateCorrectionForm(
        request.POST or None,
        boards=boards_for(initiative=initiative),
        initial={"to_stage": wrong.from_stage},
    )
    if request.method == "POST" and form.is_valid():
        call_service(form, services.gate_correct, actor=user, decision=wrong, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The correction has been logged."))
            return redirect(f"{initiative.get_absolute_url()}#gate-log")
    context = {"initiative": initiative, "wrong": wrong, "form": form}
    response = render(request, "portfolio/initiative_correct.html", context)
    if request.method == "POST":
        response.status_code = 400
    return response
