import pytest

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Visibility
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory
from samskapa.projects.models import Project


@pytest.fixture
def author(reference_data: None) -> User:
    return UserFactory(full_name="Anna Författare")


@pytest.fixture
def moderator(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.MODERATOR).user


@pytest.fixture
def other_member(reference_data: None) -> User:
    """A member of another organisation, with no role in Gävle's projects."""
    other = OrganisationFactory(name="Annan kommun", municipality_code="2584")
    return MembershipFactory(organisation=other, role=Role.MEMBER).user


@pytest.fixture
def gavle_member(gavle: Organisation) -> User:
    return MembershipFactory(organisation=gavle, role=Role.MEMBER).user


@pytest.fixture
def needs(naringen: Project, author: User) -> dict[str, Need]:
    return {
        "public": NeedFactory(project=naringen, author=author, title="Offentligt behov"),
        "members": NeedFactory(
            project=naringen, author=author, title="Medlemsbehov", visibility=Visibility.MEMBERS
        ),
        "private": NeedFactory(
            project=naringen, author=author, title="Privat behov", visibility=Visibility.PRIVATE
        ),
        "hidden": NeedFactory(project=naringen, author=author, title="Dolt behov", is_hidden=True),
    }


@pytest.fixture
def naringen(naringen: Project) -> Project:
    """The root fixture's Näringen, under the slug it has in the demo data."""
    naringen.slug = "naringen"
    naringen.save(update_fields=["slug"])
    return naringen
