"""Pages of innovation programmes: list, detail, timeline, and the leaders' management forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.programmes import services
from samskapa.programmes.filters import ProgrammeFilter
from samskapa.programmes.forms import (
    MilestoneForm,
    MilestoneStatusForm,
    ParticipantForm,
    PhaseForm,
    ProgrammeForm,
)
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import (
    access_milestone,
    access_participant,
    access_phase,
    access_programme,
    milestone_status_counts,
    organisations_for_leading,
    programme_list,
    programme_timeline,
    projects_linkable,
)

PER_PAGE = 20
CHANGE = "programmes.change_programme"


def programme_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, ProgrammeFilter, programme_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "can_create": request.user.has_perm("programmes.start_programme"),
    }
    return render(request, "programmes/programme_list.html", context)


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_programme(user=request.user, slug=slug)
    can_change = request.user.has_perm(CHANGE, programme)
    today = timezone.localdate()
    context = {
        "programme": programme,
        "timeline": programme_timeline(programme=programme, today=today),
        "status_counts": milestone_status_counts(programme=programme, today=today),
        "today": today,
        "can_change": can_change,
        "history": history_entries(programme) if can_change else None,
    }
    return render(request, "programmes/programme_detail.html", context)


def programme_timeline_view(request: HttpRequest, slug: str) -> HttpResponse:
    programme = access_programme(user=request.user, slug=slug)
    context = {
        "programme": programme,
        "timeline": programme_timeline(programme=programme),
        "can_change": request.user.has_perm(CHANGE, programme),
    }
    return render(request, "programmes/programme_timeline.html", context)


def _programme_form(
    request: HttpRequest, user: User, programme: Programme | None = None
) -> ProgrammeForm:
    """The programme form, offering what ``user`` may choose: the organisations they lead and
    the projects they may link."""
    current = programme.organisation if programme is not None else None
    organisations = organisations_for_leading(user=user, current=current)
    initial = {}
    if programme is None:
        # Most leaders lead one organisation: choose it for them.
        choices = list(organisations[:2])
        if len(choices) == 1:
            initial["organisation"] = choices[0]
    return ProgrammeForm(
        request.POST or None,
        instance=programme,
        initial=initial,
        organisations=organisations,
        projects=projects_linkable(user=user, programme=programme)
        .select_related("municipality")
        .order_by("name"),
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("programmes.start_programme"):
        raise PermissionDenied(
            _(
                "A programme is led by an organisation. You need to be a project leader or "
                "administrator of one to start a programme."
            )
        )
    form = _programme_form(request, user)
    if request.method == "POST" and form.is_valid():
        programme = call_service(form, services.programme_create, actor=user, **form.cleaned_data)
        if programme is not None:
            messages.success(request, _("The programme has been created."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form})


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=CHANGE)
    form = _programme_form(request, user, programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.programme_update, actor=user, programme=programme, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


# --- Participants, phases and milestones -------------------------------------------------------


# Each form page goes back to its section of the programme's page: #participants, #phases,
# #milestones.


@login_required
def participant_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=CHANGE)
    form = ParticipantForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.participant_add, actor=user, programme=programme, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The organisation now takes part in the programme."))
            return redirect(f"{programme.get_absolute_url()}#participants")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Add a participant"),
        "anchor": "participants",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
def participant_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    participant = access_participant(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    programme = participant.programme
    form = ParticipantForm(request.POST or None, instance=participant, programme=programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.participant_update,
            actor=user,
            participant=participant,
            **form.cleaned_data,
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(f"{programme.get_absolute_url()}#participants")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Change the participation of %(organisation)s")
        % {"organisation": participant.organisation.name},
        "anchor": "participants",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
@require_POST
def participant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    participant = access_participant(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.participant_remove,
        actor=user,
        participant=participant,
        success=_("The organisation no longer takes part in the programme."),
    )
    return redirect(f"{participant.programme.get_absolute_url()}#participants")


@login_required
def phase_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=CHANGE)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.phase_add, actor=user, programme=programme, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The phase has been added."))
            return redirect(f"{programme.get_absolute_url()}#phases")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Add a phase"),
        "anchor": "phases",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
def phase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    phase = access_phase(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    programme = phase.programme
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.phase_update, actor=user, phase=phase, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(f"{programme.get_absolute_url()}#phases")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Change the phase “%(name)s”") % {"name": phase.name},
        "anchor": "phases",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
@require_POST
def phase_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    phase = access_phase(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.phase_remove,
        actor=user,
        phase=phase,
        success=_("The phase has been removed; its milestones remain without a phase."),
    )
    return redirect(f"{phase.programme.get_absolute_url()}#phases")


@login_required
def milestone_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    programme = access_programme(user=user, slug=slug, rule=CHANGE)
    form = MilestoneForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.milestone_add, actor=user, programme=programme, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The milestone has been added."))
            return redirect(f"{programme.get_absolute_url()}#milestones")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Add a milestone"),
        "anchor": "milestones",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
def milestone_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    milestone = access_milestone(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    programme = milestone.programme
    form = MilestoneForm(request.POST or None, instance=milestone, programme=programme)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.milestone_update, actor=user, milestone=milestone, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(f"{programme.get_absolute_url()}#milestones")
    context = {
        "programme": programme,
        "form": form,
        "title": _("Change the milestone “%(title)s”") % {"title": milestone.title},
        "anchor": "milestones",
    }
    return render(request, "programmes/programme_subform.html", context)


@login_required
@require_POST
def milestone_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Quick status change from the milestone table, e.g. "Mark as done"."""
    user = signed_in(request.user)
    milestone = access_milestone(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        call_action(
            request,
            services.milestone_set_status,
            actor=user,
            milestone=milestone,
            status=form.cleaned_data["status"],
            success=_("The status of the milestone “%(title)s” has been changed.")
            % {"title": milestone.title},
        )
    else:
        messages.error(request, _("Choose one of the statuses in the list."))
    return redirect(f"{milestone.programme.get_absolute_url()}#milestones")


@login_required
@require_POST
def milestone_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    milestone = access_milestone(user=user, programme_slug=slug, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.milestone_remove,
        actor=user,
        milestone=milestone,
        success=_("The milestone has been removed."),
    )
    return redirect(f"{milestone.programme.get_absolute_url()}#milestones")
