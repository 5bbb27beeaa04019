"""The progress rule: on track, at risk, off track, and the cases without a judgement."""

from decimal import Decimal as D

import pytest

from samskapa.indicators.models import Direction
from samskapa.indicators.progress import Status, progress_of

# Baseline 40 in 2022, target 60 in 2030: the path is 45 in 2024, 5 points of planned change.
PATH = {"baseline_year": 2022, "baseline_value": D(40), "targets": [(2030, D(60))]}


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (D(45), Status.ON_TRACK),  # on the path
        (D(50), Status.ON_TRACK),  # ahead of it
        (D("43.75"), Status.AT_RISK),  # short by exactly a quarter of the planned change
        (D("43.5"), Status.OFF_TRACK),  # short by more
        (D(38), Status.OFF_TRACK),  # the wrong way from the baseline
    ],
)
def test_higher_is_better(value: D, status: Status) -> None:
    result = progress_of(direction=Direction.HIGHER, values=[(2024, value)], **PATH)  # type: ignore[arg-type]
    assert result.status == status
    assert result.expected == D(45)


@pytest.mark.parametrize(
    ("value", "status"),
    [(D(88), Status.ON_TRACK), (D(91), Status.AT_RISK), (D(95), Status.OFF_TRACK)],
)
def test_lower_is_better(value: D, status: Status) -> None:
    # 100 m² in 2020 down to 60 in 2030: the path is 88 in 2023, 12 of planned change.
    result = progress_of(
        direction=Direction.LOWER,
        baseline_year=2020,
        baseline_value=D(100),
        targets=[(2030, D(60))],
        values=[(2021, D(99)), (2023, value)],
    )
    assert result.status == status


def test_without_a_baseline_the_first_value_starts_the_path() -> None:
    result = progress_of(
        direction=Direction.HIGHER,
        baseline_year=None,
        baseline_value=None,
        targets=[(2026, D(20))],
        values=[(2022, D(10)), (2024, D(15))],
    )
    assert (result.status, result.expected) == (Status.ON_TRACK, D(15))


def test_after_the_last_target_the_path_stays_at_it() -> None:
    result = progress_of(
        direction=Direction.HIGHER,
        baseline_year=2020,
        baseline_value=D(0),
        targets=[(2024, D(10))],
        values=[(2026, D(9))],
    )
    assert (result.status, result.expected) == (Status.AT_RISK, D(10))


def test_no_target_and_no_data() -> None:
    no_target = progress_of(
        direction=Direction.HIGHER,
        baseline_year=None,
        baseline_value=None,
        targets=[],
        values=[(2024, D(1))],
    )
    assert no_target.status == Status.NO_TARGET
    no_data = progress_of(direction=Direction.HIGHER, values=[], **PATH)  # type: ignore[arg-type]
    assert no_data.status == Status.NO_DATA
