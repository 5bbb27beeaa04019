"""Writes of the sdg app: recording an answer to a suggested target."""

import uuid

from django.core.cache import cache
from django.db import transaction

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.sdg.models import SuggestionFeedback, Target
from samskapa.sdg.selectors import FEEDBACK_VERSION_KEY
from samskapa.sdg.suggest import stems

# The terms kept per answer: the text's distinct stems, the first ones written.
MAX_TERMS = 60


def _announce_new_feedback() -> None:
    cache.set(FEEDBACK_VERSION_KEY, uuid.uuid4().hex, timeout=None)


@transaction.atomic
def suggestion_answer(
    *, actor: User, target: Target, accepted: bool, text: str
) -> SuggestionFeedback:
    """Record that ``actor`` took (``accepted``) or turned down a target suggested for ``text``.

    Only the text's stemmed terms are kept. Later suggestions learn from the answer once it is
    committed (every process rereads the answers when the version in the cache changes).
    """
    require(actor, "sdg.add_suggestionfeedback")
    terms = list(dict.fromkeys(stems(text)))[:MAX_TERMS]
    feedback = SuggestionFeedback(user=actor, target=target, accepted=accepted, terms=terms)
    save_with_history(feedback, actor=actor)
    transaction.on_commit(_announce_new_feedback)
    return feedback
