"""Template tags that show the portfolio on the pages of other apps."""

from typing import Any

from django import template

from samskapa.portfolio.models import Initiative

register = template.Library()


@register.simple_tag
def idea_initiative(idea: Any, user: Any) -> dict[str, Any]:
    """The initiative ``idea`` became, and whether ``user`` may see it; one query.

    ``exists`` without ``visible`` means it became an initiative the user may not see (one of
    members only), so the page offers neither a link nor to take the idea forward again.
    """
    initiative = (
        Initiative.objects.filter(idea_id=idea.pk).select_related("project", "programme").first()
    )
    return {
        "initiative": initiative,
        "exists": initiative is not None,
        "visible": initiative is not None
        and user.has_perm("portfolio.view_initiative", initiative),
    }
