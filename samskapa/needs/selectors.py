"""Reads of needs, campaigns and clusters: every list starts from ``needs_visible_to``.

Views, the API and other apps fetch one need, campaign or cluster through ``access_need``,
``access_campaign`` and ``access_cluster``: the object, or 404 when the reader may not see it
and 403 when they may see it but not do what they asked.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from samskapa.accounts.models import User
from samskapa.core.access import Viewer, access
from samskapa.core.models import Visibility
from samskapa.core.pagination import count_narrowed
from samskapa.core.predicates import (
    LEADER_ROLES,
    MODERATOR_ROLES,
    has_any_role,
    is_superuser,
    organisation_ids,
    project_ids,
)
from samskapa.core.search import search
from samskapa.geo.models import Municipality
from samskapa.needs import clustering
from samskapa.needs.models import (
    Campaign,
    Cluster,
    ModerationEvent,
    Need,
    NeedReport,
    NeedSupport,
    PriorityWeights,
)
from samskapa.organisations.models import Membership, Organisation
from samskapa.projects.models import Project
from samskapa.projects.selectors import projects_visible_to

NEED_SEARCH_FIELDS = ("title", "description", "area")
SORTS = {"newest": ("-created_at", "-id"), "supported": ("-support_count", "-id")}


def _scopes(user: Viewer) -> tuple[Q, Q]:
    """(projects the user moderates, projects the user is a member of), as conditions on a need."""
    moderated = Q(project_id__in=project_ids(user, MODERATOR_ROLES)) | Q(
        project__organisation_id__in=organisation_ids(user, MODERATOR_ROLES)
    )
    member = Q(project_id__in=project_ids(user)) | Q(
        project__organisation_id__in=organisation_ids(user)
    )
    return moderated, member


def needs_visible_to(*, user: Viewer) -> QuerySet[Need]:
    """Needs ``user`` may see: the query form of the rule ``needs.view_need``.

    Public needs of projects they may see; members-only needs of projects they take part in;
    their own needs; and, for the project's leaders and moderators, everything including private
    needs and needs a moderator has hidden. Hidden needs are gone for everyone else; a need
    awaiting a moderator's approval (pre-moderated campaigns) is seen only by its author and
    the moderators.
    """
    needs = Need.objects.all()
    if is_superuser(user):
        return needs
    if user is None or not user.is_authenticated:  # None: counted for nobody in particular
        return needs.filter(
            is_hidden=False,
            awaiting_approval=False,
            visibility=Visibility.PUBLIC,
            project__visibility=Visibility.PUBLIC,
        )
    moderated, member = _scopes(user)
    visible = Q(awaiting_approval=False) & (
        Q(visibility=Visibility.PUBLIC) & (Q(project__visibility=Visibility.PUBLIC) | member)
        | Q(visibility=Visibility.MEMBERS) & member
    ) | Q(author=user)
    return needs.filter(moderated | (Q(is_hidden=False) & visible))


def _with_support_flag(needs: QuerySet[Need], user: Viewer) -> QuerySet[Need]:
    if not user.is_authenticated:
        return needs.annotate(supported_by_user=Value(False))
    return needs.annotate(
        supported_by_user=Exists(NeedSupport.objects.filter(need=OuterRef("pk"), user=user))
    )


def needs_sorted(needs: QuerySet[Need], *, query: str = "", sort: str = "newest") -> QuerySet[Need]:
    """``needs`` matching ``query``, best match first (or most supported first), else sorted.

    Apply it after every other filter: a search ranks only the newest matches of what is left.
    """
    if query:
        needs = search(needs, query, fields=NEED_SEARCH_FIELDS, place="municipality")
        return needs.order_by(*SORTS["supported"]) if sort == "supported" else needs
    return needs.order_by(*SORTS.get(sort, SORTS["newest"]))


def need_list(*, user: Viewer, query: str = "", sort: str = "newest") -> QuerySet[Need]:
    """The needs ``user`` may see, searched and sorted, with what a row of a list shows loaded.

    Without a query, newest first: the list page, its export and the API start from that and
    narrow it with ``needs.filters.NeedFilter``; the site search gives a query.
    """
    needs = (
        needs_visible_to(user=user)
        .select_related("project", "municipality", "stakeholder_group", "campaign")
        .prefetch_related("dimensions")
    )
    return needs_sorted(_with_support_flag(needs, user), query=query, sort=sort)


def project_need_list(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The needs of one project, newest first; counted as a narrowed list (core.pagination)."""
    return count_narrowed(need_list(user=user).filter(project=project))


def campaign_need_list(*, user: Viewer, campaign: Campaign) -> QuerySet[Need]:
    """The needs submitted in one campaign, newest first; counted as a narrowed list."""
    return count_narrowed(need_list(user=user).filter(campaign=campaign))


def projects_with_needs(*, user: Viewer) -> QuerySet[Project, Any]:
    """Slug and name of the projects ``user`` may see that have a need, for the list's filter."""
    # EXISTS rather than a join + DISTINCT: the join multiplied the projects by every need
    # (300,000 in the benchmark) before removing duplicates, and took over two seconds.
    # Plain dicts: a <select> of hundreds of projects needs no model instances.
    return (
        projects_visible_to(user=user)
        .filter(Exists(Need.objects.filter(project=OuterRef("pk"))))
        .order_by("name")
        .values("slug", "name")
    )


def need_detail_queryset(*, user: Viewer) -> QuerySet[Need]:
    return _with_support_flag(
        needs_visible_to(user=user)
        .select_related(
            "project__organisation",
            "project__municipality",
            "campaign",
            "municipality",
            "stakeholder_group",
            "author",
            "organisation",
            "responsible_unit",
            "cluster",
        )
        .prefetch_related(
            "dimensions",
            "sdg_targets__goal",
            Prefetch("moderation_events", queryset=ModerationEvent.objects.select_related("actor")),
        ),
        user,
    )


def access_need(*, user: Viewer, pk: int, rule: str | None = None) -> Need:
    """The need ``pk`` with what its page shows, if ``user`` may see it (and do ``rule``).

    404 if they may not see it, so that private and hidden needs do not leak; 403 if they may
    see it but ``rule`` (``needs.change_need``, ``needs.moderate_need`` ...) does not allow.
    """
    return access(
        need_detail_queryset(user=user),
        user=user,
        view_permission="needs.view_need",
        permission=rule,
        pk=pk,
    )


def campaigns_visible_to(*, user: Viewer) -> QuerySet[Campaign]:
    """Campaigns of the projects ``user`` may see: the query form of ``needs.view_campaign``."""
    campaigns = Campaign.objects.all()
    if is_superuser(user):
        return campaigns
    return campaigns.filter(project__in=projects_visible_to(user=user).values("pk"))


def access_campaign(*, user: Viewer, pk: int, rule: str | None = None) -> Campaign:
    """The campaign ``pk`` if ``user`` may see it (and do ``rule``, e.g. ``needs.manage_campaign``)."""
    return access(
        campaigns_visible_to(user=user)
        .select_related("project__organisation")
        .prefetch_related("stakeholder_groups"),
        user=user,
        view_permission="needs.view_campaign",
        permission=rule,
        pk=pk,
    )


def access_cluster(*, user: Viewer, pk: int, rule: str | None = None) -> Cluster:
    """The cluster ``pk`` if ``user`` may work with the project's clusters (and do ``rule``,
    e.g. ``needs.prioritise_need``); 404 otherwise.

    Clusters are the leaders' tool for sorting needs and are shown to nobody else, so to
    everybody else a cluster answers as if it did not exist.
    """
    return access(
        Cluster.objects.select_related("project__organisation"),
        user=user,
        view_permission="needs.manage_clusters",
        permission=rule,
        pk=pk,
    )


def need_challenges(*, need: Need) -> list[Any]:
    """What became of the need so far: the challenges (open calls) that answer it."""
    related = getattr(need, "challenges", None)
    if related is None:  # the ideas app is not installed
        return []
    return list(related.select_related("project").order_by("-deadline"))


def similar_needs(
    *, user: Viewer, project: Project, text: str, exclude_pk: int | None = None, limit: int = 5
) -> list[Need]:
    """Needs of ``project`` the user may see whose words overlap most with ``text``.

    Any shared content word counts (an OR query), best overlap first, so that a person typing
    a need finds the one already there and can support it instead.
    """
    stems = clustering.stems(text)
    if not stems:
        return []
    needs = _with_support_flag(
        needs_visible_to(user=user).filter(project=project).select_related("stakeholder_group"),
        user,
    )
    if exclude_pk:
        needs = needs.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # The words are letters only (clustering.words), so they are safe in a raw tsquery;
        # PostgreSQL stems them with its own Swedish dictionary, like the indexed column.
        raw = " | ".join(sorted(set(clustering.words(text))))
        ts_query = SearchQuery(raw, config="swedish", search_type="raw")
        return list(
            needs.filter(search_vector=ts_query)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "-support_count", "-id")[:limit]
        )
    # SQLite: candidates sharing any stem, ranked by how many stems they share.
    condition = Q()
    for stem in set(stems):
        condition |= Q(title__icontains=stem) | Q(description__icontains=stem)
    candidates = list(needs.filter(condition).order_by("-support_count", "-id")[:100])
    wanted = set(stems)

    def overlap(need: Need) -> int:
        return len(wanted & set(clustering.stems(f"{need.title} {need.description}")))

    candidates.sort(key=lambda need: -overlap(need))
    return candidates[:limit]


def moderates_any_project(*, user: Viewer) -> bool:
    """Whether ``user`` moderates or leads any project, directly or through its organisation:
    who sees the moderation queue and the link to it."""
    return is_superuser(user) or has_any_role(user, MODERATOR_ROLES)


def moderation_queue(*, user: Viewer) -> QuerySet[Need]:
    """Needs of the projects ``user`` moderates or leads, newest first.

    Needs awaiting approval come first, then those with open reports (each counted in
    ``open_report_count``). The page narrows the list with ``needs.filters.ModerationFilter``.
    """
    needs = needs_visible_to(user=user)
    if not is_superuser(user):
        moderated, _member = _scopes(user)
        needs = needs.filter(moderated)
    open_reports = NeedReport.objects.filter(need=OuterRef("pk"), resolved_at__isnull=True)
    return (
        needs.select_related("project", "author", "stakeholder_group")
        .annotate(
            open_report_count=Coalesce(
                Subquery(
                    open_reports.order_by().values("need").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )
        )
        .order_by("-awaiting_approval", "-open_report_count", "-created_at", "-id")
    )


def campaigns_of(*, project: Project) -> QuerySet[Campaign]:
    return project.campaigns.prefetch_related("stakeholder_groups").order_by("-opens_on", "title")


def open_campaigns(*, project: Project, today: datetime.date) -> QuerySet[Campaign]:
    return project.campaigns.filter(opens_on__lte=today, closes_on__gte=today)


def project_needs_by_title(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The needs of ``project`` that ``user`` may see, by title: the choices of a cluster form."""
    return needs_visible_to(user=user).filter(project=project).order_by("title", "pk")


def unclustered_needs(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The project's needs that are in no cluster yet (and not hidden), by title."""
    return (
        needs_visible_to(user=user)
        .filter(project=project, is_hidden=False, cluster__isnull=True)
        .order_by("title", "pk")
    )


def clusters_of(*, user: Viewer, project: Project) -> QuerySet[Cluster]:
    needs = needs_visible_to(user=user).filter(project=project).order_by("title")
    return project.need_clusters.prefetch_related(Prefetch("needs", queryset=needs)).order_by(
        "name"
    )


def cluster_suggestions(
    *, user: Viewer, project: Project, distance_threshold: float = clustering.DEFAULT_DISTANCE
) -> list[clustering.Suggestion]:
    """Groups of the project's not yet clustered needs, found by ``clustering.cluster_texts``."""
    needs = {
        need.pk: need
        for need in needs_visible_to(user=user)
        .filter(project=project, is_hidden=False, cluster__isnull=True)
        .order_by("id")
    }
    suggestions = clustering.cluster_texts(
        [(pk, f"{need.title}. {need.description}") for pk, need in needs.items()],
        distance_threshold=distance_threshold,
    )
    for suggestion in suggestions:
        suggestion.needs = [needs[pk] for pk in suggestion.need_ids]
    return suggestions


def priority_weights_of(*, project: Project) -> PriorityWeights:
    """The project's weights, or the defaults (unsaved) if the leader has not set any."""
    try:
        return PriorityWeights.objects.get(project=project)
    except PriorityWeights.DoesNotExist:
        return PriorityWeights(project=project)


@dataclass(frozen=True)
class Component:
    name: str
    value: float | None
    weight: int


def needs_ranked(*, user: Viewer, project: Project) -> QuerySet[Need]:
    """The project's needs with their priority score, highest first.

    The score is the weighted mean of reach, urgency, goal fit (each 1-5, set by the leader)
    and support, put on the same scale: 1 + 4 x (the need's supporters / the most any need of
    the project has). A component not yet scored leaves the mean, so its weight does too.
    Unscored needs come last. ``support_score`` and the weights are annotated so that the page
    can show every part of the sum.
    """
    weights = priority_weights_of(project=project)
    needs = needs_visible_to(user=user).filter(project=project, is_hidden=False)
    most = needs.aggregate(most=Max("support_count"))["most"] or 0
    support_score: Any = (
        Value(1.0) + Value(4.0) * Cast(F("support_count"), FloatField()) / Value(float(most))
        if most
        else Value(1.0)
    )
    numerator: Any = Value(weights.support, output_field=FloatField()) * support_score
    denominator: Any = Value(weights.support, output_field=FloatField())
    for name in ("reach", "urgency", "goal_fit"):
        weight = float(getattr(weights, name))
        numerator = numerator + Coalesce(Cast(F(name), FloatField()) * Value(weight), Value(0.0))
        denominator = denominator + Case(
            When(**{f"{name}__isnull": False}, then=Value(weight)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    scored = Q(reach__isnull=False) | Q(urgency__isnull=False) | Q(goal_fit__isnull=False)
    return (
        needs.select_related("stakeholder_group", "cluster")
        .annotate(
            support_score=Cast(support_score, FloatField()),
            priority_score=Case(
                When(scored, then=numerator / NullIf(denominator, Value(0.0))),
                default=None,
                output_field=FloatField(),
            ),
        )
        .order_by(F("priority_score").desc(nulls_last=True), "-support_count", "-id")
    )


@dataclass(frozen=True)
class PriorityExample:
    """A worked example of the score with a project's own weights, for the page to explain."""

    reach: int
    urgency: int
    goal_fit: int
    supporters: int
    most_supporters: int
    support: float
    weights: PriorityWeights
    score: float


def priority_example(weights: PriorityWeights) -> PriorityExample:
    """A need scored 4, 2 and 5 with 5 supporters where the most supported need has 10."""
    reach, urgency, goal_fit, supporters, most = 4, 2, 5, 5, 10
    support = 1 + 4 * supporters / most
    parts = [
        (weights.reach, reach),
        (weights.urgency, urgency),
        (weights.goal_fit, goal_fit),
        (weights.support, support),
    ]
    total_weight = sum(weight for weight, _value in parts)
    score = sum(weight * value for weight, value in parts) / total_weight if total_weight else 0
    return PriorityExample(
        reach=reach,
        urgency=urgency,
        goal_fit=goal_fit,
        supporters=supporters,
        most_supporters=most,
        support=support,
        weights=weights,
        score=score,
    )


def score_components(need: Need, weights: PriorityWeights) -> list[Component]:
    """The parts of a ranked need's score, for showing the reasons next to it."""
    return [
        Component("reach", need.reach, weights.reach),
        Component("urgency", need.urgency, weights.urgency),
        Component("goal_fit", need.goal_fit, weights.goal_fit),
        Component("support", round(need.support_score, 2), weights.support),  # type: ignore[attr-defined]
    ]


def project_leaders(*, project: Project) -> QuerySet[User]:
    """The active people who lead ``project``: its own leaders and those of its organisation."""
    memberships = Membership.objects.filter(
        Q(project=project) | Q(organisation_id=project.organisation_id), role__in=LEADER_ROLES
    )
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True)


def project_moderators(*, project: Project) -> QuerySet[User]:
    """The active people who moderate ``project`` (its leaders and moderators, or its
    organisation's)."""
    memberships = Membership.objects.filter(
        Q(project=project) | Q(organisation_id=project.organisation_id), role__in=MODERATOR_ROLES
    )
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True)


def organisations_to_act_for(*, user: Viewer, keeping: int | None = None) -> QuerySet[Organisation]:
    """Organisations ``user`` may write on behalf of, by name (plus ``keeping``, the one an
    edited need or idea already names, which it may keep).

    The query form of ``core.predicates.may_act_for_organisation``, which the services check:
    those they have any role in; the platform administrator may act for any.
    """
    organisations = Organisation.objects.order_by("name", "pk")
    if is_superuser(user):
        return organisations
    return organisations.filter(Q(pk__in=organisation_ids(user)) | Q(pk=keeping))


def municipalities_for_project(
    *, project: Project, keeping: int | None = None
) -> QuerySet[Municipality]:
    """Where a need or idea of ``project`` may be placed: the project's own municipality
    (plus ``keeping``, the one an edited need or idea already names, which it may keep).

    A need counts in the portfolio of the municipality it is placed in, so one project's
    needs must not turn up in a municipality that has nothing to do with it.
    """
    return Municipality.objects.filter(Q(pk=project.municipality_id) | Q(pk=keeping))
