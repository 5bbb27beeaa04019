"""Template filters of assessment."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from samskapa.assessment.forms import weight_text

register = template.Library()


@register.filter
def weight(value: Decimal | None) -> str:
    """``{{ criterion.weight|weight }}``: 3 or 1,5 rather than 3.00 or 1.50."""
    return "" if value is None else weight_text(value)


@register.filter
def share_of(value: Decimal | None, total: Decimal | None) -> str:
    """A weight's share of the total weight, as a whole percentage: ``{{ w|share_of:total }}``."""
    if value is None or not total:
        return ""
    # Translators: a share in percent; Swedish puts a space before the sign.
    return _("%(percent)d%%") % {"percent": round(value / total * 100)}
