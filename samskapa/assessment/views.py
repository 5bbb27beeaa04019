"""Pages of assessment: my assessments, the scoring form, criteria of a challenge or programme,
and results."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.forms import (
    ConflictForm,
    CriterionForm,
    InvitationSignupForm,
    InviteManyForm,
    ScaleForm,
    ScoreForm,
    weight_text,
)
from samskapa.assessment.models import AssessorInvitation, AssignmentStatus, CriterionSet
from samskapa.assessment.selectors import (
    DISAGREEMENT_SHARE,
    access_assignment,
    access_criterion,
    assessable_ideas,
    assignments_of,
    challenge_assignments,
    challenge_is_scored,
    challenge_results,
    criterion_set_is_scored,
    criterion_set_of,
    other_scores,
    programme_challenges,
    programme_criterion_set,
    programme_has_criteria,
    score_matrix,
)
from samskapa.core.access import access, signed_in
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.ideas.selectors import access_challenge
from samskapa.programmes.models import Programme

PER_PAGE = 20


def _criteria_page(criterion_set: CriterionSet) -> str:
    if criterion_set.challenge_id:
        return reverse("assessment:challenge_manage", kwargs={"pk": criterion_set.challenge_id})
    return reverse(
        "assessment:programme_manage",
        kwargs={"slug": criterion_set.programme.slug},  # type: ignore[union-attr]
    )


def _button(
    request: HttpRequest, service: Callable[..., Any], success: str, **arguments: Any
) -> bool:
    """A one-button action: call ``service`` and say how it went in a message. Returns success.

    The button has no fields, so whatever the service refuses is said as a whole.
    """
    form = forms.Form(request.POST)
    call_service(form, service, **arguments)
    if form.is_valid():
        messages.success(request, success)
        return True
    for error in form.non_field_errors():
        messages.error(request, str(error))
    return False


@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    page = paginate(request, assignments_of(user=request.user), per_page=PER_PAGE)
    return render(request, "assessment/my_assessments.html", {"page_obj": page})


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    assignment = access_assignment(user=user, pk=pk)
    challenge = assignment.idea.challenge
    criterion_set = criterion_set_of(challenge=challenge) if challenge else None
    criteria = list(criterion_set.criteria.all()) if criterion_set else []
    can_submit = user.has_perm("assessment.submit_assignment", assignment) and bool(criteria)
    form = None
    review = None
    if can_submit and criterion_set is not None:
        # Three buttons: save a draft, review the scores, and (on the review) confirm them.
        action = request.POST.get("action", "review") if request.method == "POST" else ""
        form = ScoreForm(
            request.POST if request.method == "POST" else None,
            criteria=criteria,
            criterion_set=criterion_set,
            draft=action == "draft",
            initial=ScoreForm.initial_from_draft(assignment.draft),
        )
        if action == "draft" and form.is_valid():
            call_service(
                form,
                services.assessment_save_draft,
                actor=user,
                assignment=assignment,
                values=form.draft_values(),
                comments=form.comments(),
            )
            if form.is_valid():
                messages.success(
                    request, _("Your draft has been saved. Only you can see it until you submit.")
                )
                return redirect(assignment)
        elif action == "confirm" and form.is_valid():
            call_service(
                form,
                services.assessment_submit,
                actor=user,
                assignment=assignment,
                values=form.values(),
                comments=form.comments(),
            )
            if form.is_valid():
                messages.success(request, _("Your assessment has been submitted. Thank you!"))
                return redirect(assignment)
        elif action == "review" and form.is_valid():
            review = form.review()
    elif (
        request.method == "POST"
        and assignment.assessor_id == user.pk
        and assignment.status == AssignmentStatus.SUBMITTED
    ):
        # Sent again (a second click, the back button): the first submission stands.
        messages.info(request, _("Your assessment has already been submitted; it is final."))
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
        "review": review,
        "conflict_form": ConflictForm()
        if user.has_perm("assessment.declare_conflict", assignment)
        else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "assessment/assignment_detail.html", context, status=status)


@login_required
@require_POST
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    assignment = access_assignment(user=user, pk=pk, rule="assessment.declare_conflict")
    form = ConflictForm(request.POST)
    if form.is_valid():
        call_service(
            form,
            services.conflict_declare,
            actor=user,
            assignment=assignment,
            reason=form.cleaned_data["reason"],
        )
    if form.is_valid():
        messages.success(
            request, _("Your conflict of interest has been recorded; you are excluded.")
        )
    else:
        messages.error(request, _("Describe the conflict of interest."))
    return redirect(assignment)


def _criteria_forms(
    request: HttpRequest,
    *,
    user: User,
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
    if action == "scale" and scale_form.is_valid():
        data = scale_form.cleaned_data
        call_service(
            scale_form,
            services.criterion_set_configure,
            actor=user,
            scale_min=data["scale_min"],
            scale_max=data["scale_max"],
            **owner,
        )
        if scale_form.is_valid():
            messages.success(request, _("The scale has been saved."))
            return redirect(request.path), scale_form, criterion_form
    elif action == "criterion" and criterion_form.is_valid():
        call_service(
            criterion_form,
            services.criterion_add,
            actor=user,
            **owner,
            **criterion_form.cleaned_data,
        )
        if criterion_form.is_valid():
            messages.success(request, _("The criterion has been added."))
            return redirect(request.path), scale_form, criterion_form
    return None, scale_form, criterion_form


@login_required
def challenge_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Which criteria apply, their scale and weights, and invitations; for the leaders."""
    user = signed_in(request.user)
    challenge = access_challenge(user=user, pk=pk, rule="assessment.manage_assessment")
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "make_own":
        _button(
            request,
            services.challenge_criteria_make_own,
            _("The challenge now has criteria of its own; change them here."),
            actor=user,
            challenge=challenge,
        )
        return redirect(request.path)
    if action == "use_programme":
        _button(
            request,
            services.challenge_criteria_use_programme,
            _("The challenge is now assessed on the programme's criteria."),
            actor=user,
            challenge=challenge,
        )
        return redirect(request.path)
    criterion_set = criterion_set_of(challenge=challenge)
    uses_programme = criterion_set is not None and criterion_set.programme_id is not None
    programme = challenge.programme
    programme_set_exists = uses_programme or (
        programme is not None and programme_has_criteria(programme=programme)
    )
    own_set = None if uses_programme else criterion_set
    done, scale_form, criterion_form = _criteria_forms(
        request, user=user, criterion_set=own_set, owner={"challenge": challenge}
    )
    if done is not None:
        return done
    scored = challenge_is_scored(challenge=challenge)
    ideas = assessable_ideas(challenge=challenge)
    invite_form = InviteManyForm(request.POST if action == "invite" else None, ideas=ideas)
    if action == "invite" and invite_form.is_valid():
        invited = call_service(
            invite_form,
            services.assessors_invite,
            actor=user,
            challenge=challenge,
            ideas=invite_form.cleaned_data["ideas"],
            emails=invite_form.cleaned_data["emails"],
        )
        if invited is not None:
            messages.success(
                request,
                _("Assessments assigned: %(assigned)d. Invitations sent by e-mail: %(sent)d.")
                % {"assigned": len(invited.assignments), "sent": len(invited.invitations)},
            )
            for note in invited.skipped:
                messages.warning(request, note)
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
    user = signed_in(request.user)
    # 404 if hidden, 403 unless the user leads it; lean, unlike access_programme, which loads
    # the programme page's phases and milestones.
    programme = access(
        Programme.objects.select_related("organisation"),
        user=user,
        view_permission="programmes.view_programme",
        permission="programmes.change_programme",
        slug=slug,
    )
    criterion_set = programme_criterion_set(programme=programme)
    scored = criterion_set_is_scored(criterion_set=criterion_set)
    done, scale_form, criterion_form = _criteria_forms(
        request, user=user, criterion_set=criterion_set, owner={"programme": programme}
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
        "challenges": programme_challenges(user=user, programme=programme),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/programme_manage.html", context, status=status)


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    criterion = access_criterion(user=user, pk=pk, rule="assessment.manage_criteria")
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
        call_service(
            form, services.criterion_update, actor=user, criterion=criterion, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The criterion has been saved."))
            return redirect(back)
    context = {"criterion": criterion, "form": form, "back": back}
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/criterion_form.html", context, status=status)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    criterion = access_criterion(user=user, pk=pk, rule="assessment.manage_criteria")
    back = _criteria_page(criterion.criterion_set)
    _button(
        request,
        services.criterion_remove,
        _("The criterion has been removed."),
        actor=user,
        criterion=criterion,
    )
    return redirect(back)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, pk=pk, rule="assessment.view_results")
    criterion_set = criterion_set_of(challenge=challenge)
    context = {
        "challenge": challenge,
        "criterion_set": criterion_set,
        "criteria": list(criterion_set.criteria.all()) if criterion_set else [],
        "results": challenge_results(challenge=challenge),
        "disagreement_share": round(DISAGREEMENT_SHARE * 100),
    }
    return render(request, "assessment/results.html", context)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: accept it, creating an account if there is none."""
    invitation = AssessorInvitation.objects.select_related("challenge").filter(token=token).first()
    if invitation is None or not services.invitation_is_valid(invitation):
        return render(request, "assessment/invitation.html", {"invalid": True}, status=404)
    ideas = invitation.ideas.order_by("title")
    context: dict[str, Any] = {"invitation": invitation, "ideas": ideas, "invalid": False}
    if request.user.is_authenticated:
        if request.method == "POST":
            form = forms.Form(request.POST)
            call_service(
                form,
                services.invitation_accept,
                actor=signed_in(request.user),
                invitation=invitation,
            )
            if form.is_valid():
                messages.success(request, _("Thank you! The ideas are waiting for you below."))
                return redirect("assessment:my_assessments")
            context["errors"] = form.non_field_errors()
        return render(request, "assessment/invitation.html", context)
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if not has_account and request.method == "POST" and form.is_valid():
        user = call_service(
            form,
            services.invitation_accept_with_new_account,
            invitation=invitation,
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
            documents=form.documents,
        )
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready and the ideas wait below."))
            return redirect("assessment:my_assessments")
    context.update({"form": form, "has_account": has_account})
    return render(
        request, "assessment/invitation.html", context, status=400 if form.errors else 200
    )
