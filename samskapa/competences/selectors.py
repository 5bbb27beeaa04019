"""Reads of competence matchmaking: visibility as queries, lists, matches, teams, contact details.

``profiles_visible_to`` is the rule ``competences.view_profile`` as a query,
``competence_needs_visible_to`` is ``competences.view_need`` and ``requests_visible_to`` is
``competences.view_request`` (``competences/rules.py``); change each together with its rule.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.competences import matching
from samskapa.competences.models import (
    OPEN_REQUEST_STATUSES,
    CompetenceNeed,
    Concept,
    Importance,
    InterestRequest,
    Message,
    Profile,
    RequestStatus,
    RequirementKind,
)
from samskapa.competences.teams import COVERS_AT, Candidate, Team, build_team
from samskapa.core.access import Viewer, access
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.core.predicates import LEADER_ROLES, is_superuser, organisation_ids
from samskapa.ideas.models import Challenge
from samskapa.ideas.selectors import challenges_visible_to
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiatives_led_by, initiatives_visible_to
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_led_by, projects_visible_to

# A decline is private: the sender sees the request as waiting until it lapses after this long.
REQUEST_LAPSES_AFTER = datetime.timedelta(days=30)


# --- Profiles -------------------------------------------------------------------------------


def _owned_profiles(user: Viewer) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(user=user) | Q(organisation_id__in=organisation_ids(user, LEADER_ROLES))


def profiles_visible_to(*, user: Viewer) -> QuerySet[Profile]:
    """Published profiles for registered users; one's own (also unpublished) for the owner."""
    profiles = Profile.objects.all()
    if is_superuser(user):
        return profiles
    if not user.is_authenticated:
        return profiles.none()
    return profiles.filter(Q(is_published=True) | _owned_profiles(user))


def profiles_owned_by(*, user: Viewer) -> QuerySet[Profile]:
    """The person's own profile and those of the organisations they lead."""
    return Profile.objects.filter(_owned_profiles(user)).select_related("user", "organisation")


def access_profile(*, user: Viewer, pk: int, rule: str | None = None) -> Profile:
    return access(
        matching.profile_queryset().prefetch_related("competences"),
        user=user,
        view_permission="competences.view_profile",
        permission=rule,
        pk=pk,
    )


def profile_list(*, user: Viewer) -> QuerySet[Profile]:
    """Profiles for the list page and the API, by headline; the cards' relations prefetched."""
    return (
        profiles_visible_to(user=user)
        .select_related("user", "organisation")
        .prefetch_related(
            "dimensions",
            "municipalities",
            "regions",
            Prefetch("competences", queryset=Concept.objects.all()),
        )
        .order_by("title", "pk")
    )


# --- Needs for competence -------------------------------------------------------------------


def competence_needs_visible_to(*, user: Viewer) -> QuerySet[CompetenceNeed]:
    """Needs for competence whose project, challenge, initiative or need ``user`` may see."""
    needs = CompetenceNeed.objects.all()
    if is_superuser(user):
        return needs
    return needs.filter(
        Q(project__in=projects_visible_to(user=user))
        | Q(challenge__in=challenges_visible_to(user=user))
        | Q(initiative__in=initiatives_visible_to(user=user))
        | Q(need__in=needs_visible_to(user=user))
    )


def access_competence_need(*, user: Viewer, pk: int, rule: str | None = None) -> CompetenceNeed:
    return access(
        matching.need_queryset().select_related(
            "challenge__project", "need__project", "initiative__project", "created_by"
        ),
        user=user,
        view_permission="competences.view_need",
        permission=rule,
        pk=pk,
    )


def competence_need_list(*, user: Viewer) -> QuerySet[CompetenceNeed]:
    return (
        competence_needs_visible_to(user=user)
        .select_related("project", "challenge", "initiative", "need", "municipality")
        .annotate(requirement_count=Count("requirements"))
        .order_by("-created_at", "-pk")
    )


@dataclass
class TargetChoices:
    """What a person may attach a need for competence to: what they may change."""

    projects: QuerySet[Project]
    challenges: QuerySet[Challenge]
    initiatives: QuerySet[Initiative]
    needs: QuerySet[Need]


def targets_for(*, user: Viewer) -> TargetChoices:
    """Projects, challenges, initiatives and needs the user leads (the ``change`` rules)."""
    led = projects_led_by(user=user)
    return TargetChoices(
        projects=led.order_by("name"),
        challenges=challenges_visible_to(user=user).filter(project__in=led).order_by("title"),
        initiatives=initiatives_led_by(user=user).order_by("title"),
        needs=needs_visible_to(user=user).filter(project__in=led).order_by("title"),
    )


def concept_search(*, query: str, limit: int = 20) -> list[Concept]:
    """Concepts whose name contains ``query``; names that start with it first, shortest first."""
    query = " ".join((query or "").split())[:100]
    if len(query) < 2:
        return []
    found = Concept.objects.filter(label__icontains=query)
    starts = list(found.filter(label__istartswith=query).order_by(Length("label"), "label")[:limit])
    if len(starts) < limit:
        starts += list(
            found.exclude(pk__in=[c.pk for c in starts]).order_by(Length("label"), "label")[
                : limit - len(starts)
            ]
        )
    return starts


# --- Matches and teams ----------------------------------------------------------------------


def matchable_profiles(*, user: Viewer) -> QuerySet[Profile]:
    """Published profiles the reader may see: what a need is matched against."""
    return profiles_visible_to(user=user).filter(is_published=True)


def matches_for_need(*, user: Viewer, need: CompetenceNeed, limit: int = 20) -> list[Any]:
    return matching.profiles_for_need(
        need=need, profiles=matchable_profiles(user=user), limit=limit
    )


def matches_for_profile(*, user: Viewer, profile: Profile, limit: int = 20) -> list[Any]:
    return matching.needs_for_profile(
        profile=profile, needs=competence_needs_visible_to(user=user), limit=limit
    )


@dataclass
class TeamProposal:
    team: Team
    members: list[Any]  # matching.Match of each member
    labels: dict[str, str]  # what each element of the universe is called
    universe: list[str]
    candidate_count: int

    @property
    def uncoverable_labels(self) -> list[str]:
        return [self.labels[key] for key in self.universe if key in self.team.uncoverable]

    @property
    def left_uncovered_labels(self) -> list[str]:
        return [self.labels[key] for key in self.universe if key in self.team.left_uncovered]


def team_universe(need: CompetenceNeed) -> tuple[list[str], dict[str, str]]:
    """What a team should cover, and names for people: must-have competences, the three
    dimensions, the four helix sectors."""
    universe: list[str] = []
    labels: dict[str, str] = {}
    for requirement in need.requirements.all():
        if requirement.kind == RequirementKind.COMPETENCE and (
            requirement.importance == Importance.MUST
        ):
            universe.append(f"r{requirement.pk}")
            labels[f"r{requirement.pk}"] = str(requirement.concept.label)  # type: ignore[union-attr]
    for dimension in SustainabilityDimension.objects.order_by("position"):
        universe.append(f"d:{dimension.pk}")
        labels[f"d:{dimension.pk}"] = str(dimension)
    for value, label in HelixSector.choices:
        universe.append(f"s:{value}")
        labels[f"s:{value}"] = str(label)
    return universe, labels


def covers_of(match: Any) -> frozenset[str]:
    """What one member brings to a team."""
    covers = {f"r{m.requirement.pk}" for m in match.competences if m.similarity >= COVERS_AT}
    covers |= {f"d:{d.pk}" for d in match.profile.dimensions.all()}
    covers.add(f"s:{match.profile.helix_sector}")
    return frozenset(covers)


def propose_team(
    *,
    need: CompetenceNeed,
    matches: list[Any],
    min_size: int,
    max_size: int,
    locked_in: set[int],
    locked_out: set[int],
) -> TeamProposal:
    """A team among ``matches`` (the best matches of the need), explained."""
    universe, labels = team_universe(need)
    candidates = [Candidate(pk=m.profile.pk, covers=covers_of(m), score=m.score) for m in matches]
    team = build_team(
        universe=universe,
        candidates=candidates,
        min_size=min_size,
        max_size=max_size,
        locked_in=locked_in,
        locked_out=locked_out,
    )
    by_pk = {m.profile.pk: m for m in matches}
    return TeamProposal(
        team=team,
        members=[by_pk[pk] for pk in team.members],
        labels=labels,
        universe=universe,
        candidate_count=len(candidates),
    )


# --- Interest requests ----------------------------------------------------------------------


def requests_visible_to(*, user: Viewer) -> QuerySet[InterestRequest]:
    """Requests the user sent, and those to profiles they answer for (all for the platform
    administrator, to whom Django grants every rule)."""
    if is_superuser(user):
        return InterestRequest.objects.all()
    if not user.is_authenticated:
        return InterestRequest.objects.none()
    return InterestRequest.objects.filter(
        Q(sender=user) | Q(profile__in=Profile.objects.filter(_owned_profiles(user)))
    )


def access_request(*, user: Viewer, pk: int, rule: str | None = None) -> InterestRequest:
    return access(
        InterestRequest.objects.select_related(
            "need", "profile__user", "profile__organisation", "sender"
        ),
        user=user,
        view_permission="competences.view_request",
        permission=rule,
        pk=pk,
    )


def request_list(*, user: Viewer) -> QuerySet[InterestRequest]:
    return (
        requests_visible_to(user=user)
        .select_related("need", "profile__user", "profile__organisation", "sender")
        .order_by("-created_at", "-pk")
    )


def requests_to_answer(*, user: Viewer) -> QuerySet[InterestRequest]:
    """Pending requests to the profiles the user answers for, oldest first."""
    if not user.is_authenticated:
        return InterestRequest.objects.none()
    return (
        InterestRequest.objects.filter(
            profile__in=Profile.objects.filter(_owned_profiles(user)),
            status=RequestStatus.PENDING,
        )
        .select_related("need", "profile", "sender")
        .order_by("created_at", "pk")
    )


def status_code_seen_by(*, user: Viewer, request: InterestRequest, now: Any = None) -> str:
    """The status as ``user`` may know it: a sender never learns of a decline. To them a
    declined request waits for an answer until it lapses (``lapsed``), as an unanswered one
    would look."""
    now = now or timezone.now()
    if request.status == RequestStatus.DECLINED and request.sender_id == getattr(user, "pk", None):
        return "lapsed" if now - request.created_at > REQUEST_LAPSES_AFTER else "pending"
    return str(request.status)


def status_seen_by(*, user: Viewer, request: InterestRequest, now: Any = None) -> str:
    code = status_code_seen_by(user=user, request=request, now=now)
    return _("No answer") if code == "lapsed" else str(RequestStatus(code).label)


def contact_visible(*, user: Viewer, request: InterestRequest) -> bool:
    """Contact details only when both have said yes, and only to the two sides."""
    return request.status == RequestStatus.ACCEPTED and bool(
        user.has_perm("competences.view_request", request)
    )


def request_messages(*, request: InterestRequest) -> QuerySet[Message]:
    return request.messages.select_related("author").order_by("created_at", "pk")


def profile_answerers(*, profile: Profile) -> QuerySet[User]:
    """Who answers for a profile: the person, or the organisation's leaders."""
    if profile.user_id:
        return User.objects.filter(pk=profile.user_id, is_active=True)
    if profile.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=profile.organisation_id,
        memberships__role__in=LEADER_ROLES,
    ).distinct()


def open_request_exists(*, need: CompetenceNeed, profile: Profile) -> bool:
    return InterestRequest.objects.filter(
        need=need, profile=profile, status__in=OPEN_REQUEST_STATUSES
    ).exists()


def requests_by_sender_since(*, user: User, since: Any) -> int:
    return InterestRequest.objects.filter(sender=user, created_at__gte=since).count()


def recently_closed(*, need: CompetenceNeed, profile: Profile, since: Any) -> bool:
    """A request about the same need and profile ended (declined or withdrawn) after ``since``."""
    return InterestRequest.objects.filter(
        need=need,
        profile=profile,
        status__in=[RequestStatus.DECLINED, RequestStatus.WITHDRAWN],
        created_at__gte=since,
    ).exists()


def sent_to(*, user: Viewer, need: CompetenceNeed) -> dict[int, InterestRequest]:
    """The user's open requests about ``need``, by profile (for the "Send request" buttons)."""
    if not user.is_authenticated:
        return {}
    return {
        r.profile_id: r
        for r in InterestRequest.objects.filter(
            need=need, sender=user, status__in=OPEN_REQUEST_STATUSES
        )
    }
