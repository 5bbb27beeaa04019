"""The building block of "Mitt arbete" (my work): one section of a person's task inbox.

Each domain app offers ``inbox_sections(*, user, today)`` in its ``workspace.py``, returning the
sections that apply to the person (none where they have no such role); the workspace app shows
them in a fixed order. A section renders itself with the app's own template.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

# Each section of the inbox lists this many items, and counts up to INBOX_COUNT_CAP ("99+").
INBOX_LIMIT = 10
INBOX_COUNT_CAP = 99


@dataclass
class InboxSection:
    """One kind of task: the first items, and how many there are (counted up to a cap).

    ``key`` names the kind of task (``needs_to_moderate``); ``template`` is the app's template
    that shows the section, given the section as ``section``.
    """

    key: str
    template: str
    items: list[Any]
    count: int
    capped: bool = False

    @property
    def count_display(self) -> str:
        return f"{INBOX_COUNT_CAP}+" if self.capped else str(self.count)

    @property
    def has_more(self) -> bool:
        return self.capped or self.count > len(self.items)


def inbox_section(*, key: str, template: str, queryset: QuerySet[Any]) -> InboxSection:
    """Two queries whatever the size: a capped count and the first items."""
    count = queryset.order_by()[: INBOX_COUNT_CAP + 1].count()
    items = list(queryset[:INBOX_LIMIT]) if count else []
    return InboxSection(
        key=key,
        template=template,
        items=items,
        count=min(count, INBOX_COUNT_CAP),
        capped=count > INBOX_COUNT_CAP,
    )
