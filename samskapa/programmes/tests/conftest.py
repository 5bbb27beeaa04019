"""Fixtures of the programme tests: a fixed "today", a public and a members-only programme."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.programmes.models import Milestone, MilestoneStatus, Phase, Programme
from samskapa.programmes.tests.factories import (
    MilestoneFactory,
    ParticipantFactory,
    PhaseFactory,
    ProgrammeFactory,
)

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    """Every programme test runs on 25 November 2026, in the middle of the demo programme."""
    original: Callable[..., datetime.date] = timezone.localdate

    def localdate(value: object = None, timezone: object = None) -> datetime.date:
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def programme(gavle: Organisation) -> Programme:
    """A public programme 2026–2028 led by Gävle kommun."""
    return ProgrammeFactory(name="Innovationsprogram Gävle 2026–2028", organisation=gavle)


@pytest.fixture
def phase(programme: Programme) -> Phase:
    return PhaseFactory(
        programme=programme,
        name="Förstudier och piloter",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2027, 12, 31),
    )


@pytest.fixture
def late_milestone(programme: Programme, phase: Phase) -> Milestone:
    return MilestoneFactory(
        programme=programme,
        phase=phase,
        title="Förstudierapporter klara",
        due_on=datetime.date(2026, 10, 31),
        status=MilestoneStatus.IN_PROGRESS,
    )


@pytest.fixture
def partner(reference_data: None) -> Organisation:
    return OrganisationFactory(name="Forskningsinstitutet")


@pytest.fixture
def partner_member(partner: Organisation) -> User:
    return MembershipFactory(organisation=partner, role=Role.MEMBER).user


@pytest.fixture
def members_programme(kiruna: Organisation, partner: Organisation) -> Programme:
    """A members-only programme led by Kiruna kommun, with the research institute taking part."""
    programme = ProgrammeFactory(
        name="Internt program Kiruna", organisation=kiruna, visibility=Visibility.MEMBERS
    )
    ParticipantFactory(programme=programme, organisation=partner)
    return programme
