"""Factories of organisations, units and memberships.

Municipalities come from the reference data, which the test database always holds (see the
root ``conftest.py``): ``OrganisationFactory(municipality_code="2584")`` is Kiruna.
"""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import HelixSector
from samskapa.geo.models import Municipality
from samskapa.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Role,
    Unit,
    UnitKind,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    class Params:
        municipality_code = "2180"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    type = OrganisationType.MUNICIPALITY
    helix_sector = HelixSector.PUBLIC
    municipality = factory.LazyAttribute(
        lambda o: Municipality.objects.get(code=o.municipality_code)
    )


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    kind = UnitKind.ADMINISTRATION


class MembershipFactory(DjangoModelFactory):
    """A role in an organisation; pass ``organisation=None, project=...`` for a project role."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    project = None
    role = Role.MEMBER
