"""The demo assessment: several assessors with differing scores, a disagreement, a conflict of
interest, and the programme's shared criteria."""

import pytest

from samskapa.assessment.demo import CHALLENGE, PROGRAMME
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, CriterionSet, Score
from samskapa.assessment.selectors import challenge_results, criterion_set_of
from samskapa.ideas.models import Challenge
from samskapa.workspace.demo import load_demo_data

pytestmark = pytest.mark.usefixtures("reference_data")


def _scores_by_assessor(challenge: Challenge) -> dict[tuple[str, str], tuple[int, ...]]:
    submitted = Assignment.objects.filter(
        idea__challenge=challenge, status=AssignmentStatus.SUBMITTED
    ).select_related("idea", "assessor")
    return {
        (assignment.idea.title, assignment.assessor.email): tuple(
            assignment.scores.order_by("criterion__position").values_list("value", flat=True)
        )
        for assignment in submitted
    }


def test_demo_assessors_differ_and_disagree() -> None:
    load_demo_data()
    challenge = Challenge.objects.get(title=CHALLENGE, project__slug="naringen")

    scores = _scores_by_assessor(challenge)
    assert len(scores) >= 2
    lighting = {
        email: values
        for (title, email), values in scores.items()
        if title == "Belysning som följer med längs ån"
    }
    assert len(lighting) == 3  # the assessor, the facilitator and the researcher
    assert len(set(lighting.values())) == 3  # each scored differently

    results = challenge_results(challenge=challenge)
    assert any(result.disagreement for result in results)
    assert all(result.weighted_mean is not None for result in results)
    assert any(result.spread and result.spread > 0 for result in results)

    conflict = Assignment.objects.get(
        idea__title="Öppen data om hur stråken används",
        assessor__email="forskare@samskapa.example",
    )
    assert conflict.status == AssignmentStatus.EXCLUDED
    assert "forskningsprojekt" in conflict.conflict_reason


def test_demo_programme_has_shared_criteria_used_by_its_challenges() -> None:
    load_demo_data()
    shared = CriterionSet.objects.get(programme__slug=PROGRAMME)
    assert shared.criteria.count() == 5

    meeting_places = Challenge.objects.get(title="Mötesplatser för grannar i en ny stadsdel")
    assert criterion_set_of(challenge=meeting_places) == shared
    walkways = Challenge.objects.get(title=CHALLENGE)
    assert walkways.programme == shared.programme
    assert criterion_set_of(challenge=walkways).challenge == walkways  # type: ignore[union-attr]

    (garden,) = [
        r for r in challenge_results(challenge=meeting_places) if r.idea.title.startswith("Grann")
    ]
    assert (garden.assessors, garden.pending) == (2, 1)
    assert garden.disagreement


def test_loading_twice_adds_nothing() -> None:
    load_demo_data()
    models = (CriterionSet, Criterion, Assignment, Score)
    counts = [model.objects.count() for model in models]
    load_demo_data()
    assert [model.objects.count() for model in models] == counts
