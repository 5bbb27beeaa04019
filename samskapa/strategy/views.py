"""Pages of innovation strategies: the guided editor, its forms, versions and the documents."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import require, signed_in
from samskapa.core.actions import call_action
from samskapa.core.history import history_entries
from samskapa.core.views import call_service
from samskapa.projects.selectors import access_project
from samskapa.strategy import documents, services
from samskapa.strategy.forms import FocusAreaForm, GoalForm, StrategyForm, VersionForm
from samskapa.strategy.models import Strategy
from samskapa.strategy.selectors import (
    access_focus_area,
    access_goal,
    access_strategy,
    indicators_for_strategy,
    initiatives_for_strategy,
    needs_for_strategy,
)

CHANGE = "strategy.change_strategy"
LANGUAGES = ("sv", "en")
# The guided editor shows this many of the project's most prioritised needs.
TOP_NEEDS = 10


def strategy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The guided editor: from the prioritised needs to focus areas, goals, versions, export."""
    project = access_project(user=request.user, slug=slug)
    if not Strategy.objects.filter(project=project).exists():
        return render(
            request,
            "strategy/strategy_missing.html",
            {
                "project": project,
                "can_start": request.user.has_perm("strategy.add_strategy", project),
            },
        )
    strategy = access_strategy(user=request.user, slug=slug)
    can_change = request.user.has_perm(CHANGE, strategy)
    context = {
        "strategy": strategy,
        "project": project,
        "top_needs": list(needs_for_strategy(user=request.user, project=project)[:TOP_NEEDS]),
        "can_change": can_change,
        "version_form": VersionForm() if can_change else None,
        "history": history_entries(strategy) if can_change else None,
    }
    return render(request, "strategy/strategy_detail.html", context)


@login_required
def strategy_start(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug)
    require(user, "strategy.add_strategy", project)
    form = StrategyForm(
        request.POST or None,
        initial={"title": _("Innovation strategy for %(name)s") % {"name": project.name}},
    )
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.strategy_create, actor=user, project=project, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The strategy has been started. Now add its focus areas."))
            return redirect("strategy:detail", slug=slug)
    return render(
        request,
        "strategy/strategy_form.html",
        {"form": form, "project": project, "title": _("Start the innovation strategy")},
    )


@login_required
def strategy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    strategy = access_strategy(user=user, slug=slug, rule=CHANGE)
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.strategy_update, actor=user, strategy=strategy, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect("strategy:detail", slug=slug)
    return render(
        request,
        "strategy/strategy_form.html",
        {"form": form, "project": strategy.project, "title": _("Title and vision")},
    )


def _back(slug: str, anchor: str) -> str:
    return f"{reverse('strategy:detail', kwargs={'slug': slug})}#{anchor}"


@login_required
def focus_area_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    strategy = access_strategy(user=user, slug=slug, rule=CHANGE)
    form = FocusAreaForm(
        request.POST or None, needs=needs_for_strategy(user=user, project=strategy.project)
    )
    if request.method == "POST" and form.is_valid():
        area = call_service(
            form, services.focus_area_add, actor=user, strategy=strategy, **form.cleaned_data
        )
        if area is not None:
            messages.success(request, _("The focus area has been added. Now give it goals."))
            return redirect(_back(slug, f"focus-area-{area.pk}"))
    return render(
        request,
        "strategy/strategy_form.html",
        {"form": form, "project": strategy.project, "title": _("Add a focus area")},
    )


@login_required
def focus_area_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    area = access_focus_area(user=user, slug=slug, pk=pk, rule=CHANGE)
    form = FocusAreaForm(
        request.POST or None,
        instance=area,
        initial={"needs": area.needs.all()},
        needs=needs_for_strategy(user=user, project=area.strategy.project),
    )
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.focus_area_update, actor=user, focus_area=area, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(_back(slug, f"focus-area-{area.pk}"))
    return render(
        request,
        "strategy/strategy_form.html",
        {"form": form, "project": area.strategy.project, "title": _("Change the focus area")},
    )


@login_required
@require_POST
def focus_area_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    area = access_focus_area(user=user, slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.focus_area_remove,
        actor=user,
        focus_area=area,
        success=_("The focus area and its goals have been removed."),
    )
    return redirect(_back(slug, "focus-areas"))


def _goal_form(request: HttpRequest, strategy: Strategy, **kwargs: Any) -> GoalForm:
    return GoalForm(
        request.POST or None,
        initiatives=initiatives_for_strategy(user=request.user, project=strategy.project),
        indicators=indicators_for_strategy(user=request.user, project=strategy.project),
        **kwargs,
    )


@login_required
def goal_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    area = access_focus_area(user=user, slug=slug, pk=pk, rule=CHANGE)
    form = _goal_form(request, area.strategy)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.goal_add, actor=user, focus_area=area, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The goal has been added."))
            return redirect(_back(slug, f"focus-area-{area.pk}"))
    return render(
        request,
        "strategy/strategy_form.html",
        {
            "form": form,
            "project": area.strategy.project,
            "title": _("Add a goal to “%(area)s”") % {"area": area.title},
        },
    )


@login_required
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    goal = access_goal(user=user, slug=slug, pk=pk, rule=CHANGE)
    strategy = goal.focus_area.strategy
    form = _goal_form(
        request,
        strategy,
        instance=goal,
        initial={"initiatives": goal.initiatives.all(), "indicators": goal.indicators.all()},
    )
    if request.method == "POST" and form.is_valid():
        call_service(form, services.goal_update, actor=user, goal=goal, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(_back(slug, f"focus-area-{goal.focus_area.pk}"))
    return render(
        request,
        "strategy/strategy_form.html",
        {"form": form, "project": strategy.project, "title": _("Change the goal")},
    )


@login_required
@require_POST
def goal_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    goal = access_goal(user=user, slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.goal_remove,
        actor=user,
        goal=goal,
        success=_("The goal has been removed."),
    )
    return redirect(_back(slug, f"focus-area-{goal.focus_area.pk}"))


@login_required
@require_POST
def version_save(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    strategy = access_strategy(user=user, slug=slug, rule=CHANGE)
    form = VersionForm(request.POST)
    if form.is_valid():
        version = call_service(
            form,
            services.version_save,
            actor=user,
            strategy=strategy,
            note=form.cleaned_data["note"],
        )
        if version is not None:
            messages.success(
                request, _("Version %(number)s has been saved.") % {"number": version.number}
            )
    else:
        messages.error(request, _("The note may be at most 300 characters."))
    return redirect(_back(slug, "versions"))


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("sprak", "")
    return wanted if wanted in LANGUAGES else (translation.get_language() or "sv")[:2]


def strategy_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = access_strategy(user=request.user, slug=slug)
    language = _language(request)
    with translation.override(language):
        content = documents.strategy_pdf(strategy)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="strategi-{slug}-{language}.pdf"'
    return response


def strategy_docx(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = access_strategy(user=request.user, slug=slug)
    language = _language(request)
    with translation.override(language):
        content = documents.strategy_docx(strategy)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="strategi-{slug}-{language}.docx"'
    return response
