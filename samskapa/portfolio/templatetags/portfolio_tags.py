"""Template tags that show the portfolio on the pages of other apps.

The apps below portfolio (needs, ideas) cannot import it; their pages load these tags instead.
Each tag reads through a selector, with a fixed number of queries, scoped to the reader.
"""

from typing import Any

from django import template

from samskapa.portfolio import selectors

register = template.Library()


@register.simple_tag
def idea_initiative(idea: Any, user: Any) -> dict[str, Any]:
    """The initiative ``idea`` became, and whether ``user`` may see it; one query.

    ``exists`` without ``visible`` means it became an initiative the user may not see (one of
    members only), so the page offers neither a link nor to take the idea forward again.
    """
    return selectors.idea_initiative(idea=idea, user=user)


@register.inclusion_tag("portfolio/includes/need_trace.html", takes_context=True)
def need_trace(context: template.Context, need: Any) -> dict[str, Any]:
    """What became of the need: challenges, their ideas, initiatives (three queries)."""
    return {
        "trace": selectors.need_trace(need=need, user=context["request"].user),
        "request": context["request"],
        "user": context["request"].user,
    }
