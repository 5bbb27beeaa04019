"""Answers to suggested targets: recorded without the text, refused without an account, and
learned from by the next suggestions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.sdg import selectors
from samskapa.sdg.models import SuggestionFeedback, Target
from samskapa.sdg.services import suggestion_answer

pytestmark = pytest.mark.django_db(transaction=False)

TEXT = "Skateparken vid fritidsgården behöver nya ramper"


def test_an_answer_keeps_the_stems_of_the_text_not_the_text(resident: User) -> None:
    target = Target.objects.get(code="3.4")

    feedback = suggestion_answer(actor=resident, target=target, accepted=True, text=TEXT)

    assert feedback.user == resident
    assert feedback.accepted is True
    assert "skatepark" in feedback.terms
    assert TEXT not in str(feedback.terms)


def test_a_visitor_cannot_answer(reference_data: None) -> None:
    with pytest.raises(PermissionDenied):
        suggestion_answer(
            actor=AnonymousUser(),  # type: ignore[arg-type]
            target=Target.objects.get(code="3.4"),
            accepted=True,
            text=TEXT,
        )
    assert not SuggestionFeedback.objects.exists()


def test_accepted_answers_move_the_target_up_for_the_next_person(
    resident: User, django_capture_on_commit_callbacks: object
) -> None:
    before = [s.target.code for s in selectors.suggest_targets(text=TEXT, limit=5)]
    target = Target.objects.get(code="3.4")
    assert before[:1] != ["3.4"]

    for person in [resident, *UserFactory.create_batch(2)]:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            suggestion_answer(actor=person, target=target, accepted=True, text=TEXT)

    after = selectors.suggest_targets(text=TEXT, limit=5)
    assert after[0].target.code == "3.4"
    assert "skateparken" in after[0].words


def test_each_person_sees_only_their_own_answers(resident: User, platform_admin: User) -> None:
    other = UserFactory()
    target = Target.objects.get(code="11.2")
    suggestion_answer(actor=resident, target=target, accepted=True, text="Bussen")
    suggestion_answer(actor=other, target=target, accepted=False, text="Tåget")

    assert selectors.feedback_visible_to(user=resident).count() == 1
    assert selectors.feedback_visible_to(user=AnonymousUser()).count() == 0
    assert selectors.feedback_visible_to(user=platform_admin).count() == 2
    exported = selectors.personal_data(user=resident)["sdg_suggestion_answers"]
    assert [(row["target"], row["accepted"]) for row in exported] == [("11.2", True)]
