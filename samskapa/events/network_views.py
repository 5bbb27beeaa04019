"""Pages of networks: the list, a network's public page with its news feed, the member
directory, the coordinators' forms, and experience posts with their comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.events import services
from samskapa.events.forms import CommentForm, MemberForm, NetworkForm, NewNetworkForm, PostForm
from samskapa.events.models import NetworkMember
from samskapa.events.selectors import (
    access_network,
    access_post,
    event_list,
    initiatives_linkable,
    methods_linkable,
    network_list,
    network_members,
    network_news,
    network_posts,
    organisations_organising_for,
    organisations_posting_for,
    post_comments,
    post_initiatives,
    post_methods,
)

PER_PAGE = 20
CHANGE = "events.change_network"


def network_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200].replace("\x00", "")
    context = {
        "page_obj": paginate(
            request, network_list(user=request.user, query=query), per_page=PER_PAGE
        ),
        "query": query,
        "can_create": request.user.has_perm("events.add_network"),
    }
    return render(request, "events/network_list.html", context)


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = access_network(user=request.user, slug=slug)
    members = network_members(network=network)
    context = {
        "network": network,
        "members": members[:12],
        "member_count": members.count(),
        "news": network_news(user=request.user, network=network),
        "upcoming": event_list(user=request.user)
        .filter(network=network)
        .filter(ends_at__gte=timezone.now())[:5],
        "can_change": request.user.has_perm(CHANGE, network),
        "can_post": request.user.has_perm("events.post_experience", network),
    }
    return render(request, "events/network_detail.html", context)


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("events.add_network"):
        raise PermissionDenied(
            _(
                "A network is coordinated by an organisation. You need to be a project leader, administrator or facilitator of one."
            )
        )
    form = NewNetworkForm(
        request.POST or None, organisations=organisations_organising_for(user=user)
    )
    if request.method == "POST" and form.is_valid():
        network = call_service(form, services.network_create, actor=user, **form.cleaned_data)
        if network is not None:
            messages.success(request, _("The network has been created."))
            return redirect(network)
    return render(request, "events/network_form.html", {"form": form})


@login_required
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    network = access_network(user=user, slug=slug, rule=CHANGE)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.network_update, actor=user, network=network, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(network)
    return render(request, "events/network_form.html", {"form": form, "network": network})


def member_directory(request: HttpRequest, slug: str) -> HttpResponse:
    network = access_network(user=request.user, slug=slug)
    context = {
        "network": network,
        "page_obj": paginate(request, network_members(network=network), per_page=50),
        "can_change": request.user.has_perm(CHANGE, network),
    }
    return render(request, "events/member_directory.html", context)


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    network = access_network(user=user, slug=slug, rule=CHANGE)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.member_add, actor=user, network=network, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The organisation is now a member of the network."))
            return redirect("networks:members", slug=network.slug)
    context = {"network": network, "form": form, "title": _("Add a member")}
    return render(request, "events/network_subform.html", context)


@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    network = access_network(user=user, slug=slug, rule=CHANGE)
    member = get_object_or_404(
        NetworkMember.objects.select_related("organisation"), network=network, pk=pk
    )
    member.network = network
    form = MemberForm(request.POST or None, instance=member)
    form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        call_service(form, services.member_update, actor=user, member=member, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect("networks:members", slug=network.slug)
    context = {
        "network": network,
        "form": form,
        "title": _("Change the membership of %(organisation)s")
        % {"organisation": member.organisation.name},
    }
    return render(request, "events/network_subform.html", context)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    network = access_network(user=user, slug=slug, rule=CHANGE)
    member = get_object_or_404(NetworkMember, network=network, pk=pk)
    member.network = network
    call_action(
        request,
        services.member_remove,
        success=_("The member has been removed."),
        actor=user,
        member=member,
    )
    return redirect("networks:members", slug=network.slug)


def post_list(request: HttpRequest, slug: str) -> HttpResponse:
    network = access_network(user=request.user, slug=slug)
    context = {
        "network": network,
        "page_obj": paginate(request, network_posts(network=network), per_page=PER_PAGE),
        "can_post": request.user.has_perm("events.post_experience", network),
    }
    return render(request, "events/post_list.html", context)


@login_required
def post_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    network = access_network(user=user, slug=slug, rule="events.post_experience")
    organisations = organisations_posting_for(user=user, network=network)
    initial = {}
    choices = list(organisations[:2])
    if len(choices) == 1:
        initial["organisation"] = choices[0]
    form = PostForm(
        request.POST or None,
        initial=initial,
        organisations=organisations,
        events=event_list(user=user).filter(network=network).order_by("-starts_at", "-pk"),
        initiatives=initiatives_linkable(user=user),
        methods=methods_linkable(user=user),
    )
    if request.method == "POST" and form.is_valid():
        post = call_service(
            form, services.post_create, actor=user, network=network, **form.cleaned_data
        )
        if post is not None:
            messages.success(request, _("Your experience has been shared."))
            return redirect(post)
    context = {"network": network, "form": form, "title": _("Share an experience")}
    return render(request, "events/network_subform.html", context)


def post_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = access_post(user=request.user, network_slug=slug, pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        user = signed_in(request.user)
        if form.is_valid():
            call_service(form, services.comment_add, actor=user, post=post, **form.cleaned_data)
            if form.is_valid():
                messages.success(request, _("Your comment has been published."))
                return redirect(f"{post.get_absolute_url()}#comments")
    context = {
        "network": post.network,
        "post": post,
        # A members-only event stays hidden from those who may not see it.
        "event": post.event
        if post.event and request.user.has_perm("events.view_event", post.event)
        else None,
        "initiatives": post_initiatives(user=request.user, post=post),
        "methods": post_methods(user=request.user, post=post),
        "page_obj": paginate(request, post_comments(post=post), per_page=50),
        "form": form,
        "can_comment": request.user.has_perm("events.comment_post", post),
    }
    return render(request, "events/post_detail.html", context)
