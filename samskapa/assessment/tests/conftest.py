"""Fixtures of the assessment tests: a Näringen challenge with criteria, an idea, assessors,
and a programme of Gävle kommun that includes Näringen, with shared criteria."""

import datetime
from decimal import Decimal

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.assessment import services
from samskapa.assessment.models import Assignment, Criterion
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project


@pytest.fixture
def challenge(naringen: Project) -> Challenge:
    return ChallengeFactory(project=naringen, title="Tryggare stråk i Näringen")


@pytest.fixture
def idea(challenge: Challenge) -> Idea:
    return IdeaFactory(challenge=challenge, project=challenge.project, title="Belysning längs ån")


@pytest.fixture
def criteria(gavle_leader: User, challenge: Challenge) -> list[Criterion]:
    services.criterion_set_configure(
        actor=gavle_leader, challenge=challenge, scale_min=1, scale_max=5
    )
    return [
        services.criterion_add(
            actor=gavle_leader, challenge=challenge, name="Värde för invånarna", weight=Decimal(3)
        ),
        services.criterion_add(
            actor=gavle_leader, challenge=challenge, name="Kostnad", weight=Decimal(1)
        ),
    ]


@pytest.fixture
def assessor(reference_data: None) -> User:
    return UserFactory(full_name="Bertil Bedömare", email="bedomare@example.org")


@pytest.fixture
def other_assessor(reference_data: None) -> User:
    return UserFactory(full_name="Frida Processledare", email="frida@example.org")


@pytest.fixture
def assignment(
    gavle_leader: User, idea: Idea, criteria: list[Criterion], assessor: User
) -> Assignment:
    return services.assessor_invite(actor=gavle_leader, idea=idea, email=assessor.email)


@pytest.fixture
def other_assignment(
    gavle_leader: User, idea: Idea, criteria: list[Criterion], other_assessor: User
) -> Assignment:
    return services.assessor_invite(actor=gavle_leader, idea=idea, email=other_assessor.email)


def submit(assignment: Assignment, criteria: list[Criterion], *values: int) -> Assignment:
    return services.assessment_submit(
        actor=assignment.assessor,
        assignment=assignment,
        values={c.pk: v for c, v in zip(criteria, values, strict=True)},
    )


@pytest.fixture
def programme(gavle: Organisation, naringen: Project) -> Programme:
    """Led by Gävle kommun, so its project leaders lead the programme too."""
    programme = Programme.objects.create(
        name="Innovationsprogram 2026–2028",
        slug="innovationsprogram",
        organisation=gavle,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2028, 12, 31),
    )
    programme.projects.add(naringen)
    return programme


@pytest.fixture
def programme_criteria(gavle_leader: User, programme: Programme) -> list[Criterion]:
    return [
        services.criterion_add(
            actor=gavle_leader, programme=programme, name="Nytta", weight=Decimal(2)
        ),
        services.criterion_add(
            actor=gavle_leader, programme=programme, name="Genomförbarhet", weight=Decimal(1)
        ),
    ]


@pytest.fixture
def programme_challenge(naringen: Project, programme: Programme) -> Challenge:
    """A challenge of the programme without criteria of its own."""
    return ChallengeFactory(project=naringen, programme=programme, title="Mötesplatser")


@pytest.fixture
def naringen_leader(naringen: Project) -> User:
    """Leads the project Näringen only: its challenges, not Gävle kommun's programme."""
    return MembershipFactory(organisation=None, project=naringen, role=Role.PROJECT_LEADER).user
