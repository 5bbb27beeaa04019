"""Reads of the methods toolbox: visibility, lists, a method's page, ratings, versions, diffs.

``methods_visible_to`` is the rule ``methods.view_method`` as a query (``methods/rules.py``);
change both together.
"""

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from samskapa.core.access import Viewer, access, require
from samskapa.core.predicates import has_any_role, is_superuser
from samskapa.core.search import search
from samskapa.geo.models import Municipality
from samskapa.methods.models import (
    PUBLIC_METHOD_STATUSES,
    Adaptation,
    ExperienceReport,
    Method,
    MethodStatus,
    MethodStep,
    MethodVersion,
    Rating,
    RatingAspect,
)
from samskapa.methods.rules import FACILITATOR_ROLES

SEARCH_FIELDS = ("title", "summary", "purpose")


def may_curate(user: Viewer) -> bool:
    return is_superuser(user) or has_any_role(user, FACILITATOR_ROLES)


def methods_visible_to(*, user: Viewer) -> QuerySet[Method]:
    """Published, retired and merged methods; proposals to their proposer and the facilitators.

    The rule ``methods.view_method`` as a query.
    """
    methods = Method.objects.all()
    if may_curate(user):
        return methods
    public = Q(status__in=PUBLIC_METHOD_STATUSES)
    if getattr(user, "is_authenticated", False):
        return methods.filter(public | Q(proposed_by_id=user.pk))
    return methods.filter(public)


def method_list(*, user: Viewer, query: str = "") -> QuerySet[Method]:
    """Methods for the toolbox page, the API and the site search.

    Without a query: the published methods, featured first, then by title (a retired or merged
    method is reached from its link, not listed). With one: the best matches among them.
    """
    methods = methods_visible_to(user=user).filter(status=MethodStatus.PUBLISHED)
    if query:
        return search(methods, query, fields=SEARCH_FIELDS)
    return methods.order_by("-is_featured", "title", "pk")


def method_proposals(*, user: Viewer) -> QuerySet[Method]:
    """Proposals waiting for a facilitator's review, oldest first (none for anyone else)."""
    if not may_curate(user):
        return Method.objects.none()
    return (
        Method.objects.filter(status=MethodStatus.PROPOSED)
        .select_related("proposed_by")
        .order_by("created_at", "pk")
    )


def methods_proposed_by(*, user: Viewer) -> QuerySet[Method]:
    if not getattr(user, "is_authenticated", False):
        return Method.objects.none()
    return Method.objects.filter(proposed_by_id=user.pk).order_by("-created_at", "pk")


def method_detail_queryset(*, user: Viewer) -> QuerySet[Method]:
    """Visible methods with everything the method page shows, in a fixed number of queries."""
    return (
        methods_visible_to(user=user)
        .select_related("merged_into", "proposed_by")
        .prefetch_related(
            "target_groups",
            "dimensions",
            "sdg_targets__goal",
            Prefetch("steps", queryset=MethodStep.objects.order_by("position")),
            Prefetch(
                "adaptations",
                queryset=Adaptation.objects.select_related("municipality", "organisation").order_by(
                    "municipality__name", "-created_at", "pk"
                ),
            ),
            Prefetch(
                "reports",
                queryset=ExperienceReport.objects.select_related(
                    "municipality", "organisation", "adaptation"
                )
                .prefetch_related("ratings")
                .order_by("-used_on", "-pk"),
            ),
            Prefetch(
                "versions",
                queryset=MethodVersion.objects.select_related("created_by").order_by("-number"),
            ),
        )
    )


def access_method(*, user: Viewer, slug: str, rule: str | None = None) -> Method:
    """The method ``slug`` with what its page shows: 404 unless ``user`` may see it, 403 unless
    they may also do ``rule`` on it."""
    return access(
        method_detail_queryset(user=user),
        user=user,
        view_permission="methods.view_method",
        permission=rule,
        slug=slug,
    )


def access_adaptation(
    *, user: Viewer, method_slug: str, pk: int, rule: str | None = None
) -> Adaptation:
    """Adaptation ``pk`` of a method ``user`` may see; 403 unless they may do ``rule`` on it."""
    method = access_method(user=user, slug=method_slug)
    adaptation = get_object_or_404(Adaptation, method=method, pk=pk)
    adaptation.method = method
    if rule is not None:
        require(user, rule, adaptation)
    return adaptation


def access_report(
    *, user: Viewer, method_slug: str, pk: int, rule: str | None = None
) -> ExperienceReport:
    """Experience report ``pk`` of a method ``user`` may see; 403 unless they may do ``rule``."""
    method = access_method(user=user, slug=method_slug)
    report = get_object_or_404(ExperienceReport, method=method, pk=pk)
    report.method = method
    if rule is not None:
        require(user, rule, report)
    return report


def access_version(*, user: Viewer, method_slug: str, number: int) -> MethodVersion:
    method = access_method(user=user, slug=method_slug)
    version = get_object_or_404(MethodVersion, method=method, number=number)
    version.method = method
    return version


# --- Ratings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AspectSummary:
    aspect: str
    label: str
    average: float | None
    count: int
    # How many reports gave 1, 2, 3, 4 and 5, with each bar's share of the largest.
    distribution: list[tuple[int, int, int]]


def rating_summary(*, method: Method) -> list[AspectSummary]:
    """Average and distribution of the scores per aspect, from the prefetched reports."""
    scores: dict[str, list[int]] = {aspect.value: [] for aspect in RatingAspect}
    for report in method.reports.all():
        for rating in report.ratings.all():
            scores[rating.aspect].append(rating.score)
    summaries = []
    for aspect in RatingAspect:
        given = scores[aspect.value]
        counts = [given.count(score) for score in range(1, 6)]
        largest = max(counts) or 1
        summaries.append(
            AspectSummary(
                aspect=aspect.value,
                label=str(aspect.label),
                average=round(sum(given) / len(given), 1) if given else None,
                count=len(given),
                distribution=[
                    (score, count, round(count * 100 / largest))
                    for score, count in zip(range(1, 6), counts, strict=True)
                ],
            )
        )
    return summaries


def report_average(report: ExperienceReport) -> float | None:
    """The mean of a report's prefetched ratings."""
    scores = [rating.score for rating in report.ratings.all()]
    return round(sum(scores) / len(scores), 1) if scores else None


def method_rating_average(*, method: Method) -> tuple[float | None, int]:
    """The mean of every score given to ``method`` and the number of reports (from the database)."""
    scores = list(Rating.objects.filter(report__method=method).values_list("score", flat=True))
    reports = ExperienceReport.objects.filter(method=method).count()
    return (sum(scores) / len(scores) if scores else None), reports


# --- Versions ----------------------------------------------------------------------------------


def version_text(content: dict[str, Any]) -> list[str]:
    """A version as lines of text to compare: each field under its heading, then the steps."""
    labels = {
        "title": _("Title"),
        "summary": _("Summary"),
        "purpose": _("Purpose"),
        "phase": _("When to use it"),
        "roles": _("Roles needed"),
        "materials": _("Materials"),
        "licence": _("Licence"),
        "authors": _("Authors"),
        "target_groups": _("Target groups"),
        "dimensions": _("Sustainability dimensions"),
        "sdg_targets": _("SDG targets"),
    }
    lines: list[str] = []
    for key, label in labels.items():
        value = content.get(key, "")
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        lines.append(f"## {label}")
        lines.extend(str(value).splitlines() or [""])
    for number, step in enumerate(content.get("steps", []), start=1):
        lines.append(
            "## "
            + _("Step %(number)d: %(title)s (%(minutes)d min)")
            % {"number": number, "title": step.get("title", ""), "minutes": step.get("minutes", 0)}
        )
        lines.extend(str(step.get("description", "")).splitlines())
    return lines


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def version_diff(*, older: MethodVersion | None, newer: MethodVersion) -> list[DiffLine]:
    """What changed from ``older`` to ``newer``, line by line (everything added if no older)."""
    before = version_text(older.content) if older is not None else []
    after = version_text(newer.content)
    lines = []
    for line in difflib.ndiff(before, after):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
        lines.append(DiffLine(kind=kind, text=text))
    return lines


def previous_version(version: MethodVersion) -> MethodVersion | None:
    return (
        MethodVersion.objects.filter(method_id=version.method_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


# --- Methods for a need ------------------------------------------------------------------------

SUGGESTED_METHODS = 5


def methods_for_need(*, stakeholder_group_id: int | None, dimension_ids: list[int]) -> list[Method]:
    """Published methods made for the need's kind: its target group or its sustainability
    dimensions, those matching both first, then the best rated; one query."""
    group_match = Method.target_groups.through.objects.filter(
        # A need without a target group matches on its dimensions only (no group has id 0).
        method_id=OuterRef("pk"),
        stakeholdergroup_id=stakeholder_group_id or 0,
    )
    dimension_match = Method.dimensions.through.objects.filter(
        method_id=OuterRef("pk"), sustainabilitydimension_id__in=dimension_ids
    )
    matching = Method.objects.filter(status=MethodStatus.PUBLISHED).filter(
        Q(Exists(group_match)) | Q(Exists(dimension_match))
    )
    return list(
        matching.annotate(
            fits_group=Exists(group_match), fits_dimension=Exists(dimension_match)
        ).order_by(
            "-fits_group",
            "-fits_dimension",
            F("rating_average").desc(nulls_last=True),
            "title",
        )[:SUGGESTED_METHODS]
    )


def municipalities_using_methods() -> QuerySet[Municipality]:
    """The municipalities that have adapted a method or reported on using one (the filter's
    choices). Two ``IN`` conditions rather than a ``UNION``, which SQLite refuses when the
    models have a default ordering."""
    return Municipality.objects.filter(
        Q(pk__in=Adaptation.objects.values("municipality_id"))
        | Q(pk__in=ExperienceReport.objects.values("municipality_id"))
    ).order_by("name")
