"""The progress rule: is an indicator on track, at risk or off track?

The rule, as the pages explain it to the reader:

1. The *path* runs from the baseline (or, without one, the first value measured) through each
   year's target, in straight lines; after the last target it stays at that target.
2. The latest total value is compared with the path in its year.
3. **On track**: the value has reached the path (is at or above it where higher is better, at or
   below where lower is better).
4. **At risk**: it falls short of the path, but by no more than a quarter of the change the
   path plans from the baseline to that year (``AT_RISK_SHARE``).
5. **Off track**: it falls short by more, or the path plans no change and the value is worse.

Without a target there is no path (``no target``); without a value nothing to compare
(``no data``). Everything is plain arithmetic on ``Decimal``s so the page, the API and the
documents agree to the last digit.
"""

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskapa.indicators.models import Direction

AT_RISK_SHARE = Decimal("0.25")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target")
    NO_DATA = "no_data", _("No values yet")


RULE_TEXT = _(
    "The path runs from the baseline (or the first value) through each year's target. The "
    "latest value is on track when it has reached the path in its year, at risk when it falls "
    "short by no more than a quarter of the change planned up to that year, and off track when "
    "it falls shorter."
)


@dataclass(frozen=True)
class Progress:
    status: Status
    year: int | None = None
    value: Decimal | None = None
    expected: Decimal | None = None

    @property
    def label(self) -> str:
        return str(self.status.label)


def path_value(points: Sequence[tuple[int, Decimal]], year: int) -> Decimal:
    """The path through ``points`` (sorted by year, at least one) in ``year``."""
    if year <= points[0][0]:
        return points[0][1]
    for (year_a, value_a), (year_b, value_b) in itertools.pairwise(points):
        if year_a <= year <= year_b:
            if year_b == year_a:
                return value_b
            return value_a + (value_b - value_a) * Decimal(year - year_a) / Decimal(year_b - year_a)
    return points[-1][1]


def path_points(
    *,
    baseline_year: int | None,
    baseline_value: Decimal | None,
    targets: Iterable[tuple[int, Decimal]],
    first_measured: tuple[int, Decimal] | None,
) -> list[tuple[int, Decimal]]:
    """The corners of the path: the starting point, then the targets after it, by year."""
    targets = sorted(targets)
    if not targets:
        return []
    if baseline_year is not None and baseline_value is not None:
        start: tuple[int, Decimal] | None = (baseline_year, baseline_value)
    else:
        start = first_measured
    if start is None or start[0] >= targets[0][0]:
        return targets
    return [start, *(target for target in targets if target[0] > start[0])]


def progress_of(
    *,
    direction: str,
    baseline_year: int | None,
    baseline_value: Decimal | None,
    targets: Iterable[tuple[int, Decimal]],
    values: Iterable[tuple[int, Decimal]],
) -> Progress:
    """Apply the rule to total values ``values`` (year, value) and ``targets`` (year, value)."""
    values = sorted(values)
    targets = list(targets)
    if not values:
        return Progress(Status.NO_DATA)
    year, value = values[-1]
    points = path_points(
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        targets=targets,
        first_measured=values[0],
    )
    if not points:
        return Progress(Status.NO_TARGET, year=year, value=value)
    expected = path_value(points, year)
    sign = Decimal(1) if direction == Direction.HIGHER else Decimal(-1)
    shortfall = (expected - value) * sign  # > 0: worse than the path
    if shortfall <= 0:
        status = Status.ON_TRACK
    else:
        planned = abs(expected - points[0][1])
        status = Status.AT_RISK if shortfall <= planned * AT_RISK_SHARE else Status.OFF_TRACK
    return Progress(status, year=year, value=value, expected=expected.quantize(Decimal("0.0001")))
