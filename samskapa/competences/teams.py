"""The team builder (teambyggaren): a small team that covers what a need asks for.

What is to be covered: every must-have competence of the need (a member covers it with a
similarity of at least ``COVERS_AT``: the same concept, an occupation that can replace it to a
high degree, or the same SSYK unit group), the three sustainability dimensions and the four
helix sectors. The team has between ``min_size`` and ``max_size`` members; members locked in
are always in it and members locked out never.

The method is a weighted maximum coverage: first cover as much as possible, then use as few
members as possible, then prefer members with higher match scores. Up to ``EXACT_LIMIT``
candidates the problem is solved exactly with OR-Tools' CP-SAT solver. With more candidates a
greedy set cover is used: it adds the member who covers most of what is still uncovered. When
everything can be covered, the greedy team is at most H(d) ≤ 1 + ln d times the size of the
smallest covering team, where d is the most one candidate covers (Johnson 1974, Lovász 1975).
Either way the result says which requirements no candidate can cover at all, and which ones the
size limit left uncovered.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

COVERS_AT = 0.6
EXACT_LIMIT = 60
SOLVER_SECONDS = 5.0
MAX_TEAM_SIZE = 12

# Weights of the objective: coverage first, then the size of the team, then the scores.
_COVER, _MEMBER = 100_000, 1_000


@dataclass(frozen=True)
class Candidate:
    pk: int
    covers: frozenset[str]
    score: float


@dataclass
class Team:
    members: list[int]
    covered: set[str]
    uncoverable: set[str]
    left_uncovered: set[str]
    method: str  # "exact" or "greedy"
    optimal: bool
    bound: float | None = None  # the greedy guarantee, H(d)
    notes: list[str] = field(default_factory=list)


def _harmonic(n: int) -> float:
    return sum(1 / k for k in range(1, n + 1))


def build_team(
    *,
    universe: Sequence[str],
    candidates: Sequence[Candidate],
    min_size: int,
    max_size: int,
    locked_in: set[int] = frozenset(),  # type: ignore[assignment]
    locked_out: set[int] = frozenset(),  # type: ignore[assignment]
) -> Team:
    """Choose the team; ``universe`` lists what should be covered, in the order to report it."""
    wanted = set(universe)
    allowed = [c for c in candidates if c.pk not in locked_out]
    reachable = set().union(*(c.covers for c in allowed)) & wanted if allowed else set()
    uncoverable = wanted - reachable
    if len(allowed) <= EXACT_LIMIT:
        members, optimal = _exact(wanted, allowed, min_size, max_size, locked_in)
        method, bound = "exact", None
    else:
        members = _greedy(wanted, allowed, min_size, max_size, locked_in)
        optimal = False
        method = "greedy"
        bound = _harmonic(max((len(c.covers & wanted) for c in allowed), default=1) or 1)
    chosen = {c.pk: c for c in allowed if c.pk in members}
    covered = set().union(*(c.covers for c in chosen.values())) & wanted if chosen else set()
    return Team(
        members=[c.pk for c in sorted(chosen.values(), key=lambda c: -c.score)],
        covered=covered,
        uncoverable=uncoverable,
        left_uncovered=wanted - covered - uncoverable,
        method=method,
        optimal=optimal,
        bound=bound,
    )


def _exact(
    wanted: set[str],
    allowed: Sequence[Candidate],
    min_size: int,
    max_size: int,
    locked_in: set[int],
) -> tuple[set[int], bool]:
    model = cp_model.CpModel()
    chosen = {c.pk: model.new_bool_var(f"x{c.pk}") for c in allowed}
    covered = {}
    for element in sorted(wanted):
        holders = [chosen[c.pk] for c in allowed if element in c.covers]
        if not holders:
            continue
        var = model.new_bool_var(f"y{element}")
        model.add(var <= sum(holders))
        covered[element] = var
    for pk in locked_in:
        if pk in chosen:
            model.add(chosen[pk] == 1)
    size = sum(chosen.values())
    model.add(size <= max_size)
    model.add(size >= min(min_size, len(allowed)))
    model.maximize(
        _COVER * sum(covered.values())
        - _MEMBER * size
        + sum(round(c.score) * chosen[c.pk] for c in allowed)
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = SOLVER_SECONDS
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set(), False
    return {pk for pk, var in chosen.items() if solver.value(var)}, status == cp_model.OPTIMAL


def _greedy(
    wanted: set[str],
    allowed: Sequence[Candidate],
    min_size: int,
    max_size: int,
    locked_in: set[int],
) -> set[int]:
    team = {c.pk for c in allowed if c.pk in locked_in}
    covered = set().union(*(c.covers for c in allowed if c.pk in team)) & wanted
    rest = [c for c in allowed if c.pk not in team]
    while len(team) < max_size:
        best, gain = None, 0
        for candidate in rest:
            new = len((candidate.covers & wanted) - covered)
            if new > gain or (new == gain and new and best and candidate.score > best.score):
                best, gain = candidate, new
        if best is None:
            break
        team.add(best.pk)
        covered |= best.covers & wanted
        rest.remove(best)
    for candidate in sorted(rest, key=lambda c: -c.score):
        if len(team) >= min_size:
            break
        team.add(candidate.pk)
    return team
