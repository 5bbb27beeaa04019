"""Template tags that show the toolbox on the pages of other apps.

The apps below the toolbox (needs) cannot import it; their pages load these tags instead.
"""

from typing import Any

from django import template

from samskapa.methods.selectors import methods_for_need

register = template.Library()


@register.inclusion_tag("methods/includes/methods_for_need.html")
def need_methods(need: Any) -> dict[str, Any]:
    """Methods made for this kind of need (its target group, its dimensions); one query."""
    return {
        "methods": methods_for_need(
            stakeholder_group_id=need.stakeholder_group_id,
            dimension_ids=[dimension.pk for dimension in need.dimensions.all()],
        )
    }
