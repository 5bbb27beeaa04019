"""What the workspace composes from the domain apps: "Mitt arbete" and the site search.

The apps are asked in a fixed order, written out here; adding a domain app means adding its
functions to these lists (and nowhere else outside the app).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from samskapa.accounts.models import User
from samskapa.assessment import workspace as assessment
from samskapa.core.inbox import InboxSection
from samskapa.core.search import SearchSource
from samskapa.ideas import workspace as ideas
from samskapa.needs import workspace as needs
from samskapa.organisations import workspace as organisations
from samskapa.portfolio import workspace as portfolio
from samskapa.projects import workspace as projects

# The sections of "Mitt arbete", in the order they are shown.
INBOX_SOURCES: list[Callable[..., list[InboxSection]]] = [
    needs.inbox_sections,
    assessment.inbox_sections,
    portfolio.inbox_sections,
]

# What the site search looks through, in the order the results are shown.
SEARCH_SOURCES: list[Callable[[], list[SearchSource]]] = [
    projects.search_sources,
    needs.search_sources,
    ideas.search_sources,
    organisations.search_sources,
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
