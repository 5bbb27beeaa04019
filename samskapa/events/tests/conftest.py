"""Fixtures of the event tests: Kiruna organises, a network of Kiruna and Göteborg."""

import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.events.models import Event, Network
from samskapa.events.tests.factories import EventFactory, NetworkFactory, NetworkMemberFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def goteborg(reference_data: None) -> Organisation:
    return OrganisationFactory(name="Göteborgs stad", municipality_code="1480")


@pytest.fixture
def network(kiruna: Organisation, goteborg: Organisation) -> Network:
    network = NetworkFactory(name="Innovationsplattformar")
    NetworkMemberFactory(network=network, organisation=kiruna, is_coordinator=True)
    NetworkMemberFactory(network=network, organisation=goteborg)
    return network


@pytest.fixture
def event(kiruna: Organisation, network: Network) -> Event:
    """A public theme meeting of Kiruna kommun in a month, with two seats."""
    return EventFactory(title="Tematräff i Kiruna", organiser=kiruna, network=network, capacity=2)


@pytest.fixture
def people(reference_data: None) -> list[User]:
    return [UserFactory(full_name=f"Person {n}") for n in range(4)]


@pytest.fixture
def goteborg_member(goteborg: Organisation) -> User:
    return MembershipFactory(organisation=goteborg, role=Role.MEMBER).user
