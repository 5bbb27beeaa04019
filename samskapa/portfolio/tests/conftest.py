"""Fixtures of the portfolio tests: Gävle's programme, a Näringen initiative, its leaders."""

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.organisations.models import Organisation, Role, Unit, UnitKind
from samskapa.organisations.tests.factories import MembershipFactory, UnitFactory
from samskapa.portfolio.models import Initiative
from samskapa.portfolio.services import initiative_create
from samskapa.portfolio.tests.factories import ProgrammeFactory
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project


@pytest.fixture
def programme(gavle: Organisation) -> Programme:
    return ProgrammeFactory(name="Innovationsprogram 2026–2028", organisation=gavle)


@pytest.fixture
def naringen_leader(naringen: Project) -> User:
    """A project leader of Näringen only (no role in Gävle kommun itself)."""
    return MembershipFactory(organisation=None, project=naringen, role=Role.PROJECT_LEADER).user


@pytest.fixture
def gavle_member(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.MEMBER).user


@pytest.fixture
def board(gavle: Organisation) -> Unit:
    return UnitFactory(organisation=gavle, name="Kommunstyrelsen", kind=UnitKind.BOARD)


@pytest.fixture
def follower(reference_data: None) -> User:
    return UserFactory(full_name="Fia Följare")


@pytest.fixture
def initiative(gavle_leader: User, naringen: Project, programme: Programme) -> Initiative:
    return initiative_create(
        actor=gavle_leader,
        lead_organisation=naringen.organisation,
        project=naringen,
        programme=programme,
        title="Belysning som följer med längs ån",
        summary="Sensorstyrd belysning längs ån.",
    )
