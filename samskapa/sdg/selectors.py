"""Reads of the sdg app: targets, suggestions with what feedback taught, a person's answers."""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet

from samskapa.accounts.models import User
from samskapa.core.access import Viewer
from samskapa.sdg.models import SuggestionFeedback, Target
from samskapa.sdg.suggest import Learned, Suggester, Suggestion, base_suggester

# Bumped (in the shared cache) after every answer, so that every process reloads what was
# learned; without the cache each process still reloads at least this often.
FEEDBACK_VERSION_KEY = "sdg:feedback-version"
LEARNED_MAX_AGE = 300.0
# The newest answers that the learned part reads: enough to learn from, bounded in cost.
LEARNED_FROM_NEWEST = 20_000


@dataclass
class _LearnedState:
    version: Any = None
    loaded_at: float = float("-inf")


_state = _LearnedState()


def learned_from_feedback() -> Learned:
    rows = SuggestionFeedback.objects.order_by("-pk").values_list(
        "target__code", "accepted", "terms"
    )[:LEARNED_FROM_NEWEST]
    return Learned.from_feedback(rows)


def suggester(*, refresh: bool = False) -> Suggester:
    """The process's suggester with what the newest answers taught it.

    The part built from the data files is made once per process; the learned part is read
    again when an answer was recorded anywhere (the version in the shared cache changed) or
    after ``LEARNED_MAX_AGE`` seconds. It is a cache of the database, never the only copy.
    """
    current = base_suggester()
    version = cache.get(FEEDBACK_VERSION_KEY)
    now = time.monotonic()
    if refresh or version != _state.version or now - _state.loaded_at > LEARNED_MAX_AGE:
        current.learned = learned_from_feedback()
        _state.version, _state.loaded_at = version, now
    return current


@dataclass(frozen=True)
class TargetSuggestion:
    """A suggestion with its target row, for pages and the API."""

    target: Target
    score: float
    words: tuple[str, ...]


def suggest_targets(
    *, text: str, limit: int = 5, exclude: Iterable[str] = ()
) -> list[TargetSuggestion]:
    """The targets ``text`` most likely concerns, best first, with the words behind each."""
    found: list[Suggestion] = suggester().suggest(text, limit=limit, exclude=exclude)
    if not found:
        return []
    targets = Target.objects.select_related("goal").in_bulk(
        [suggestion.code for suggestion in found], field_name="code"
    )
    return [
        TargetSuggestion(target=targets[s.code], score=s.score, words=s.words)
        for s in found
        if s.code in targets
    ]


def feedback_visible_to(*, user: Viewer) -> QuerySet[SuggestionFeedback]:
    """``sdg.view_suggestionfeedback`` as a query: one's own answers, all for administrators."""
    queryset = SuggestionFeedback.objects.select_related("target")
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(user=user)


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's answers to suggested targets, for their data export."""
    return {
        "sdg_suggestion_answers": [
            {
                "target": feedback.target.code,
                "accepted": feedback.accepted,
                "terms": feedback.terms,
                "given_at": feedback.created_at.isoformat(),
            }
            for feedback in feedback_visible_to(user=user).filter(user=user)
        ]
    }
