"""Pages of challenges and ideas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import access
from samskapa.core.history import history_entries
from samskapa.core.models import SustainabilityDimension
from samskapa.core.pagination import paginate
from samskapa.core.views import apply_validation_error
from samskapa.ideas import services
from samskapa.ideas.forms import ChallengeForm, CommentForm, IdeaForm, ModerationForm
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.ideas.selectors import (
    challenge_detail_queryset,
    challenge_list,
    challenge_needs,
    idea_comments,
    idea_detail_queryset,
    idea_list,
    idea_relation_of,
    needs_for_challenge_form,
    open_challenges,
    programmes_for_challenge_form,
)
from samskapa.organisations.models import Organisation
from samskapa.projects.selectors import project_detail_queryset, projects_visible_to

PER_PAGE = 20


def _challenge(request: HttpRequest, pk: int, permission: str | None = None) -> Challenge:
    return access(
        challenge_detail_queryset(user=request.user),
        user=request.user,
        view_permission="ideas.view_challenge",
        permission=permission,
        pk=pk,
    )


def _idea(request: HttpRequest, pk: int, permission: str | None = None) -> Idea:
    return access(
        idea_detail_queryset(user=request.user),
        user=request.user,
        view_permission="ideas.view_idea",
        permission=permission,
        pk=pk,
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# --- Challenges ------------------------------------------------------------------------------


def challenge_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, challenge_list(user=request.user), per_page=PER_PAGE)
    return render(
        request, "ideas/challenge_list.html", {"page_obj": page, "today": timezone.localdate()}
    )


def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    page = paginate(
        request, idea_list(user=request.user, challenge_id=challenge.pk), per_page=PER_PAGE
    )
    can_change = request.user.has_perm("ideas.change_challenge", challenge)
    context = {
        "challenge": challenge,
        "needs": challenge_needs(user=request.user, challenge=challenge),
        "page_obj": page,
        "is_open": challenge.is_open_on(timezone.localdate()),
        "can_change": can_change,
        "history": history_entries(challenge) if can_change else None,
    }
    return render(request, "ideas/challenge_detail.html", context)


@login_required
def challenge_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = access(
        project_detail_queryset(user=request.user),
        user=request.user,
        view_permission="projects.view_project",
        permission="ideas.add_challenge",
        slug=slug,
    )
    form = ChallengeForm(
        request.POST or None,
        needs=needs_for_challenge_form(user=request.user, project=project),
        programmes=programmes_for_challenge_form(user=request.user, project=project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The challenge has been published."))
            return redirect(challenge)
    return render(request, "ideas/challenge_form.html", {"form": form, "project": project})


@login_required
def challenge_update(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk, "ideas.change_challenge")
    form = ChallengeForm(
        request.POST or None,
        instance=challenge,
        needs=needs_for_challenge_form(user=request.user, project=challenge.project),
        programmes=programmes_for_challenge_form(user=request.user, project=challenge.project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(actor=request.user, challenge=challenge, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(challenge)
    context = {"form": form, "project": challenge.project, "challenge": challenge}
    return render(request, "ideas/challenge_form.html", context)


# --- Ideas -----------------------------------------------------------------------------------


def idea_list_view(request: HttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", "").strip(),
        "challenge_id": _int(request.GET.get("challenge")),
        "municipality_code": request.GET.get("municipality", ""),
        "dimension": request.GET.get("dimension", ""),
        "sort": request.GET.get("sort", "newest"),
    }
    page = paginate(request, idea_list(user=request.user, **filters), per_page=PER_PAGE)  # type: ignore[arg-type]
    context = {
        "page_obj": page,
        "filters": filters,
        "dimensions": SustainabilityDimension.objects.all(),
        "sorts": [
            ("newest", _("Newest")),
            ("supported", _("Most supported")),
            ("commented", _("Most commented")),
        ],
    }
    return render(request, "ideas/idea_list.html", context)


def _idea_form(request: HttpRequest, **kwargs: object) -> IdeaForm:
    user = request.user
    return IdeaForm(
        request.POST or None,
        challenges=open_challenges(user=user, today=timezone.localdate()),
        projects=projects_visible_to(user=user).order_by("name"),
        organisations=Organisation.objects.filter(memberships__user=user)
        .distinct()
        .order_by("name")
        if user.is_authenticated
        else Organisation.objects.none(),
        **kwargs,
    )


@login_required
def idea_create(request: HttpRequest) -> HttpResponse:
    challenge = None
    challenge_pk = _int(request.GET.get("challenge"))
    if challenge_pk:
        challenge = _challenge(request, challenge_pk)
        if not challenge.is_open_on(timezone.localdate()) and request.method != "POST":
            messages.error(request, _("The challenge is closed: its deadline has passed."))
            return redirect(challenge)
    form = _idea_form(request, initial={"challenge": challenge})
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your idea has been published. Thank you!"))
            return redirect(idea)
    return render(request, "ideas/idea_form.html", {"form": form, "challenge": challenge})


@login_required
def idea_update(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk, "ideas.change_idea")
    form = _idea_form(request, instance=idea)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(idea)
    return render(request, "ideas/idea_form.html", {"form": form, "idea": idea})


def idea_detail(
    request: HttpRequest, pk: int, comment_form: CommentForm | None = None
) -> HttpResponse:
    idea = _idea(request, pk)
    user = request.user
    can_change = user.has_perm("ideas.change_idea", idea)
    context = {
        "idea": idea,
        "needs": challenge_needs(user=user, challenge=idea.challenge) if idea.challenge else [],
        "comments": idea_comments(idea=idea),
        "comment_form": comment_form or CommentForm(),
        "relation": idea_relation_of(user=user, idea=idea),
        "can_change": can_change,
        "can_comment": user.has_perm("ideas.comment_idea", idea),
        "can_support": user.has_perm("ideas.support_idea", idea),
        "can_moderate": user.has_perm("ideas.moderate_idea", idea),
        "history": history_entries(idea) if can_change else None,
    }
    return render(request, "ideas/idea_detail.html", context)


@login_required
@require_POST
def idea_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or withdraw support; htmx swaps the support box, other browsers reload the page."""
    idea = _idea(request, pk)
    if request.POST.get("action") == "withdraw":
        services.idea_support_withdraw(actor=request.user, idea=idea)
        text = _("Your support has been withdrawn.")
    else:
        services.idea_support(actor=request.user, idea=idea)
        text = _("Thank you for your support.")
    if request.headers.get("HX-Request"):
        context = {
            "idea": idea,
            "relation": idea_relation_of(user=request.user, idea=idea),
            "can_support": True,
            "status_text": text,
        }
        return render(request, "ideas/includes/support.html", context)
    messages.success(request, text)
    return redirect(idea)


@login_required
@require_POST
def idea_follow(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk)
    if request.POST.get("action") == "unfollow":
        services.idea_unfollow(actor=request.user, idea=idea)
        messages.success(request, _("You no longer follow this idea."))
    else:
        services.idea_follow(actor=request.user, idea=idea)
        messages.success(request, _("You follow this idea and will be told what happens to it."))
    return redirect(idea)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk, "ideas.comment_idea")
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_pk = form.cleaned_data["parent"]
        parent = Comment.objects.filter(pk=parent_pk).first() if parent_pk else None
        try:
            comment = services.comment_add(
                actor=request.user, idea=idea, text=form.cleaned_data["text"], parent=parent
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your comment has been published."))
            return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    response = idea_detail(request, pk, comment_form=form)
    response.status_code = 400
    return response


@login_required
@require_POST
def idea_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea(request, pk, "ideas.moderate_idea")
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the moderation."))
        return redirect(idea)
    hidden = request.POST.get("action") != "restore"
    services.idea_moderate(
        actor=request.user, idea=idea, hidden=hidden, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request, _("The idea has been hidden.") if hidden else _("The idea is visible again.")
    )
    return redirect(idea)
