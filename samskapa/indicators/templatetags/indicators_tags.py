"""Template filters of follow-up."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from samskapa.indicators.selectors import indicators_linked_to_need

register = template.Library()


def trimmed(value: Decimal) -> Decimal:
    """``value`` without trailing zeros in its decimals (47.5000 -> 47.5, 40.0000 -> 40)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@register.filter
def amount(value: Any) -> str:
    """A stored value as a reader writes it: no trailing zeros, in the page's language."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return str(number_format(trimmed(value), use_l10n=True, force_grouping=True))


@register.inclusion_tag("indicators/includes/need_indicators.html", takes_context=True)
def need_indicators(context: template.Context, need: Any) -> dict[str, Any]:
    """The indicators that follow up a need, on the need's page (one query, only visible)."""
    user = context["request"].user
    return {"indicators": list(indicators_linked_to_need(user=user, need=need))}
