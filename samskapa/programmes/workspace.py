"""What the programmes app offers the workspace: its part of the site search."""

from django.utils.translation import gettext_lazy as _

from samskapa.core.search import SearchSource
from samskapa.programmes.selectors import programme_search


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="programme",
            heading=_("Programmes"),
            empty_text=_("No programmes matched."),
            template="programmes/includes/search_results.html",
            find=programme_search,
            label=_("Programme"),
        )
    ]
