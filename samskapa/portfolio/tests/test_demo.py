"""The demo portfolio: loads twice without duplicates, with a realistic gate history."""

import pytest

from samskapa.core.models import HelixSector
from samskapa.portfolio.models import Decision, GateDecision, Initiative, Stage
from samskapa.workspace.demo import load_demo_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def _counts() -> tuple[int, int, int, int]:
    return (
        Initiative.objects.count(),
        GateDecision.objects.count(),
        Initiative.partners.through.objects.count(),
        Initiative.needs.through.objects.count(),
    )


def test_loads_twice_without_duplicates() -> None:
    load_demo_data()
    first = _counts()
    load_demo_data()
    assert _counts() == first
    assert 10 <= first[0] <= 13


def test_portfolio_is_realistic() -> None:
    load_demo_data()
    initiatives = Initiative.objects.filter(programme__slug="innovationsprogram-2026-2028")
    assert set(initiatives.values_list("municipality__code", flat=True)) == {"2180", "1401", "2584"}
    assert initiatives.filter(idea__isnull=False).count() >= 5
    assert initiatives.filter(idea__title="Belysning som följer med längs ån").exists()
    assert initiatives.filter(idea__title="Öppen data om hur stråken används").exists()
    stages = set(initiatives.values_list("stage", flat=True))
    assert {
        Stage.PRESTUDY,
        Stage.PILOT,
        Stage.IMPLEMENTATION,
        Stage.STOPPED,
        Stage.PARKED,
    } <= stages
    parked = initiatives.get(stage=Stage.PARKED)
    assert parked.parked_reason.startswith("Inte nu")
    sectors = set(
        Initiative.partners.through.objects.filter(initiative__in=initiatives).values_list(
            "organisation__helix_sector", flat=True
        )
    )
    assert sectors == set(HelixSector.values)
    decisions = GateDecision.objects.filter(initiative__in=initiatives)
    assert decisions.filter(decision=Decision.REWORK, corrects__isnull=True).exists()
    correction = decisions.get(corrects__isnull=False)
    assert correction.initiative.stage == correction.to_stage == Stage.PRESTUDY
    assert correction.initiative.furthest_stage == Stage.PRESTUDY
    cited = decisions.filter(board__isnull=False)
    assert cited.count() >= 4
    assert cited.filter(
        board__name="Kommunstyrelsen", board_reference__startswith="KS 2026/"
    ).exists()
    assert all(d.decided_at.year == 2026 for d in decisions)
    assert initiatives.filter(responsible_unit__organisation__slug="kiruna-kommun").exists()
    assert initiatives.filter(needs__isnull=False).distinct().count() >= 8
