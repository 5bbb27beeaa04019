"""What the workspace composes from the domain apps: "Mitt arbete" and the site search.

The apps are asked in a fixed order, written out here; adding a domain app means adding its
functions to these lists (and nowhere else outside the app).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from samskapa.accounts.models import User
from samskapa.assessment import workspace as assessment
from samskapa.competences import workspace as competences
from samskapa.core.access import Viewer
from samskapa.core.inbox import InboxSection
from samskapa.core.search import SearchSource
from samskapa.events import workspace as events
from samskapa.geo.models import Municipality
from samskapa.ideas import workspace as ideas
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.selectors import idea_list, open_challenges
from samskapa.indicators import workspace as indicators
from samskapa.marketplace import workspace as marketplace
from samskapa.methods import workspace as methods
from samskapa.needs import workspace as needs
from samskapa.needs.models import Campaign, Need
from samskapa.needs.selectors import campaigns_visible_to, need_list
from samskapa.organisations import workspace as organisations
from samskapa.organisations.models import OrganisationType, Unit
from samskapa.portfolio import workspace as portfolio
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.selectors import initiative_list
from samskapa.programmes import workspace as programmes
from samskapa.programmes.models import Programme
from samskapa.programmes.selectors import programme_list
from samskapa.projects import workspace as projects
from samskapa.projects.models import Project
from samskapa.projects.selectors import project_list
from samskapa.strategy import workspace as strategy

# The sections of "Mitt arbete", in the order they are shown.
INBOX_SOURCES: list[Callable[..., list[InboxSection]]] = [
    needs.inbox_sections,
    ideas.inbox_sections,
    assessment.inbox_sections,
    portfolio.inbox_sections,
    methods.inbox_sections,
    events.inbox_sections,
    indicators.inbox_sections,
    marketplace.inbox_sections,
    competences.inbox_sections,
]

# What the site search looks through, in the order the results are shown.
SEARCH_SOURCES: list[Callable[[], list[SearchSource]]] = [
    projects.search_sources,
    needs.search_sources,
    ideas.search_sources,
    portfolio.search_sources,
    programmes.search_sources,
    organisations.search_sources,
    methods.search_sources,
    events.search_sources,
    indicators.search_sources,
    strategy.search_sources,
    marketplace.search_sources,
    competences.search_sources,
]

# Each search section shows this many hits.
SEARCH_RESULTS_PER_SOURCE = 20


@dataclass
class WorkInbox:
    """Mitt arbete: what waits for the user, one section per kind of task that applies."""

    sections: list[InboxSection]

    def section(self, key: str) -> InboxSection | None:
        """The section of ``key`` (``needs_to_moderate`` ...), or None where it does not apply."""
        return next((section for section in self.sections if section.key == key), None)

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)


def work_inbox(*, user: User, today: datetime.date) -> WorkInbox:
    """The sections of "My work" that apply to ``user``; two queries per section."""
    return WorkInbox(
        sections=[section for source in INBOX_SOURCES for section in source(user=user, today=today)]
    )


@dataclass
class SearchHit:
    source: SearchSource
    results: list[Any]


def site_search(*, user: Any, query: str) -> list[SearchHit]:
    """The best matches of every kind of object, only what ``user`` may see."""
    return [
        SearchHit(
            source=source,
            results=list(source.find(user=user, query=query)[:SEARCH_RESULTS_PER_SOURCE]),
        )
        for sources in SEARCH_SOURCES
        for source in sources()
    ]


# Each list of the municipality page shows this many, newest first, with a link to all.
MUNICIPALITY_PAGE_ITEMS = 6


@dataclass
class MunicipalityOverview:
    """What a municipality's public page shows: the newest of each kind, and the counts."""

    municipality: Municipality
    projects: list[Project]
    project_count: int
    campaigns: list[Campaign]
    challenges: list[Challenge]
    needs: list[Need]
    need_count: int
    ideas: list[Idea]
    idea_count: int
    initiatives: list[Initiative]
    initiative_count: int
    programmes: list[Programme]
    units: list[Unit]


def municipality_overview(
    *, user: Viewer, municipality: Municipality, today: datetime.date
) -> MunicipalityOverview:
    """The municipality's projects, open campaigns and challenges, needs, ideas, initiatives,
    programmes and units, as far as ``user`` may see them; a fixed number of queries."""
    size = MUNICIPALITY_PAGE_ITEMS
    in_place = Q(municipality=municipality)
    project_rows = project_list(user=user).filter(in_place).order_by("-created_at")
    need_rows = need_list(user=user).filter(in_place)
    idea_rows = idea_list(user=user).filter(in_place)
    initiative_rows = initiative_list(user=user).filter(in_place)
    return MunicipalityOverview(
        municipality=municipality,
        projects=list(project_rows[:size]),
        project_count=project_rows.count(),
        campaigns=list(_open_campaigns(user=user, municipality=municipality, today=today)[:size]),
        challenges=list(
            open_challenges(user=user, today=today)
            .filter(project__municipality=municipality)
            .select_related("project__municipality")[:size]
        ),
        needs=list(need_rows[:size]),
        need_count=need_rows.count(),
        ideas=list(idea_rows[:size]),
        idea_count=idea_rows.count(),
        initiatives=list(initiative_rows[:size]),
        initiative_count=initiative_rows.count(),
        programmes=list(programme_list(user=user, today=today).filter(municipalities=municipality)),
        units=list(
            Unit.objects.filter(
                organisation__municipality=municipality,
                organisation__type=OrganisationType.MUNICIPALITY,
            )
            .select_related("organisation")
            .order_by("organisation__name", "name")
        ),
    )


def _open_campaigns(
    *, user: Viewer, municipality: Municipality, today: datetime.date
) -> QuerySet[Campaign]:
    return (
        campaigns_visible_to(user=user)
        .filter(project__municipality=municipality, opens_on__lte=today, closes_on__gte=today)
        .select_related("project")
        .order_by("closes_on", "title")
    )
