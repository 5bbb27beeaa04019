"""Fixtures of the toolbox tests: a facilitator, a published method with steps, a proposal."""

import pytest

from samskapa.accounts.models import User
from samskapa.methods.models import Method, MethodStatus, MethodVersion
from samskapa.methods.services import method_snapshot
from samskapa.methods.tests.factories import MethodFactory, MethodStepFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def facilitator(reference_data: None) -> User:
    rise = OrganisationFactory(name="Forskningsinstitutet", type="research_institute")
    return MembershipFactory(organisation=rise, role=Role.FACILITATOR).user


@pytest.fixture
def kungalv(reference_data: None) -> Organisation:
    return OrganisationFactory(name="Kungälvs kommun", municipality_code="1482")


@pytest.fixture
def kungalv_member(kungalv: Organisation) -> User:
    return MembershipFactory(organisation=kungalv, role=Role.MEMBER).user


@pytest.fixture
def method(reference_data: None) -> Method:
    """A published method, "Trygghetsvandring", with two steps and its first version."""
    method = MethodFactory(title="Trygghetsvandring", slug="trygghetsvandring", total_minutes=150)
    MethodStepFactory(method=method, position=1, title="Bjud in", minutes=60)
    MethodStepFactory(method=method, position=2, title="Vandra", minutes=90)
    MethodVersion.objects.create(method=method, number=1, content=method_snapshot(method))
    return method


@pytest.fixture
def proposal(resident: User) -> Method:
    return MethodFactory(
        title="Walk and talk",
        slug="walk-and-talk",
        status=MethodStatus.PROPOSED,
        proposed_by=resident,
    )
