"""What the ideas app offers the workspace: ideas and comments to moderate in "Mitt arbete",
and its part of the site search: ideas and challenges."""

import datetime

from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import MODERATOR_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.ideas.selectors import challenge_search, idea_list, ideas_to_moderate


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Ideas awaiting approval and reported ideas and comments, for those who moderate or
    lead anything; two queries."""
    if not has_any_role(user, MODERATOR_ROLES):
        return []
    return [
        inbox_section(
            key="ideas_to_moderate",
            template="ideas/includes/inbox_section.html",
            queryset=ideas_to_moderate(user=user),
        )
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="idea",
            heading=_("Ideas"),
            empty_text=_("No ideas matched."),
            template="ideas/includes/search_results.html",
            find=idea_list,
            label=_("Idea"),
        ),
        SearchSource(
            key="challenge",
            heading=_("Challenges"),
            empty_text=_("No challenges matched."),
            template="ideas/includes/challenge_search_results.html",
            find=challenge_search,
            label=_("Challenge"),
        ),
    ]
