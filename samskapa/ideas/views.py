"""Pages of challenges and ideas."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.feedback import report_form_errors
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.models import SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service, redirect_back
from samskapa.ideas import services
from samskapa.ideas.filters import SORT_CHOICES, IdeaFilter
from samskapa.ideas.forms import (
    ChallengeChoiceForm,
    ChallengeForm,
    CommentForm,
    CommentModerationForm,
    IdeaForm,
    ModerationForm,
    ReportForm,
)
from samskapa.ideas.models import Idea
from samskapa.ideas.selectors import (
    access_challenge,
    access_comment,
    access_idea,
    challenge_idea_list,
    challenge_list,
    challenge_needs,
    comment_or_none,
    idea_comments,
    idea_list,
    idea_relation_of,
    ideas_to_moderate,
    needs_for_challenge_form,
    open_challenges,
    programmes_for_challenge_form,
    with_open_reports,
)
from samskapa.needs.selectors import moderates_any_project, organisations_to_act_for
from samskapa.projects.selectors import access_project, projects_visible_to

PER_PAGE = 20


# --- Challenges ------------------------------------------------------------------------------


def challenge_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, challenge_list(user=request.user), per_page=PER_PAGE)
    return render(
        request, "ideas/challenge_list.html", {"page_obj": page, "today": timezone.localdate()}
    )


def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    challenge = access_challenge(user=user, pk=pk)
    page = paginate(request, challenge_idea_list(user=user, challenge=challenge), per_page=PER_PAGE)
    can_change = user.has_perm("ideas.change_challenge", challenge)
    context = {
        "challenge": challenge,
        "needs": challenge_needs(user=user, challenge=challenge),
        "page_obj": page,
        "is_open": challenge.is_open_on(timezone.localdate()),
        "can_change": can_change,
        "history": history_entries(challenge) if can_change else None,
    }
    return render(request, "ideas/challenge_detail.html", context)


@login_required
def challenge_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    project = access_project(user=user, slug=slug, rule="ideas.add_challenge")
    form = ChallengeForm(
        request.POST or None,
        needs=needs_for_challenge_form(user=user, project=project),
        programmes=programmes_for_challenge_form(user=user, project=project),
    )
    if request.method == "POST" and form.is_valid():
        challenge = call_service(
            form, services.challenge_create, actor=user, project=project, **form.cleaned_data
        )
        if challenge is not None:
            messages.success(request, _("The challenge has been published."))
            return redirect(challenge)
    return render(request, "ideas/challenge_form.html", {"form": form, "project": project})


@login_required
def challenge_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    challenge = access_challenge(user=user, pk=pk, rule="ideas.change_challenge")
    form = ChallengeForm(
        request.POST or None,
        instance=challenge,
        needs=needs_for_challenge_form(user=user, project=challenge.project),
        programmes=programmes_for_challenge_form(user=user, project=challenge.project),
    )
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.challenge_update, actor=user, challenge=challenge, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(challenge)
    context = {"form": form, "project": challenge.project, "challenge": challenge}
    return render(request, "ideas/challenge_form.html", context)


# --- Ideas -----------------------------------------------------------------------------------


def idea_list_view(request: HttpRequest) -> HttpResponse:
    filtered = filter_list(request, IdeaFilter, idea_list(user=request.user))
    context = {
        "page_obj": paginate(request, filtered.queryset, per_page=PER_PAGE),
        "filters": filtered.filterset.values,
        "dimensions": SustainabilityDimension.objects.all(),
        "sorts": SORT_CHOICES,
        "may_moderate": moderates_any_project(user=request.user),
    }
    return render(request, "ideas/idea_list.html", context)


def _idea_form(request: HttpRequest, user: User, **kwargs: Any) -> IdeaForm:
    """The idea form with the choices ``user`` may make; the services refuse any other."""
    instance: Idea | None = kwargs.get("instance")
    return IdeaForm(
        request.POST or None,
        challenges=open_challenges(user=user, today=timezone.localdate()),
        projects=projects_visible_to(user=user).order_by("name"),
        organisations=organisations_to_act_for(
            user=user, keeping=instance.organisation_id if instance else None
        ),
        **kwargs,
    )


@login_required
def idea_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    # A link from a challenge's page names the challenge (?challenge=); a value that is no
    # number is left out, and the person chooses in the form.
    named = ChallengeChoiceForm(request.GET)
    challenge = None
    if named.is_valid() and named.cleaned_data["challenge"]:
        challenge = access_challenge(user=user, pk=named.cleaned_data["challenge"])
        if not challenge.is_open_on(timezone.localdate()) and request.method != "POST":
            messages.error(request, _("The challenge is closed: its deadline has passed."))
            return redirect(challenge)
    elif not named.is_valid() and request.method == "GET":
        messages.warning(request, _("The challenge in the address could not be found."))
    form = _idea_form(request, user, initial={"challenge": challenge})
    if request.method == "POST" and form.is_valid():
        idea = call_service(form, services.idea_submit, actor=user, **form.cleaned_data)
        if idea is not None:
            messages.success(
                request,
                _(
                    "Thank you! Your idea has been sent in. A moderator reads it before others "
                    "can see it; you find its state under My work."
                )
                if idea.awaiting_approval
                else _("Your idea has been published. Thank you!"),
            )
            return redirect(idea)
    return render(request, "ideas/idea_form.html", {"form": form, "challenge": challenge})


@login_required
def idea_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk, rule="ideas.change_idea")
    form = _idea_form(request, user, instance=idea)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.idea_update, actor=user, idea=idea, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(idea)
    return render(request, "ideas/idea_form.html", {"form": form, "idea": idea})


def idea_detail(
    request: HttpRequest, pk: int, comment_form: CommentForm | None = None
) -> HttpResponse:
    user = request.user
    idea = access_idea(user=user, pk=pk)
    can_change = user.has_perm("ideas.change_idea", idea)
    can_moderate = user.has_perm("ideas.moderate_idea", idea)
    context = {
        "idea": idea,
        "needs": challenge_needs(user=user, challenge=idea.challenge) if idea.challenge else [],
        "comments": idea_comments(idea=idea),
        "comment_form": comment_form or CommentForm(),
        "relation": idea_relation_of(user=user, idea=idea),
        "can_change": can_change,
        "can_comment": user.has_perm("ideas.comment_idea", idea),
        "can_support": user.has_perm("ideas.support_idea", idea),
        "can_moderate": can_moderate,
        "can_report": user.has_perm("ideas.report_idea", idea),
        "report_form": ReportForm(),
        "history": history_entries(idea) if can_change or can_moderate else None,
    }
    return render(request, "ideas/idea_detail.html", context)


@login_required
@require_POST
def idea_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or withdraw support; htmx swaps the support box, other browsers reload the page."""
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk)
    if request.POST.get("action") == "withdraw":
        services.idea_support_withdraw(actor=user, idea=idea)
        text = _("Your support has been withdrawn.")
    else:
        services.idea_support(actor=user, idea=idea)
        text = _("Thank you for your support.")
    if request.headers.get("HX-Request"):
        context = {
            "idea": idea,
            "relation": idea_relation_of(user=user, idea=idea),
            "can_support": True,
            "status_text": text,
        }
        return render(request, "ideas/includes/support.html", context)
    messages.success(request, text)
    return redirect(idea)


@login_required
@require_POST
def idea_follow(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk)
    if request.POST.get("action") == "unfollow":
        services.idea_unfollow(actor=user, idea=idea)
        messages.success(request, _("You no longer follow this idea."))
    else:
        services.idea_follow(actor=user, idea=idea)
        messages.success(request, _("You follow this idea and will be told what happens to it."))
    return redirect(idea)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk, rule="ideas.comment_idea")
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = call_service(
            form,
            services.comment_add,
            actor=user,
            idea=idea,
            text=form.cleaned_data["text"],
            parent=comment_or_none(pk=form.cleaned_data["parent"]),
        )
        if comment is not None:
            messages.success(request, _("Your comment has been published."))
            return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    response = idea_detail(request, pk, comment_form=form)
    response.status_code = 400
    return response


MODERATION_DONE = {
    "hide": gettext_lazy("The idea has been hidden."),
    "restore": gettext_lazy("The idea is visible again."),
    "approve": gettext_lazy("The idea has been approved and is now shown to everyone."),
}


@login_required
@require_POST
def idea_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide, show again or approve an idea, from its page or the moderation queue."""
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk, rule="ideas.moderate_idea")
    form = ModerationForm(request.POST)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        if action == "approve":
            call_service(form, services.idea_approve, actor=user, idea=idea, reason=reason)
        else:
            hidden = action == "hide"
            call_service(
                form, services.idea_moderate, actor=user, idea=idea, hidden=hidden, reason=reason
            )
    if form.is_valid():
        messages.success(request, MODERATION_DONE[form.cleaned_data["action"]])
    else:
        report_form_errors(request, form)
    return redirect_back(request, idea.get_absolute_url())


@login_required
@require_POST
def idea_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    idea = access_idea(user=user, pk=pk, rule="ideas.report_idea")
    form = ReportForm(request.POST)
    if form.is_valid():
        call_service(form, services.idea_report, actor=user, idea=idea, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("Thank you. The project's moderators will look at it."))
    else:
        report_form_errors(request, form)
    return redirect(idea)


@login_required
@require_POST
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    comment = access_comment(user=user, pk=pk, rule="ideas.report_comment")
    form = ReportForm(request.POST)
    if form.is_valid():
        call_service(
            form, services.comment_report, actor=user, comment=comment, **form.cleaned_data
        )
    if form.is_valid():
        messages.success(request, _("Thank you. The project's moderators will look at it."))
    else:
        report_form_errors(request, form)
    return redirect(f"{comment.idea.get_absolute_url()}#comment-{comment.pk}")


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide a comment, from the idea's page or the moderation queue."""
    user = signed_in(request.user)
    comment = access_comment(user=user, pk=pk, rule="ideas.moderate_comment")
    form = CommentModerationForm(request.POST)
    if form.is_valid():
        call_service(form, services.comment_hide, actor=user, comment=comment, **form.cleaned_data)
    if form.is_valid():
        messages.success(request, _("The comment has been hidden."))
    else:
        report_form_errors(request, form)
    return redirect_back(request, comment.idea.get_absolute_url())


@login_required
def moderation_queue_view(request: HttpRequest) -> HttpResponse:
    """Ideas awaiting approval and reported ideas and comments, in the projects one moderates."""
    user = signed_in(request.user)
    if not moderates_any_project(user=user):
        raise PermissionDenied(
            _("Only the moderators and leaders of a project moderate its ideas.")
        )
    page = paginate(request, ideas_to_moderate(user=user), per_page=PER_PAGE)
    with_open_reports(list(page.object_list))
    return render(request, "ideas/moderation_queue.html", {"page_obj": page})
