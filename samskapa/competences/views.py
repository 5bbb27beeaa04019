"""Pages of competence matchmaking: profiles, needs for competence, matches, teams, requests."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samskapa.competences import matching, services
from samskapa.competences.filters import CompetenceNeedFilter, ProfileFilter
from samskapa.competences.forms import (
    CompetenceNeedForm,
    ConceptAddForm,
    DimensionRequirementForm,
    MessageForm,
    ProfileForm,
    RequestForm,
    SectorRequirementForm,
    TeamForm,
)
from samskapa.competences.models import Concept, Importance, Language, Profile, RequestStatus
from samskapa.competences.selectors import (
    access_competence_need,
    access_profile,
    access_request,
    competence_need_list,
    concept_search,
    contact_visible,
    matches_for_need,
    matches_for_profile,
    profile_list,
    profiles_owned_by,
    propose_team,
    request_list,
    request_messages,
    sent_to,
    status_seen_by,
    targets_for,
)
from samskapa.competences.teams import EXACT_LIMIT
from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.feedback import report_form_errors
from samskapa.core.filters import filter_list
from samskapa.core.pagination import paginate
from samskapa.core.views import call_service
from samskapa.organisations.selectors import organisations_where_user_leads

PER_PAGE = 20
TEAM_POOL = 40
PART_DESCRIPTIONS = {
    "competences": gettext_lazy(
        "How well the profile's competences answer each required competence, must-haves "
        "counting twice as much as nice-to-haves."
    ),
    "words": gettext_lazy(
        "The share of the need's words (Swedish, reduced to their stems, without common words) "
        "that also occur in the profile's headline, offer and own words."
    ),
    "coverage": gettext_lazy(
        "The share of the required sustainability dimensions and helix sectors that the "
        "profile covers, must-haves counting twice."
    ),
    "location": gettext_lazy(
        "1 if the profile works in the need's municipality, in its whole region or anywhere in "
        "Sweden; 0.5 if in another municipality of the same region; otherwise 0."
    ),
    "availability": gettext_lazy(
        "The share of the need's period in which the profile is available, reduced if it "
        "offers less time than the need asks for."
    ),
}


def index(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    if request.user.is_authenticated:
        context["my_profiles"] = list(profiles_owned_by(user=request.user))
    return render(request, "competences/index.html", context)


def how_it_works(request: HttpRequest) -> HttpResponse:
    context = {
        "weights": [
            (matching.PART_LABELS[part], round(weight * 100), PART_DESCRIPTIONS[part])
            for part, weight in matching.PART_WEIGHTS.items()
        ],
        "similarities": [
            (round(value * 100), label) for value, label in matching.HOW_LABELS.items()
        ],
        "exact_limit": EXACT_LIMIT,
    }
    return render(request, "competences/how_it_works.html", context)


# --- Profiles -------------------------------------------------------------------------------


@login_required
def profile_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, ProfileFilter, profile_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "filterset": listed.filterset,
    }
    return render(request, "competences/profile_list.html", context)


@login_required
def profile_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    form = ProfileForm(
        request.POST or None,
        organisations=organisations_where_user_leads(user=user).order_by("name"),
        initial={"contact_email": user.email},
    )
    if request.method == "POST" and form.is_valid():
        profile = call_service(form, services.profile_create, actor=user, **form.cleaned_data)
        if profile is not None:
            messages.success(request, _("The profile has been created. Now add competences."))
            return redirect("competences:profile_competences", pk=profile.pk)
    return render(request, "competences/profile_form.html", {"form": form})


@login_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access_profile(user=request.user, pk=pk)
    context = {
        "profile": profile,
        "can_change": request.user.has_perm("competences.change_profile", profile),
        "competences": profile.competences.order_by("label"),
        "languages": ", ".join(
            str(Language(code).label) for code in profile.languages if code in Language.values
        ),
    }
    return render(request, "competences/profile_detail.html", context)


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    profile = access_profile(user=user, pk=pk, rule="competences.change_profile")
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.profile_update, actor=user, profile=profile, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(profile)
    return render(request, "competences/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
def profile_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    profile = access_profile(user=user, pk=pk, rule="competences.change_profile")
    if call_action(
        request,
        services.profile_delete,
        actor=user,
        profile=profile,
        success=_("The profile has been deleted."),
    ):
        return redirect("competences:index")
    return redirect(profile)


def _concept_or_404(form: ConceptAddForm) -> Concept:
    return get_object_or_404(Concept, pk=form.cleaned_data["concept"])


@login_required
def profile_competences(request: HttpRequest, pk: int) -> HttpResponse:
    """Search the taxonomy as you type and add competences; remove those the profile has."""
    user = signed_in(request.user)
    profile = access_profile(user=user, pk=pk, rule="competences.change_profile")
    if request.method == "POST":
        form = ConceptAddForm(request.POST)
        if form.is_valid():
            concept = _concept_or_404(form)
            service = (
                services.profile_competence_remove
                if "remove" in request.POST
                else services.profile_competence_add
            )
            call_service(form, service, actor=user, profile=profile, concept=concept)
        if form.is_valid():
            messages.success(request, _("The competences have been saved."))
        else:
            report_form_errors(request, form)
        query = request.POST.get("q", "")[:100]
        target = f"{request.path}?q={query}" if query and "remove" not in request.POST else ""
        return redirect(target or request.path)
    query = request.GET.get("q", "")
    context = {
        "profile": profile,
        "query": query[:100],
        "results": concept_search(query=query),
        "chosen": profile.competences.order_by("label"),
    }
    return render(request, "competences/profile_competences.html", context)


@login_required
def profile_matches(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    profile = access_profile(user=user, pk=pk, rule="competences.change_profile")
    context = {"profile": profile, "matches": matches_for_profile(user=user, profile=profile)}
    return render(request, "competences/profile_matches.html", context)


# --- Needs for competence -------------------------------------------------------------------


@login_required
def need_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, CompetenceNeedFilter, competence_need_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
    }
    return render(request, "competences/need_list.html", context)


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    form = CompetenceNeedForm(request.POST or None, targets=targets_for(user=user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("target")
        need = call_service(form, services.competence_need_create, actor=user, **data, **target)
        if need is not None:
            messages.success(request, _("The need has been saved. Now say what it requires."))
            return redirect("competences:need_requirements", pk=need.pk)
    return render(request, "competences/need_form.html", {"form": form})


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_competence_need(user=request.user, pk=pk)
    context = {
        "need": need,
        "requirements": list(need.requirements.all()),
        "can_change": request.user.has_perm("competences.change_need", need),
        "can_match": request.user.has_perm("competences.match_need", need),
    }
    return render(request, "competences/need_detail.html", context)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.change_need")
    form = CompetenceNeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.competence_need_update, actor=user, need=need, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(need)
    return render(request, "competences/need_form.html", {"form": form, "need": need})


@login_required
def need_requirements(request: HttpRequest, pk: int) -> HttpResponse:
    """What the need requires: competences searched as you type, dimensions and sectors."""
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.change_need")
    dimension_form = DimensionRequirementForm(prefix="dimension")
    sector_form = SectorRequirementForm(prefix="sector")
    if request.method == "POST":
        which = request.POST.get("add", "")
        form: Any
        arguments: dict[str, Any] = {}
        if which == "dimension":
            form = dimension_form = DimensionRequirementForm(request.POST, prefix="dimension")
        elif which == "sector":
            form = sector_form = SectorRequirementForm(request.POST, prefix="sector")
        else:
            form = ConceptAddForm(request.POST)
        if form.is_valid():
            arguments = dict(form.cleaned_data)
            if isinstance(form, ConceptAddForm):
                arguments["concept"] = _concept_or_404(form)
                arguments["importance"] = arguments.get("importance") or Importance.MUST
            call_service(form, services.requirement_add, actor=user, need=need, **arguments)
        if form.is_valid():
            messages.success(request, _("The requirement has been added."))
            query = request.POST.get("q", "")[:100]
            return redirect(f"{request.path}?q={query}" if query else request.path)
        if isinstance(form, ConceptAddForm):
            report_form_errors(request, form)
            return redirect(request.path)
    query = request.GET.get("q", "")
    context = {
        "need": need,
        "query": query[:100],
        "results": concept_search(query=query),
        "requirements": list(need.requirements.all()),
        "dimension_form": dimension_form,
        "sector_form": sector_form,
        "importances": Importance.choices,
    }
    return render(request, "competences/need_requirements.html", context)


@login_required
@require_POST
def requirement_remove(request: HttpRequest, pk: int, requirement_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.change_need")
    requirement = get_object_or_404(need.requirements.all(), pk=requirement_pk)
    call_action(
        request,
        services.requirement_remove,
        actor=user,
        requirement=requirement,
        success=_("The requirement has been removed."),
    )
    return redirect("competences:need_requirements", pk=need.pk)


@login_required
def need_matches(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.match_need")
    sent = sent_to(user=user, need=need)
    matches = matches_for_need(user=user, need=need)
    context = {"need": need, "rows": [(m, sent.get(m.profile.pk)) for m in matches]}
    return render(request, "competences/need_matches.html", context)


@login_required
def need_team(request: HttpRequest, pk: int) -> HttpResponse:
    """The team builder; its settings and locks are in the address, so re-running is a GET."""
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.match_need")
    pool = matches_for_need(user=user, need=need, limit=TEAM_POOL)
    choices = [(m.profile.pk, f"{m.profile.owner_name}: {m.profile.title}") for m in pool]
    asked = "min_size" in request.GET
    form = TeamForm(
        request.GET if asked else None, candidates=choices, initial={"min_size": 2, "max_size": 5}
    )
    proposal = None
    if asked and form.is_valid():
        proposal = propose_team(
            need=need,
            matches=pool,
            min_size=form.cleaned_data["min_size"],
            max_size=form.cleaned_data["max_size"],
            locked_in=set(form.cleaned_data["lock_in"]),
            locked_out=set(form.cleaned_data["lock_out"]),
        )
    sent = sent_to(user=user, need=need)
    context = {
        "need": need,
        "form": form,
        "proposal": proposal,
        "member_rows": [(m, sent.get(m.profile.pk)) for m in proposal.members] if proposal else [],
        "pool_size": len(pool),
    }
    return render(request, "competences/need_team.html", context)


# --- Interest requests ----------------------------------------------------------------------


@login_required
def request_send(request: HttpRequest, pk: int, profile_pk: int) -> HttpResponse:
    user = signed_in(request.user)
    need = access_competence_need(user=user, pk=pk, rule="competences.match_need")
    profile: Profile = access_profile(user=user, pk=profile_pk)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = call_service(
            form, services.request_send, actor=user, need=need, profile=profile, **form.cleaned_data
        )
        if sent is not None:
            messages.success(request, _("The request has been sent."))
            return redirect(sent)
    return render(
        request, "competences/request_form.html", {"form": form, "need": need, "profile": profile}
    )


@login_required
def request_list_view(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    page = paginate(request, request_list(user=user), per_page=PER_PAGE)
    rows = [
        {
            "request": item,
            "status": status_seen_by(user=user, request=item),
            "sent_by_me": item.sender_id == user.pk,
        }
        for item in page.object_list
    ]
    return render(request, "competences/request_list.html", {"page_obj": page, "rows": rows})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    interest = access_request(user=user, pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.message_post, actor=user, request=interest, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, _("The message has been sent."))
            return redirect(interest)
    accepted = contact_visible(user=user, request=interest)
    context = {
        "interest": interest,
        "status": status_seen_by(user=user, request=interest),
        "contact_visible": accepted,
        "messages_list": request_messages(request=interest) if accepted else [],
        "form": form,
        "can_answer": user.has_perm("competences.answer_request", interest),
        "can_withdraw": user.has_perm("competences.withdraw_request", interest),
        "can_write": user.has_perm("competences.write_message", interest),
        "sent_by_me": interest.sender_id == user.pk,
        "accepted": interest.status == RequestStatus.ACCEPTED,
    }
    return render(request, "competences/request_detail.html", context)


def _request_action(request: HttpRequest, pk: int, service: Any, success: str) -> HttpResponse:
    user = signed_in(request.user)
    interest = access_request(user=user, pk=pk)
    call_action(request, service, actor=user, request=interest, success=success)
    return redirect(interest)


@login_required
@require_POST
def request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_action(
        request,
        pk,
        services.request_accept,
        _("You said yes. You can now see each other's contact details."),
    )


@login_required
@require_POST
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_action(
        request,
        pk,
        services.request_decline,
        _("You said no. The sender is not told."),
    )


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_action(
        request, pk, services.request_withdraw, _("The request has been withdrawn.")
    )
