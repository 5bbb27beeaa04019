"""The admin shows gate decisions read-only and never moves an initiative's stage."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.portfolio import services
from samskapa.portfolio.models import Decision, GateDecision, Initiative

pytestmark = pytest.mark.django_db


def test_gate_decisions_are_read_only(
    client: Client, platform_admin: User, initiative: Initiative, gavle_leader: User
) -> None:
    entry = services.gate_decide(
        actor=gavle_leader,
        initiative=initiative,
        stage=initiative.stage,
        decision=Decision.GO,
        rationale="Förstudie.",
    )
    client.force_login(platform_admin)
    base = "/sv/admin/portfolio/gatedecision/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="rationale"' not in page.text  # shown, not editable
    assert client.post(f"{base}{entry.pk}/change/", {"rationale": "Ändrad"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert GateDecision.objects.get().rationale == "Förstudie."


def test_initiative_stage_is_read_only_in_admin(
    client: Client, platform_admin: User, initiative: Initiative
) -> None:
    client.force_login(platform_admin)
    page = client.get(f"/sv/admin/portfolio/initiative/{initiative.pk}/change/")
    assert page.status_code == 200
    assert 'name="stage"' not in page.text
    assert 'name="title"' in page.text
