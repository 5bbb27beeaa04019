"""Named rules of the sdg app.

The goals and targets are public reference data, and anyone may ask for suggestions (the API
throttles it). Answering a suggestion is recorded under the person's name, so it takes an
account; a person sees only their own answers (``sdg.selectors.feedback_visible_to``).
"""

from typing import Any

import rules

from samskapa.core.predicates import is_admin


@rules.predicate
def is_giver(user: Any, feedback: Any) -> bool:
    return feedback is not None and user.is_authenticated and feedback.user_id == user.pk


rules.add_perm("sdg.suggest_targets", rules.always_allow)
rules.add_perm("sdg.add_suggestionfeedback", rules.is_authenticated)
rules.add_perm("sdg.view_suggestionfeedback", is_giver | is_admin)
