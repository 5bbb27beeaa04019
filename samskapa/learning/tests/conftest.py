"""Fixtures of the learning tests: a running programme of Governo with a facilitator, two
participants from Gävle, one from Kiruna, and an assignment due in a week."""

from dataclasses import dataclass

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.learning.models import Assignment, LearningProgramme, MemberRole
from samskapa.learning.tests.factories import AssignmentFactory, MemberFactory, ProgrammeFactory
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.organisations.tests.factories import OrganisationFactory


@dataclass
class World:
    programme: LearningProgramme
    assignment: Assignment
    facilitator: User
    gavle_one: User
    gavle_two: User
    kiruna_one: User
    outsider: User
    gavle: Organisation
    kiruna: Organisation


@pytest.fixture
def world(gavle: Organisation, kiruna: Organisation) -> World:
    governo = OrganisationFactory(name="Governo", type=OrganisationType.COMPANY)
    programme = ProgrammeFactory(title="Leda för innovation", organiser=governo)
    facilitator = UserFactory(full_name="Frida Processledare")
    MemberFactory(
        programme=programme, user=facilitator, role=MemberRole.FACILITATOR, organisation=governo
    )
    people = {}
    for name, organisation in (
        ("Gun Gävle", gavle),
        ("Göran Gävle", gavle),
        ("Kim Kiruna", kiruna),
    ):
        user = UserFactory(full_name=name)
        MemberFactory(programme=programme, user=user, organisation=organisation)
        people[name] = user
    return World(
        programme=programme,
        assignment=AssignmentFactory(programme=programme, title="Inventera behoven"),
        facilitator=facilitator,
        gavle_one=people["Gun Gävle"],
        gavle_two=people["Göran Gävle"],
        kiruna_one=people["Kim Kiruna"],
        outsider=UserFactory(full_name="Utan Program"),
        gavle=gavle,
        kiruna=kiruna,
    )
