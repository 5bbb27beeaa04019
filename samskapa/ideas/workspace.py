"""What the ideas app offers the workspace: its part of the site search: ideas and challenges."""

from django.utils.translation import gettext_lazy as _

from samskapa.core.search import SearchSource
from samskapa.ideas.selectors import challenge_search, idea_list


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
