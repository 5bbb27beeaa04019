"""Pages of assessment: my assessments, the scoring form, criteria management and results."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.assessment import services
from samskapa.assessment.forms import ConflictForm, CriterionForm, InviteForm, ScaleForm, ScoreForm
from samskapa.assessment.models import Assignment, Criterion, CriterionSet
from samskapa.assessment.selectors import (
    DISAGREEMENT_SHARE,
    assignment_detail_queryset,
    assignments_of,
    challenge_assignments,
    challenge_results,
    criterion_set_of,
    other_scores,
)
from samskapa.core.access import access
from samskapa.core.views import apply_validation_error, paginate
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import challenge_detail_queryset

PER_PAGE = 20


def _challenge(request: HttpRequest, pk: int, permission: str) -> Challenge:
    return access(
        challenge_detail_queryset(user=request.user),
        user=request.user,
        view_permission="ideas.view_challenge",
        permission=permission,
        pk=pk,
    )


def _assignment(request: HttpRequest, pk: int, permission: str | None = None) -> Assignment:
    return access(
        assignment_detail_queryset(),
        user=request.user,
        view_permission="assessment.view_assignment",
        permission=permission,
        pk=pk,
    )


@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    page = paginate(request, assignments_of(user=request.user), per_page=PER_PAGE)
    return render(request, "assessment/my_assessments.html", {"page_obj": page})


def _try(form: BaseForm, call: Any) -> bool:
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
    context = {
        "assignment": assignment,
        "idea": assignment.idea,
        "criterion_set": criterion_set,
        "form": form,
        "own_scores": assignment.scores.all(),
        "other_scores": other_scores(assignment=assignment) if can_see_others else None,
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


@login_required
def challenge_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Scale, criteria and invitations of one challenge, for its leaders."""
    challenge = _challenge(request, pk, "assessment.manage_assessment")
    criterion_set = criterion_set_of(challenge=challenge)
    action = request.POST.get("action") if request.method == "POST" else None
    ideas = Idea.objects.filter(challenge=challenge, is_hidden=False).order_by("title")
    scale_form = ScaleForm(
        request.POST if action == "scale" else None,
        instance=criterion_set or CriterionSet(challenge=challenge),
    )
    criterion_form = CriterionForm(request.POST if action == "criterion" else None)
    invite_form = InviteForm(request.POST if action == "invite" else None, ideas=ideas)
    user = request.user
    if action == "scale" and scale_form.is_valid():
        data = scale_form.cleaned_data
        if _try(
            scale_form,
            lambda: services.criterion_set_configure(
                actor=user,
                challenge=challenge,
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
            ),
        ):
            messages.success(request, _("The scale has been saved."))
            return redirect(request.path)
    elif action == "criterion" and criterion_form.is_valid():
        data = criterion_form.cleaned_data
        if _try(
            criterion_form,
            lambda: services.criterion_add(actor=user, challenge=challenge, **data),
        ):
            messages.success(request, _("The criterion has been added."))
            return redirect(request.path)
    elif action == "invite" and invite_form.is_valid():
        data = invite_form.cleaned_data
        if _try(
            invite_form,
            lambda: services.assessor_invite(actor=user, idea=data["idea"], email=data["email"]),
        ):
            messages.success(request, _("The assessor has been invited."))
            return redirect(request.path)
    context = {
        "challenge": challenge,
        "criterion_set": criterion_set,
        "criteria": list(criterion_set.criteria.all()) if criterion_set else [],
        "scale_form": scale_form,
        "criterion_form": criterion_form,
        "invite_form": invite_form,
        "assignments": challenge_assignments(challenge=challenge),
    }
    return render(request, "assessment/manage.html", context, status=400 if action else 200)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    challenge = _challenge(request, pk, "assessment.manage_assessment")
    criterion = get_object_or_404(Criterion, pk=criterion_pk, criterion_set__challenge=challenge)
    try:
        services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The criterion has been removed."))
    return redirect(reverse("assessment:challenge_manage", kwargs={"pk": challenge.pk}))


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
