"""Reads of projects: every list is scoped to what the user may see.

``projects_visible_to`` and ``projects_led_by`` are the rules ``projects.view_project`` and
``projects.change_project`` as queries (``projects/rules.py``); change each together with its
rule. ``municipalities_for_project`` and ``units_for_project`` say what a project may be given;
the services refuse anything else, and the forms offer only these.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from samskapa.core.access import Viewer, access
from samskapa.core.models import Visibility
from samskapa.core.predicates import LEADER_ROLES, is_superuser, organisation_ids, project_ids
from samskapa.core.search import search
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Unit
from samskapa.organisations.selectors import organisations_user_may_act_for
from samskapa.projects.models import Funding, Project, ProjectUnit

PROJECT_SEARCH_FIELDS = ("name", "area", "summary", "description", "goals")


def access_project(*, user: Viewer, slug: str, rule: str | None = None) -> Project:
    """The project ``slug`` with what its page shows: 404 unless ``user`` may see it, 403
    unless they may also do ``rule`` on it."""
    return access(
        project_detail_queryset(user=user),
        user=user,
        view_permission="projects.view_project",
        permission=rule,
        slug=slug,
    )


def access_funding(*, user: Viewer, project_slug: str, pk: int, rule: str | None = None) -> Funding:
    """Grant ``pk`` of the project ``project_slug``; the rule is the project's (404/403)."""
    project = access_project(user=user, slug=project_slug, rule=rule)
    funding = get_object_or_404(Funding, project=project, pk=pk)
    funding.project = project
    return funding


def access_project_unit(
    *, user: Viewer, project_slug: str, pk: int, rule: str | None = None
) -> ProjectUnit:
    """Participating unit ``pk`` (the link) of the project; the rule is the project's."""
    project = access_project(user=user, slug=project_slug, rule=rule)
    link = get_object_or_404(ProjectUnit, project=project, pk=pk)
    link.project = project
    return link


def access_project_membership(
    *, user: Viewer, project_slug: str, pk: int, rule: str | None = None
) -> Membership:
    """Membership ``pk`` in the project (not in its organisation); the rule is the project's."""
    project = access_project(user=user, slug=project_slug, rule=rule)
    membership = get_object_or_404(Membership, project=project, pk=pk)
    membership.project = project
    return membership


def projects_visible_to(*, user: Viewer) -> QuerySet[Project]:
    """Public projects, plus those of the user's projects and organisations.

    The rule ``projects.view_project`` as a query.
    """
    projects = Project.objects.all()
    if is_superuser(user):
        return projects
    return projects.filter(
        Q(visibility=Visibility.PUBLIC)
        | Q(pk__in=project_ids(user))
        | Q(organisation_id__in=organisation_ids(user))
    )


def projects_led_by(*, user: Viewer) -> QuerySet[Project]:
    """Projects ``user`` leads: as their project leader or administrator, or as a leader of
    the organisation that runs them. The rule ``projects.change_project`` as a query."""
    projects = Project.objects.all()
    if is_superuser(user):
        return projects
    return projects.filter(
        Q(pk__in=project_ids(user, LEADER_ROLES))
        | Q(organisation_id__in=organisation_ids(user, LEADER_ROLES))
    )


def project_list(*, user: Viewer, query: str = "") -> QuerySet[Project]:
    """Projects for lists, with what a card shows; ``query`` searches their texts (the site
    search). The list's filters are ``projects.filters.ProjectFilter``."""
    projects = (
        projects_visible_to(user=user)
        .select_related("municipality", "organisation")
        .prefetch_related("dimensions")
    )
    if query:
        projects = search(projects, query, fields=PROJECT_SEARCH_FIELDS, place="municipality")
    return projects


def projects_run_by(*, user: Viewer, organisation: Organisation) -> QuerySet[Project]:
    """The projects ``organisation`` runs that ``user`` may see."""
    return project_list(user=user).filter(organisation=organisation)


def project_detail_queryset(*, user: Viewer) -> QuerySet[Project]:
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


def projects_of(*, user: Viewer) -> QuerySet[Project]:
    """Projects the user takes part in, directly or through an organisation."""
    return (
        Project.objects.filter(
            Q(pk__in=project_ids(user)) | Q(organisation_id__in=organisation_ids(user))
        )
        .select_related("municipality", "organisation")
        .prefetch_related("dimensions")
    )


# --- What a project may be given -----------------------------------------------------------


def municipalities_for_project(
    *, user: Viewer, organisation: Organisation, current: Municipality | None = None
) -> QuerySet[Municipality]:
    """Where a project run by ``organisation`` may lie (and ``current``, where it lies now).

    A municipality runs projects in itself only. Needs, ideas and initiatives of a project take
    its municipality, so it decides whose portfolio they join: a leader of one municipality
    cannot place the municipality's work in another. Other organisations (companies,
    universities, regions, associations) run projects wherever they work. The platform
    administrator may place a project anywhere.
    """
    municipalities = Municipality.objects.order_by("name")
    if is_superuser(user) or organisation.type != OrganisationType.MUNICIPALITY:
        return municipalities
    allowed = Q(pk=organisation.municipality_id)
    if current is not None:
        allowed |= Q(pk=current.pk)
    return municipalities.filter(allowed)


def units_for_project(*, user: Viewer, project: Project) -> QuerySet[Unit]:
    """Units ``user`` may let take part in ``project``.

    The units of the organisation that runs it, those of organisations ``user`` may act for
    (whose consent they carry), and those that already take part.
    """
    return Unit.objects.filter(
        Q(organisation_id=project.organisation_id)
        | Q(organisation__in=organisations_user_may_act_for(user=user))
        | Q(pk__in=ProjectUnit.objects.filter(project=project).values("unit_id"))
    )


def units_to_add_to_project(*, user: Viewer, project: Project) -> QuerySet[Unit]:
    """The units ``user`` may let take part in ``project`` that do not take part yet."""
    return (
        units_for_project(user=user, project=project)
        .exclude(project_links__project=project)
        .order_by("kind", "name")
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
