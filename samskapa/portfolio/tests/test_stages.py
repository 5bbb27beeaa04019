"""The stage-gate table walked whole: every stage x every decision, allowed or refused, and where
it leads, through the table, the service, the list of decisions and the gate form's labels."""

import pytest
from django.core.exceptions import ValidationError

from samskapa.accounts.models import User
from samskapa.portfolio import services, stages
from samskapa.portfolio.forms import decision_choices
from samskapa.portfolio.models import PIPELINE, Decision, GateDecision, Initiative, Stage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Where a parked initiative waits in these tests.
PARKED_FROM = Stage.PILOT

# What the stage-gate process says, written out independently of the table: the stage a decision
# leads to, or None where it is refused.
EXPECTED: dict[Stage, dict[Decision, Stage | None]] = {
    Stage.IDEA: {
        Decision.GO: Stage.PRESTUDY,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: Stage.PARKED,
        Decision.REWORK: Stage.IDEA,
    },
    Stage.PRESTUDY: {
        Decision.GO: Stage.PILOT,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: Stage.PARKED,
        Decision.REWORK: Stage.PRESTUDY,
    },
    Stage.PILOT: {
        Decision.GO: Stage.IMPLEMENTATION,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: Stage.PARKED,
        Decision.REWORK: Stage.PILOT,
    },
    Stage.IMPLEMENTATION: {
        Decision.GO: Stage.SCALING,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: Stage.PARKED,
        Decision.REWORK: Stage.IMPLEMENTATION,
    },
    Stage.SCALING: {
        Decision.GO: Stage.COMPLETED,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: Stage.PARKED,
        Decision.REWORK: Stage.SCALING,
    },
    Stage.COMPLETED: dict.fromkeys(Decision),
    Stage.STOPPED: dict.fromkeys(Decision),
    Stage.PARKED: {
        Decision.GO: PARKED_FROM,
        Decision.STOP: Stage.STOPPED,
        Decision.HOLD: None,
        Decision.REWORK: None,
    },
}
CELLS = [(stage, decision) for stage in Stage for decision in Decision]


def test_the_table_has_every_stage_and_decision() -> None:
    assert set(stages.GATES) == set(Stage) == set(EXPECTED)
    for stage in Stage:
        assert set(stages.GATES[stage]) == set(Decision)


@pytest.mark.parametrize(("stage", "decision"), CELLS)
def test_gate_outcome_follows_the_table(stage: Stage, decision: Decision) -> None:
    expected = EXPECTED[stage][decision]
    if expected is None:
        with pytest.raises(ValidationError) as error:
            services.gate_outcome(stage=stage, parked_from_stage=PARKED_FROM, decision=decision)
        assert error.value.message_dict["decision"]
    else:
        assert (
            services.gate_outcome(stage=stage, parked_from_stage=PARKED_FROM, decision=decision)
            == expected
        )


@pytest.mark.parametrize("stage", list(Stage))
def test_available_decisions_and_form_labels_follow_the_table(stage: Stage) -> None:
    allowed = [decision for decision in Decision if EXPECTED[stage][decision] is not None]
    assert services.available_decisions(stage) == allowed
    initiative = Initiative(
        stage=stage, parked_from_stage=PARKED_FROM if stage == Stage.PARKED else ""
    )
    choices = decision_choices(initiative, services.available_decisions(stage))
    assert [value for value, _label in choices] == allowed
    for value, label in choices:
        goes_to = EXPECTED[stage][Decision(value)]
        assert goes_to is not None
        if value in (Decision.GO, Decision.REWORK):
            assert str(goes_to.label).lower() in label


@pytest.mark.parametrize(("stage", "decision"), CELLS)
def test_the_service_walks_the_table(
    stage: Stage, decision: Decision, initiative: Initiative, gavle_leader: User
) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        stage=stage,
        furthest_stage=stage if stage in PIPELINE else PARKED_FROM,
        parked_from_stage=PARKED_FROM if stage == Stage.PARKED else "",
    )
    initiative.refresh_from_db()
    expected = EXPECTED[stage][decision]

    def decide() -> GateDecision:
        return services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=stage,
            decision=decision,
            rationale="Enligt tabellen.",
        )

    if expected is None:
        with pytest.raises(ValidationError) as error:
            decide()
        assert "decision" in error.value.message_dict
        assert not GateDecision.objects.exists()
        initiative.refresh_from_db()
        assert initiative.stage == stage
    else:
        entry = decide()
        assert (entry.from_stage, entry.to_stage) == (stage, expected)
        initiative.refresh_from_db()
        assert initiative.stage == expected


def test_unknown_decision_is_refused_before_the_table() -> None:
    with pytest.raises(ValidationError) as error:
        services.gate_outcome(stage=Stage.IDEA, parked_from_stage="", decision="maybe")
    assert error.value.message_dict["decision"] == ["Choose go, stop, hold or rework."]
