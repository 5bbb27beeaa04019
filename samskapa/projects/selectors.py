"""Reads of projects: every list is scoped to what the user may see."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from samskapa.core.models import Visibility
from samskapa.core.predicates import memberships_of
from samskapa.core.search import search
from samskapa.organisations.models import Membership, Unit
from samskapa.projects.models import Funding, Project, ProjectUnit

PROJECT_SEARCH_FIELDS = ("name", "area", "summary", "description", "goals")


def projects_visible_to(*, user: Any) -> QuerySet[Project]:
    """Public projects, plus those of the user's projects and organisations."""
    projects = Project.objects.all()
    if getattr(user, "is_superuser", False):
        return projects
    memberships = memberships_of(user)
    project_ids = {project for _org, project, _role in memberships if project}
    organisation_ids = {org for org, _project, _role in memberships if org}
    return projects.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(pk__in=project_ids)
        | Q(organisation_id__in=organisation_ids)
    )


def project_list(
    *,
    user: Any,
    query: str = "",
    municipality_code: str = "",
    region_code: str = "",
    phase: str = "",
    organisation_slug: str = "",
) -> QuerySet[Project]:
    projects = (
        projects_visible_to(user=user)
        .select_related("municipality", "organisation")
        .prefetch_related("dimensions")
    )
    if municipality_code:
        projects = projects.filter(municipality__code=municipality_code)
    if region_code:
        projects = projects.filter(municipality__region__code=region_code)
    if phase:
        projects = projects.filter(phase=phase)
    if organisation_slug:
        projects = projects.filter(organisation__slug=organisation_slug)
    if query:
        projects = search(projects, query, fields=PROJECT_SEARCH_FIELDS)
    return projects


def project_detail_queryset(*, user: Any) -> QuerySet[Project]:
    return (
        projects_visible_to(user=user)
        .select_related("municipality__region", "organisation", "created_by")
        .prefetch_related(
            "dimensions",
            "sdg_targets__goal",
            Prefetch(
                "unit_links", queryset=ProjectUnit.objects.select_related("unit__organisation")
            ),
            Prefetch("fundings", queryset=Funding.objects.all()),
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
        )
        .annotate(member_count=Count("memberships", distinct=True))
    )


def projects_of(*, user: Any) -> QuerySet[Project]:
    """Projects the user takes part in, directly or through an organisation."""
    memberships = memberships_of(user)
    project_ids = {project for _org, project, _role in memberships if project}
    organisation_ids = {org for org, _project, _role in memberships if org}
    return (
        Project.objects.filter(Q(pk__in=project_ids) | Q(organisation_id__in=organisation_ids))
        .select_related("municipality", "organisation")
        .prefetch_related("dimensions")
    )


# --- Units at the table (seed 001) -------------------------------------------------------------
# The matrix of units against phases counts needs and initiatives, so it is read in the
# portfolio app (unit_matrix.py), above the apps it counts; projects imports neither.


def matrix_units(*, project: Project) -> QuerySet[Unit]:
    """The units of the project's organisation, and any other unit that takes part in it."""
    return Unit.objects.filter(
        Q(organisation_id=project.organisation_id)
        | Q(pk__in=ProjectUnit.objects.filter(project=project).values("unit_id"))
    )
