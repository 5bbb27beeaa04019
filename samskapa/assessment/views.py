"""Pages of assessment: my assessments, the scoring form, criteria of a challenge or programme,
and results."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.assessment import services
from samskapa.assessment.forms import (
    ConflictForm,
    CriterionForm,
    InviteForm,
    ScaleForm,
    ScoreForm,
    weight_text,
)
from samskapa.assessment.models import Assignment, Criterion, CriterionSet
from samskapa.assessment.selectors import (
    DISAGREEMENT_SHARE,
    assignment_detail_queryset,
    assignments_of,
    challenge_assignments,
    challenge_is_scored,
    challenge_results,
    criterion_set_is_scored,
    criterion_set_of,
    other_scores,
    programme_challenges,
    programme_criterion_set,
    score_matrix,
)
from samskapa.core.access import access
from samskapa.core.pagination import paginate
from samskapa.core.views import apply_validation_error
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenge_detail_queryset
from samskapa.programmes.models import Programme

PER_PAGE = 20


def _challenge(request: HttpRequest, pk: int, permission: str) -> Challenge:
    return access(
        challenge_detail_queryset(user=request.user).select_related("programme"),
        user=request.user,
        view_permission="ideas.view_challenge",
        permission=permission,
        pk=pk,
    )


def _programme(request: HttpRequest, slug: str, permission: str) -> Programme:
    return access(
        Programme.objects.select_related("organisation"),
        user=request.user,
        view_permission="programmes.view_programme",
        permission=permission,
        slug=slug,
    )


def _assignment(request: HttpRequest, pk: int, permission: str | None = None) -> Assignment:
    return access(
        assignment_detail_queryset(),
        user=request.user,
        view_permission="assessment.view_assignment",
        permission=permission,
        pk=pk,
    )


def _criterion(request: HttpRequest, pk: int) -> Criterion:
    return access(
        Criterion.objects.select_related(
            "criterion_set__challenge__project", "criterion_set__programme"
        ),
        user=request.user,
        view_permission="assessment.view_criteria",
        permission="assessment.manage_criteria",
        pk=pk,
    )


def _criteria_page(criterion_set: CriterionSet) -> str:
    if criterion_set.challenge_id:
        return reverse("assessment:challenge_manage", kwargs={"pk": criterion_set.challenge_id})
    return reverse(
        "assessment:programme_manage",
        kwargs={"slug": criterion_set.programme.slug},  # type: ignore[union-attr]
    )


@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    page = paginate(request, assignments_of(user=request.user), per_page=PER_PAGE)
    return render(request, "assessment/my_assessments.html", {"page_obj": page})


def _try(form: BaseForm, call: Callable[[], Any]) -> bool:
    """Run a service call, showing its validation error on ``form``. Returns success."""
    try:
        call()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    user = request.user
    challenge = assignment.idea.challenge
    criterion_set = criterion_set_of(challenge=challenge) if challenge else None
    criteria = list(criterion_set.criteria.all()) if criterion_set else []
    can_submit = user.has_perm("assessment.submit_assignment", assignment) and bool(criteria)
    form = None
    if can_submit and criterion_set is not None:
        form = ScoreForm(
            request.POST if request.method == "POST" else None,
            criteria=criteria,
            criterion_set=criterion_set,
        )
        if request.method == "POST" and form.is_valid():
            bound = form
            if _try(
                form,
                lambda: services.assessment_submit(
                    actor=user,
                    assignment=assignment,
                    values=bound.values(),
                    comments=bound.comments(),
                ),
            ):
                messages.success(request, _("Your assessment has been submitted. Thank you!"))
                return redirect(assignment)
    can_see_others = user.has_perm("assessment.view_other_scores", assignment)
    others = (
        score_matrix(scores=other_scores(assignment=assignment), criteria=criteria)
        if can_see_others
        else None
    )
    context = {
        "assignment": assignment,
        "idea": assignment.idea,
        "criterion_set": criterion_set,
        "form": form,
        "own_scores": assignment.scores.all(),
        "others": others,
        "is_own": assignment.assessor_id == user.pk,
        "can_see_others": can_see_others,
        "conflict_form": ConflictForm()
        if user.has_perm("assessment.declare_conflict", assignment)
        else None,
    }
    status = 400 if form is not None and request.method == "POST" else 200
    return render(request, "assessment/assignment_detail.html", context, status=status)


@login_required
@require_POST
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk, "assessment.declare_conflict")
    form = ConflictForm(request.POST)
    if form.is_valid():
        services.conflict_declare(
            actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("Your conflict of interest has been recorded; you are excluded.")
        )
    else:
        messages.error(request, _("Describe the conflict of interest."))
    return redirect(assignment)


def _criteria_forms(
    request: HttpRequest,
    *,
    criterion_set: CriterionSet | None,
    owner: dict[str, Any],
) -> tuple[HttpResponse | None, ScaleForm, CriterionForm]:
    """The scale and add-criterion forms of a challenge's or programme's own criteria.

    ``owner`` is ``{"challenge": ...}`` or ``{"programme": ...}``. Returns a redirect once a
    form was saved, else None and the forms to show.
    """
    action = request.POST.get("action") if request.method == "POST" else None
    scale_form = ScaleForm(
        request.POST if action == "scale" else None,
        instance=criterion_set or CriterionSet(**owner),
    )
    criterion_form = CriterionForm(request.POST if action == "criterion" else None)
    user = request.user
    if action == "scale" and scale_form.is_valid():
        data = scale_form.cleaned_data
        if _try(
            scale_form,
            lambda: services.criterion_set_configure(
                actor=user, scale_min=data["scale_min"], scale_max=data["scale_max"], **owner
            ),
        ):
            messages.success(request, _("The scale has been saved."))
            return redirect(request.path), scale_form, criterion_form
    elif action == "criterion" and criterion_form.is_valid():
        data = criterion_form.cleaned_data
        if _try(criterion_form, lambda: services.criterion_add(actor=user, **owner, **data)):
            messages.success(request, _("The criterion has been added."))
            return redirect(request.path), scale_form, criterion_form
    return None, scale_form, criterion_form


def _run(request: HttpRequest, call: Callable[[], Any], success: str) -> HttpResponse:
    """A one-button action: run ``call``, say how it went, back to the same page."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(request.path)


@login_required
def challenge_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Which criteria apply, their scale and weights, and invitations; for the leaders."""
    challenge = _challenge(request, pk, "assessment.manage_assessment")
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "make_own":
        return _run(
            request,
            lambda: services.challenge_criteria_make_own(actor=user, challenge=challenge),
            _("The challenge now has criteria of its own; change them here."),
        )
    if action == "use_programme":
        return _run(
            request,
            lambda: services.challenge_criteria_use_programme(actor=user, challenge=challenge),
            _("The challenge is now assessed on the programme's criteria."),
        )
    criterion_set = criterion_set_of(challenge=challenge)
    uses_programme = criterion_set is not None and criterion_set.programme_id is not None
    programme = challenge.programme
    programme_set_exists = uses_programme or (
        programme is not None and CriterionSet.objects.filter(programme=programme).exists()
    )
    own_set = None if uses_programme else criterion_set
    done, scale_form, criterion_form = _criteria_forms(
        request, criterion_set=own_set, owner={"challenge": challenge}
    )
    if done is not None:
        return done
    scored = challenge_is_scored(challenge=challenge)
    ideas = Idea.objects.filter(challenge=challenge, is_hidden=False).order_by("title")
    invite_form = InviteForm(request.POST if action == "invite" else None, ideas=ideas)
    if action == "invite" and invite_form.is_valid():
        data = invite_form.cleaned_data
        if _try(
            invite_form,
            lambda: services.assessor_invite(actor=user, idea=data["idea"], email=data["email"]),
        ):
            messages.success(request, _("The assessor has been invited."))
            return redirect(request.path)
    context = {
        "challenge": challenge,
        "programme": programme,
        "criterion_set": criterion_set,
        "criteria": list(criterion_set.criteria.all()) if criterion_set else [],
        "uses_programme": uses_programme,
        "programme_set_exists": programme_set_exists,
        # Once scored, the criteria that apply stay as they are (the services refuse changes).
        "scored": scored,
        "can_edit_criteria": not scored,
        "can_manage_programme": programme is not None
        and user.has_perm("programmes.change_programme", programme),
        "scale_form": scale_form,
        "criterion_form": criterion_form,
        "invite_form": invite_form,
        "has_ideas": ideas.exists(),
        "assignments": challenge_assignments(challenge=challenge),
    }
    return render(request, "assessment/manage.html", context, status=400 if action else 200)


@login_required
def programme_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The criteria shared by the challenges of a programme; for the programme's leaders."""
    programme = _programme(request, slug, "programmes.change_programme")
    criterion_set = programme_criterion_set(programme=programme)
    scored = criterion_set_is_scored(criterion_set=criterion_set)
    done, scale_form, criterion_form = _criteria_forms(
        request, criterion_set=criterion_set, owner={"programme": programme}
    )
    if done is not None:
        return done
    context = {
        "programme": programme,
        "criterion_set": criterion_set,
        "criteria": list(criterion_set.criteria.all()) if criterion_set else [],
        "scored": scored,
        "can_edit_criteria": not scored,
        "scale_form": scale_form,
        "criterion_form": criterion_form,
        "challenges": programme_challenges(user=request.user, programme=programme),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/programme_manage.html", context, status=status)


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    back = _criteria_page(criterion.criterion_set)
    form = CriterionForm(
        request.POST or None,
        initial={
            "name": criterion.name,
            "description": criterion.description,
            "weight": weight_text(criterion.weight),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _try(
            form,
            lambda: services.criterion_update(actor=request.user, criterion=criterion, **data),
        ):
            messages.success(request, _("The criterion has been saved."))
            return redirect(back)
    context = {"criterion": criterion, "form": form, "back": back}
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/criterion_form.html", context, status=status)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = _criterion(request, pk)
    back = _criteria_page(criterion.criterion_set)
    try:
        services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The criterion has been removed."))
    return redirect(back)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk, "assessment.view_results")
    criterion_set = criterion_set_of(challenge=challenge)
    context = {
        "challenge": challenge,
        "criterion_set": criterion_set,
        "criteria": list(criterion_set.criteria.all()) if criterion_set else [],
        "results": challenge_results(challenge=challenge),
        "disagreement_share": round(DISAGREEMENT_SHARE * 100),
    }
    return render(request, "assessment/results.html", context)
