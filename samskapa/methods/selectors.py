"""Reads of the methods toolbox: visibility, lists, a method's page, ratings, versions, diffs,
material files and lab workshops.

``methods_visible_to`` is the rule ``methods.view_method`` as a query and ``labs_visible_to``
the rule ``methods.view_lab`` (``methods/rules.py``); change each pair together.
"""

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import Viewer, access, require
from samskapa.core.models import Upload
from samskapa.core.predicates import has_any_role, is_superuser
from samskapa.core.search import search, text_matches
from samskapa.geo.models import Municipality
from samskapa.methods.models import (
    PUBLIC_METHOD_STATUSES,
    Adaptation,
    ExperienceReport,
    Lab,
    LabParticipant,
    Method,
    MethodStatus,
    MethodStep,
    MethodVersion,
    Rating,
    RatingAspect,
)
from samskapa.methods.rules import FACILITATOR_ROLES
from samskapa.needs.selectors import needs_visible_to

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
    labs = Lab.objects.order_by("-starts_on", "pk")
    return (
        methods_visible_to(user=user)
        .select_related("merged_into", "proposed_by")
        .prefetch_related(
            "target_groups",
            "dimensions",
            "sdg_targets__goal",
            Prefetch("material_files", queryset=Upload.objects.order_by("original_name", "pk")),
            Prefetch("labs", queryset=labs),
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
                .prefetch_related(
                    "ratings",
                    "attachments",
                    Prefetch("labs", queryset=labs),
                    # The need it was used for, only if the reader may see that need.
                    Prefetch("need", queryset=needs_visible_to(user=user)),
                )
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


def access_report_by_pk(*, user: Viewer, pk: int, rule: str | None = None) -> ExperienceReport:
    """Experience report ``pk`` (for its attachment pages, whose addresses carry only the
    report): 404 unless ``user`` may see its method, 403 unless they may do ``rule`` on it."""
    report = get_object_or_404(
        ExperienceReport.objects.select_related("method").prefetch_related("attachments"), pk=pk
    )
    if not user.has_perm("methods.view_method", report.method):
        raise Http404(_("The page could not be found."))
    if rule is not None:
        require(user, rule, report)
    return report


def access_version(*, user: Viewer, method_slug: str, number: int) -> MethodVersion:
    method = access_method(user=user, slug=method_slug)
    version = get_object_or_404(
        MethodVersion.objects.prefetch_related(
            Prefetch("material_files", queryset=Upload.objects.order_by("original_name", "pk"))
        ),
        method=method,
        number=number,
    )
    version.method = method
    return version


def method_material(*, method: Method, upload_pk: int) -> Upload:
    """A material file of ``method``, of its current version or of an older one (404 if
    neither); the caller has already checked that the reader may see the method."""
    in_versions = MethodVersion.material_files.through.objects.filter(
        methodversion__method_id=method.pk
    ).values("upload_id")
    in_method = Method.material_files.through.objects.filter(method_id=method.pk).values(
        "upload_id"
    )
    return get_object_or_404(
        Upload.objects.filter(Q(pk__in=in_versions) | Q(pk__in=in_method)), pk=upload_pk
    )


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
        "material_files": _("Material files"),
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
    """Published methods for the need's kind, in one query: first those that experience reports
    say were used with needs of the same target group or dimensions (the link to the chain),
    then those made for its target group, then for its dimensions, then the best rated.

    Each method carries ``used_with_kind`` for the page to say why it is suggested.
    """
    group_match = Method.target_groups.through.objects.filter(
        # A need without a target group matches on its dimensions only (no group has id 0).
        method_id=OuterRef("pk"),
        stakeholdergroup_id=stakeholder_group_id or 0,
    )
    dimension_match = Method.dimensions.through.objects.filter(
        method_id=OuterRef("pk"), sustainabilitydimension_id__in=dimension_ids
    )
    used_match = ExperienceReport.objects.filter(method_id=OuterRef("pk")).filter(
        Q(need__stakeholder_group_id=stakeholder_group_id or 0)
        | Q(need__dimensions__in=dimension_ids)
    )
    matching = Method.objects.filter(status=MethodStatus.PUBLISHED).filter(
        Q(Exists(group_match)) | Q(Exists(dimension_match)) | Q(Exists(used_match))
    )
    return list(
        matching.annotate(
            used_with_kind=Exists(used_match),
            fits_group=Exists(group_match),
            fits_dimension=Exists(dimension_match),
        ).order_by(
            "-used_with_kind",
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


# --- Lab workshops -----------------------------------------------------------------------------

LAB_SEARCH_FIELDS = ("title", "description", "place")


def labs_visible_to(*, user: Viewer) -> QuerySet[Lab]:
    """Every lab workshop: they are open to read. The rule ``methods.view_lab`` as a query."""
    return Lab.objects.all()


def lab_list(*, user: Viewer, query: str = "") -> QuerySet[Lab]:
    """Lab workshops for their list page, the API and the site search, newest first; the
    organiser and the municipalities come along (three queries for any page)."""
    labs = (
        labs_visible_to(user=user)
        .select_related("organiser")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
    )
    if query:
        labs = labs.filter(text_matches(query, LAB_SEARCH_FIELDS))
    return labs.order_by("-starts_on", "title", "pk")


def access_lab(*, user: Viewer, pk: int, rule: str | None = None) -> Lab:
    """Lab workshop ``pk`` with what its page shows: 404 unless ``user`` may see it, 403 unless
    they may also do ``rule``. Its outputs are limited to the methods ``user`` may see."""
    visible_methods = methods_visible_to(user=user)
    labs = (
        labs_visible_to(user=user)
        .select_related("organiser", "created_by")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            Prefetch("facilitators", queryset=User.objects.order_by("full_name", "pk")),
            Prefetch(
                "participants",
                queryset=LabParticipant.objects.select_related("organisation").order_by(
                    "organisation__name", "name", "pk"
                ),
            ),
            Prefetch("methods", queryset=visible_methods.order_by("title", "pk")),
            Prefetch(
                "reports",
                queryset=ExperienceReport.objects.filter(method__in=visible_methods)
                .select_related("method", "municipality")
                .order_by("-used_on", "pk"),
            ),
            "attachments",
        )
    )
    return access(labs, user=user, view_permission="methods.view_lab", permission=rule, pk=pk)


def labs_of(*, user: Viewer, today: datetime.date) -> QuerySet[Lab]:
    """The workshops ``user`` takes part in or facilitates that have not ended, soonest first."""
    if not getattr(user, "is_authenticated", False):
        return Lab.objects.none()
    # Q() because the type checker cannot see that an authenticated viewer has a key.
    takes_part = LabParticipant.objects.filter(Q(user_id=user.pk), lab_id=OuterRef("pk"))
    facilitates = Lab.facilitators.through.objects.filter(Q(user_id=user.pk), lab_id=OuterRef("pk"))
    return (
        Lab.objects.filter(Q(Exists(takes_part)) | Q(Exists(facilitates)))
        .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today))
        .order_by("starts_on", "pk")
    )


def lab_participations_of(*, user: Viewer) -> QuerySet[LabParticipant]:
    if not getattr(user, "is_authenticated", False):
        return LabParticipant.objects.none()
    return (
        LabParticipant.objects.filter(Q(user_id=user.pk))
        .select_related("lab", "organisation")
        .order_by("lab__starts_on", "pk")
    )


def lab_years() -> list[int]:
    """The years in which there were workshops, newest first (the year filter's choices)."""
    return list(
        Lab.objects.annotate(year=ExtractYear("starts_on"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def municipalities_in_labs() -> QuerySet[Municipality]:
    """The municipalities that have taken part in a workshop (the filter's choices)."""
    return Municipality.objects.filter(
        pk__in=Lab.municipalities.through.objects.values("municipality_id")
    ).order_by("name")
