"""What follow-up offers the workspace: values waiting to be entered, search, personal data."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.access import Viewer
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import LEADER_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.indicators.models import Evaluation, Gender, Indicator, Measurement
from samskapa.indicators.selectors import indicator_list, indicators_led_by


def values_due(*, user: User, today: datetime.date) -> QuerySet[Indicator]:
    """Indicators the user runs that have no total value for last year yet."""
    last_year = Measurement.objects.filter(
        indicator=OuterRef("pk"), period=today.year - 1, gender=Gender.TOTAL
    )
    return (
        indicators_led_by(user=user)
        .exclude(Exists(last_year))
        .select_related("municipality")
        .order_by("name", "pk")
    )


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    if not has_any_role(user, LEADER_ROLES):
        return []
    section = inbox_section(
        key="indicator_values_due",
        template="indicators/includes/inbox_section.html",
        queryset=values_due(user=user, today=today),
    )
    section.year = today.year - 1  # type: ignore[attr-defined]
    return [section]


def _find(*, user: Viewer, query: str) -> QuerySet[Indicator]:
    indicators = indicator_list(user=user)
    for word in query.split()[:8]:
        indicators = indicators.filter(name__icontains=word[:50])
    return indicators


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="indicator",
            heading=_("Indicators"),
            empty_text=_("No indicators matched."),
            template="indicators/includes/search_results.html",
            find=_find,
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The indicators the person added and the values they recorded."""
    return {
        "indicators_created": [
            {"name": indicator.name, "created": indicator.created_at.isoformat()}
            for indicator in Indicator.objects.filter(created_by=user).order_by("pk")
        ],
        "indicator_values_recorded": [
            {
                "indicator": measurement.indicator.name,
                "period": measurement.period,
                "value": str(measurement.value),
                "recorded": measurement.recorded_at.isoformat(),
            }
            for measurement in Measurement.objects.filter(recorded_by=user)
            .select_related("indicator")
            .order_by("pk")
        ],
        "evaluations_written": [
            {"milestone": evaluation.milestone.title, "evaluated_on": str(evaluation.evaluated_on)}
            for evaluation in Evaluation.objects.filter(created_by=user)
            .select_related("milestone")
            .order_by("pk")
        ],
    }
