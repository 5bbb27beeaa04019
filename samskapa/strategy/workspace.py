"""What innovation strategies offer the workspace: search, and personal data."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.access import Viewer
from samskapa.core.search import SearchSource
from samskapa.strategy.models import Strategy, StrategyVersion
from samskapa.strategy.selectors import strategies_visible_to


def _find(*, user: Viewer, query: str) -> QuerySet[Strategy]:
    strategies = strategies_visible_to(user=user).select_related("project").order_by("title")
    for word in query.split()[:8]:
        strategies = strategies.filter(title__icontains=word[:50])
    return strategies


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="strategy",
            heading=_("Innovation strategies"),
            empty_text=_("No innovation strategies matched."),
            template="strategy/includes/search_results.html",
            find=_find,
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The strategy versions the person saved."""
    return {
        "strategy_versions_saved": [
            {"strategy": v.strategy.title, "version": v.number, "saved": v.created_at.isoformat()}
            for v in StrategyVersion.objects.filter(created_by=user).select_related("strategy")
        ]
    }
