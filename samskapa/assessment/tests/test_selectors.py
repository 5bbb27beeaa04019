"""Visibility of scores, and the aggregate: weighted mean, spread and disagreement."""

import pytest

from samskapa.accounts.models import User
from samskapa.assessment import services
from samskapa.assessment.models import Assignment, Criterion
from samskapa.assessment.selectors import assignments_of, challenge_results, criterion_set_of
from samskapa.assessment.tests.conftest import submit
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_assessor_sees_own_assignments_only(
    assignment: Assignment, other_assignment: Assignment, assessor: User
) -> None:
    assert list(assignments_of(user=assessor)) == [assignment]


def test_others_scores_hidden_until_submitted(
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
    assessor: User,
    other_assessor: User,
    gavle_leader: User,
) -> None:
    submit(other_assignment, criteria, 2, 2)
    assert not assessor.has_perm("assessment.view_other_scores", assignment)
    assert gavle_leader.has_perm("assessment.view_other_scores", assignment)
    submit(assignment, criteria, 5, 4)
    assert assessor.has_perm("assessment.view_other_scores", assignment)
    assert not other_assessor.has_perm("assessment.view_assignment", assignment)


def test_weighted_mean_spread_and_disagreement(
    gavle_leader: User,
    challenge: Challenge,
    idea: Idea,
    assignment: Assignment,
    other_assignment: Assignment,
    criteria: list[Criterion],
    resident: User,
) -> None:
    submit(assignment, criteria, 5, 2)  # weights 3 and 1
    submit(other_assignment, criteria, 1, 3)
    excluded = services.assessor_invite(actor=gavle_leader, idea=idea, email=resident.email)
    services.conflict_declare(actor=resident, assignment=excluded, reason="Jäv")
    second = IdeaFactory(challenge=challenge, project=challenge.project, title="Öppen data")
    only = services.assessor_invite(
        actor=gavle_leader, idea=second, email=assignment.assessor.email
    )
    submit(only, criteria, 4, 4)

    results = challenge_results(challenge=challenge)
    assert [r.idea.title for r in results] == ["Öppen data", "Belysning längs ån"]
    top, lighting = results
    assert top.weighted_mean == pytest.approx(4.0)
    # (3·5 + 1·2 + 3·1 + 1·3) / (3+1+3+1) = 23 / 8
    assert lighting.weighted_mean == pytest.approx(23 / 8)
    assert (lighting.assessors, lighting.excluded, lighting.pending) == (2, 1, 0)
    value, cost = lighting.criteria
    assert (value.low, value.high, value.mean) == (1, 5, pytest.approx(3.0))
    assert value.std_dev == pytest.approx(2.0, abs=0.9)  # population or sample deviation
    assert value.disagreement and not cost.disagreement
    assert lighting.disagreement and not top.disagreement
    # One assessor: (3·5 + 1·2) / 4 = 4.25; the other: (3·1 + 1·3) / 4 = 1.5
    assert lighting.assessor_low == pytest.approx(1.5)
    assert lighting.assessor_high == pytest.approx(4.25)
    assert lighting.spread == pytest.approx(2.75)
    assert top.assessor_low == top.assessor_high == pytest.approx(4.0)


def test_challenge_without_own_criteria_uses_the_programmes(
    gavle_leader: User,
    programme_challenge: Challenge,
    programme_criteria: list[Criterion],
    challenge: Challenge,
    criteria: list[Criterion],
) -> None:
    shared = criterion_set_of(challenge=programme_challenge)
    assert shared is not None and shared.programme_id is not None
    assert [c.name for c in shared.criteria.all()] == ["Nytta", "Genomförbarhet"]
    # A challenge with criteria of its own keeps them, even inside the programme.
    challenge.programme = programme_challenge.programme
    challenge.save()
    own = criterion_set_of(challenge=challenge)
    assert own is not None and own.challenge_id == challenge.pk
    services.challenge_criteria_use_programme(actor=gavle_leader, challenge=challenge)
    assert criterion_set_of(challenge=challenge) == shared


def test_programme_set_results(
    gavle_leader: User,
    programme_challenge: Challenge,
    programme_criteria: list[Criterion],
    assessor: User,
    other_assessor: User,
) -> None:
    idea = IdeaFactory(challenge=programme_challenge, project=programme_challenge.project)
    first = services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)
    second = services.assessor_invite(actor=gavle_leader, idea=idea, email=other_assessor.email)
    submit(first, programme_criteria, 5, 5)
    submit(second, programme_criteria, 2, 5)
    (result,) = challenge_results(challenge=programme_challenge)
    # (2·5 + 1·5 + 2·2 + 1·5) / 6 = 4
    assert result.weighted_mean == pytest.approx(4.0)
    assert result.disagreement


def test_results_queries_do_not_grow(
    gavle_leader: User,
    challenge: Challenge,
    criteria: list[Criterion],
    assessor: User,
    other_assessor: User,
    django_assert_num_queries: object,
) -> None:
    def add_ideas(count: int, start: int) -> None:
        for n in range(start, start + count):
            idea = IdeaFactory(challenge=challenge, project=challenge.project, title=f"Idé {n}")
            for person in (assessor, other_assessor):
                assignment = services.assessor_invite(
                    actor=gavle_leader, idea=idea, email=person.email
                )
                submit(assignment, criteria, 1 + n % 5, 3)

    add_ideas(2, 0)
    with django_assert_num_queries(5):  # type: ignore[operator]
        assert len(challenge_results(challenge=challenge)) == 2
    add_ideas(6, 2)
    with django_assert_num_queries(5):  # type: ignore[operator]
        results = challenge_results(challenge=challenge)
        assert len(results) == 8
        assert all(len(r.criteria) == 2 for r in results)
