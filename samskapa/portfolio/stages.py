"""What each gate decision does at each stage (grindar och beslut): the stage-gate table as data.

``GATES[stage][decision]`` is either a ``Move`` (where the initiative goes, and how the gate form
says so) or a ``Refusal`` (why that decision makes no sense there). The gate service
(``services.gate_outcome``, ``services.available_decisions``), the gate form's choices
(``forms.decision_choices``) and the demo data all read this one table; change the rules here.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskapa.portfolio.models import Decision, Stage

# Where "go" takes an initiative on the "not now" shelf: back to the stage it was parked at.
RESUME = "resume"


@dataclass(frozen=True)
class Move:
    """The decision is allowed and moves the initiative to ``to`` (a Stage, or ``RESUME``).

    ``label`` is what the gate form says the decision does; ``%(stage)s`` in it is the stage
    the initiative goes to (for rework: the stage it stays at).
    """

    to: str
    label: Promise


@dataclass(frozen=True)
class Refusal:
    """The decision makes no sense at this stage; ``message`` says why."""

    message: Promise


Outcome = Move | Refusal

GO_ON = _("Go: on to %(stage)s")
GO_BACK = _("Go: take it up again at %(stage)s")
STOP = _("Stop: the initiative ends here")
HOLD = _("Hold: put it on the “not now” shelf")
REWORK = _("Rework: another round at %(stage)s")

STOPPED = _(
    "The initiative has been stopped; no gate decision can move it. If the stop was a mistake, "
    "log a correction of it."
)
COMPLETED = _("The initiative is completed; there is no gate after the last stage.")
ALREADY_PARKED = _("The initiative is already on the “not now” shelf.")
PARKED_REWORK = _(
    "A parked initiative cannot be reworked; take it up again with a go decision first."
)


def _on_the_line(stage: Stage, following: Stage) -> dict[Decision, Outcome]:
    """A stage on the pipeline before the last: every decision is open."""
    return {
        Decision.GO: Move(following, GO_ON),
        Decision.STOP: Move(Stage.STOPPED, STOP),
        Decision.HOLD: Move(Stage.PARKED, HOLD),
        Decision.REWORK: Move(stage, REWORK),
    }


def _closed(message: Promise) -> dict[Decision, Outcome]:
    return {decision: Refusal(message) for decision in Decision}


GATES: dict[Stage, dict[Decision, Outcome]] = {
    Stage.IDEA: _on_the_line(Stage.IDEA, Stage.PRESTUDY),
    Stage.PRESTUDY: _on_the_line(Stage.PRESTUDY, Stage.PILOT),
    Stage.PILOT: _on_the_line(Stage.PILOT, Stage.IMPLEMENTATION),
    Stage.IMPLEMENTATION: _on_the_line(Stage.IMPLEMENTATION, Stage.SCALING),
    Stage.SCALING: _on_the_line(Stage.SCALING, Stage.COMPLETED),
    Stage.COMPLETED: _closed(COMPLETED),
    Stage.STOPPED: _closed(STOPPED),
    Stage.PARKED: {
        Decision.GO: Move(RESUME, GO_BACK),
        Decision.STOP: Move(Stage.STOPPED, STOP),
        Decision.HOLD: Refusal(ALREADY_PARKED),
        Decision.REWORK: Refusal(PARKED_REWORK),
    },
}


def outcome(stage: str, decision: str) -> Outcome:
    """The table's entry for ``decision`` at ``stage`` (both must be known codes)."""
    return GATES[Stage(stage)][Decision(decision)]


def destination(move: Move, *, parked_from_stage: str) -> str:
    """The stage ``move`` takes an initiative to; from the shelf, ``parked_from_stage``."""
    return parked_from_stage if move.to == RESUME else move.to
