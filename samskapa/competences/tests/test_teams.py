"""The team builder: full coverage when it is possible, a plain report of what is not."""

import pytest

from samskapa.competences.teams import EXACT_LIMIT, Candidate, build_team

UNIVERSE = ["r1", "r2", "d:eco", "d:soc", "s:public", "s:academia"]


def c(pk: int, *covers: str, score: float = 50) -> Candidate:
    return Candidate(pk=pk, covers=frozenset(covers), score=score)


def test_the_smallest_team_that_covers_everything() -> None:
    candidates = [
        c(1, "r1", "d:eco", "s:public"),
        c(2, "r2", "d:soc", "s:academia"),
        c(3, "r1", score=90),
        c(4, "r2", score=90),
        c(5, "d:eco", "d:soc", score=90),
        c(6, "s:public", "s:academia", score=90),
    ]
    team = build_team(universe=UNIVERSE, candidates=candidates, min_size=1, max_size=4)
    assert team.method == "exact" and team.optimal
    assert sorted(team.members) == [1, 2]
    assert team.covered == set(UNIVERSE)
    assert team.uncoverable == team.left_uncovered == set()


def test_what_no_candidate_covers_is_reported() -> None:
    team = build_team(
        universe=UNIVERSE,
        candidates=[c(1, "r1", "d:eco", "s:public"), c(2, "d:soc")],
        min_size=1,
        max_size=5,
    )
    assert team.uncoverable == {"r2", "s:academia"}
    assert team.covered == {"r1", "d:eco", "d:soc", "s:public"}
    assert team.left_uncovered == set()


def test_the_size_limit_leaves_some_uncovered_and_says_so() -> None:
    candidates = [c(1, "r1"), c(2, "r2"), c(3, "d:eco", "d:soc", "s:public", "s:academia")]
    team = build_team(universe=UNIVERSE, candidates=candidates, min_size=1, max_size=2)
    assert len(team.members) == 2
    assert 3 in team.members
    assert len(team.left_uncovered) == 1
    assert team.uncoverable == set()


def test_locks_are_kept_and_the_rest_rebuilt() -> None:
    candidates = [
        c(1, "r1", "r2", "d:eco", "d:soc", "s:public", "s:academia"),
        c(2, "r1", "d:eco", "s:public"),
        c(3, "r2", "d:soc", "s:academia"),
        c(4, "r1", score=10),
    ]
    unlocked = build_team(universe=UNIVERSE, candidates=candidates, min_size=1, max_size=3)
    assert unlocked.members == [1]
    relocked = build_team(
        universe=UNIVERSE,
        candidates=candidates,
        min_size=1,
        max_size=3,
        locked_in={4},
        locked_out={1},
    )
    assert sorted(relocked.members) == [2, 3, 4] or sorted(relocked.members) == [3, 4, 2]
    assert 1 not in relocked.members and 4 in relocked.members
    assert relocked.covered == set(UNIVERSE)


def test_the_smallest_size_is_filled_with_the_best_scores() -> None:
    candidates = [c(1, *UNIVERSE, score=40), c(2, score=90), c(3, score=10)]
    team = build_team(universe=UNIVERSE, candidates=candidates, min_size=2, max_size=3)
    assert team.members == [2, 1]


@pytest.mark.parametrize("extra", [EXACT_LIMIT + 1, 500])
def test_many_candidates_use_the_greedy_cover_with_its_bound(extra: int) -> None:
    filler = [c(100 + i, "r1", score=i % 100) for i in range(extra)]
    candidates = [*filler, c(1, "r2", "d:soc"), c(2, "d:eco", "s:public", "s:academia")]
    team = build_team(universe=UNIVERSE, candidates=candidates, min_size=1, max_size=4)
    assert team.method == "greedy" and not team.optimal
    assert team.covered == set(UNIVERSE)
    assert len(team.members) == 3
    # H(3) = 1 + 1/2 + 1/3: no candidate covers more than three things.
    assert team.bound == pytest.approx(1 + 1 / 2 + 1 / 3)
