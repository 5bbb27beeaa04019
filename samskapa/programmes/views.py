"""Pages of innovation programmes: list, detail, timeline, and the leaders' management forms."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import access
from samskapa.core.history import history_entries
from samskapa.core.pagination import paginate
from samskapa.core.views import apply_validation_error
from samskapa.programmes import services
from samskapa.programmes.forms import (
    MilestoneForm,
    MilestoneStatusForm,
    ParticipantForm,
    PhaseForm,
    ProgrammeForm,
)
from samskapa.programmes.models import Milestone, Participant, Phase, Programme
from samskapa.programmes.selectors import (
    milestone_status_counts,
    organisations_for_leading,
    programme_detail_queryset,
    programme_list,
    programme_timeline,
)
from samskapa.projects.selectors import projects_visible_to

PER_PAGE = 20


def _programme(request: HttpRequest, slug: str, permission: str | None = None) -> Programme:
    """The programme if the user may see it (else 404) and may do ``permission`` (else 403)."""
    return access(
        programme_detail_queryset(user=request.user),
        user=request.user,
        view_permission="programmes.view_programme",
        permission=permission,
        slug=slug,
    )


def _manage(request: HttpRequest, slug: str) -> Programme:
    return _programme(request, slug, "programmes.change_programme")


def programme_list_view(request: HttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", "").strip(),
        "municipality_code": request.GET.get("municipality", "").strip(),
    }
    programmes = programme_list(
        user=request.user, query=filters["query"], municipality_code=filters["municipality_code"]
    )
    page = paginate(request, programmes, per_page=PER_PAGE)
    can_create = (
        request.user.is_authenticated and organisations_for_leading(user=request.user).exists()
    )
    context = {"page_obj": page, "filters": filters, "can_create": can_create}
    return render(request, "programmes/programme_list.html", context)


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    can_change = request.user.has_perm("programmes.change_programme", programme)
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
    programme = _programme(request, slug)
    context = {
        "programme": programme,
        "timeline": programme_timeline(programme=programme),
        "can_change": request.user.has_perm("programmes.change_programme", programme),
    }
    return render(request, "programmes/programme_timeline.html", context)


def _programme_form(request: HttpRequest, programme: Programme | None = None) -> ProgrammeForm:
    current = programme.organisation if programme is not None else None
    organisations = organisations_for_leading(user=request.user, current=current)
    initial = {}
    if programme is None and not request.user.is_superuser:
        # Most leaders lead one organisation: choose it for them.
        choices = list(organisations[:2])
        if len(choices) == 1:
            initial["organisation"] = choices[0]
    return ProgrammeForm(
        request.POST or None,
        instance=programme,
        initial=initial,
        organisations=organisations,
        projects=projects_visible_to(user=request.user)
        .select_related("municipality")
        .order_by("name"),
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not organisations_for_leading(user=request.user).exists():
        raise PermissionDenied(
            _(
                "A programme is led by an organisation. You need to be a project leader or "
                "administrator of one to start a programme."
            )
        )
    form = _programme_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The programme has been created."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form})


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _manage(request, slug)
    form = _programme_form(request, programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


# --- Participants, phases and milestones -------------------------------------------------------


def _subform(
    request: HttpRequest,
    *,
    programme: Programme,
    form: BaseForm,
    save: Any,
    title: str,
    done: str,
    anchor: str,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save(form.cleaned_data)`` and go back to the
    programme's section ``anchor``, or show the service's errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(f"{programme.get_absolute_url()}#{anchor}")
    context = {
        "programme": programme,
        "form": form,
        "title": title,
        "anchor": anchor,
    }
    return render(request, "programmes/programme_subform.html", context)


def _act(
    request: HttpRequest, programme: Programme, action: Any, done: str, anchor: str
) -> HttpResponse:
    """Run a one-button action (remove, change status) and go back to the programme's section."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(f"{programme.get_absolute_url()}#{anchor}")


def _part_of(model: type[Model], programme: Programme, pk: int) -> Any:
    return get_object_or_404(model, pk=pk, programme=programme)


@login_required
def participant_add(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _manage(request, slug)
    return _subform(
        request,
        programme=programme,
        form=ParticipantForm(request.POST or None, programme=programme),
        save=lambda data: services.participant_add(actor=request.user, programme=programme, **data),
        title=_("Add a participant"),
        done=_("The organisation now takes part in the programme."),
        anchor="participants",
    )


@login_required
def participant_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    participant = _part_of(Participant, programme, pk)
    return _subform(
        request,
        programme=programme,
        form=ParticipantForm(request.POST or None, instance=participant, programme=programme),
        save=lambda data: services.participant_update(
            actor=request.user, participant=participant, **data
        ),
        title=_("Change the participation of %(organisation)s")
        % {"organisation": participant.organisation.name},
        done=_("The changes have been saved."),
        anchor="participants",
    )


@login_required
@require_POST
def participant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    participant = _part_of(Participant, programme, pk)
    return _act(
        request,
        programme,
        lambda: services.participant_remove(actor=request.user, participant=participant),
        _("The organisation no longer takes part in the programme."),
        "participants",
    )


@login_required
def phase_add(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _manage(request, slug)
    return _subform(
        request,
        programme=programme,
        form=PhaseForm(request.POST or None),
        save=lambda data: services.phase_add(actor=request.user, programme=programme, **data),
        title=_("Add a phase"),
        done=_("The phase has been added."),
        anchor="phases",
    )


@login_required
def phase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    phase = _part_of(Phase, programme, pk)
    return _subform(
        request,
        programme=programme,
        form=PhaseForm(request.POST or None, instance=phase),
        save=lambda data: services.phase_update(actor=request.user, phase=phase, **data),
        title=_("Change the phase “%(name)s”") % {"name": phase.name},
        done=_("The changes have been saved."),
        anchor="phases",
    )


@login_required
@require_POST
def phase_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    phase = _part_of(Phase, programme, pk)
    return _act(
        request,
        programme,
        lambda: services.phase_remove(actor=request.user, phase=phase),
        _("The phase has been removed; its milestones remain without a phase."),
        "phases",
    )


@login_required
def milestone_add(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _manage(request, slug)
    return _subform(
        request,
        programme=programme,
        form=MilestoneForm(request.POST or None, programme=programme),
        save=lambda data: services.milestone_add(actor=request.user, programme=programme, **data),
        title=_("Add a milestone"),
        done=_("The milestone has been added."),
        anchor="milestones",
    )


@login_required
def milestone_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    milestone = _part_of(Milestone, programme, pk)
    return _subform(
        request,
        programme=programme,
        form=MilestoneForm(request.POST or None, instance=milestone, programme=programme),
        save=lambda data: services.milestone_update(
            actor=request.user, milestone=milestone, **data
        ),
        title=_("Change the milestone “%(title)s”") % {"title": milestone.title},
        done=_("The changes have been saved."),
        anchor="milestones",
    )


@login_required
@require_POST
def milestone_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Quick status change from the milestone table, e.g. "Mark as done"."""
    programme = _manage(request, slug)
    milestone = _part_of(Milestone, programme, pk)
    form = MilestoneStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses in the list."))
        return redirect(f"{programme.get_absolute_url()}#milestones")
    return _act(
        request,
        programme,
        lambda: services.milestone_set_status(
            actor=request.user, milestone=milestone, status=form.cleaned_data["status"]
        ),
        _("The status of the milestone “%(title)s” has been changed.") % {"title": milestone.title},
        "milestones",
    )


@login_required
@require_POST
def milestone_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _manage(request, slug)
    milestone = _part_of(Milestone, programme, pk)
    return _act(
        request,
        programme,
        lambda: services.milestone_remove(actor=request.user, milestone=milestone),
        _("The milestone has been removed."),
        "milestones",
    )
