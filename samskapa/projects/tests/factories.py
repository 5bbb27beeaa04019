"""Factories of urban development projects and their funding."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.core.models import Visibility
from samskapa.organisations.tests.factories import OrganisationFactory, UnitFactory
from samskapa.projects.models import (
    Funding,
    FundingStatus,
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)


class ProjectFactory(DjangoModelFactory):
    """A public project in the municipality of the organisation that runs it."""

    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Stadsutvecklingsprojekt {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    phase = ProjectPhase.PROGRAMME
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2030, 12, 31)
    visibility = Visibility.PUBLIC


class FundingFactory(DjangoModelFactory):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    funder = "Vinnova"
    call = "Innovationsplattformar för hållbara, attraktiva städer"
    status = FundingStatus.GRANTED


class ProjectUnitFactory(DjangoModelFactory):
    """A unit of the project's own organisation taking part in the project."""

    class Meta:
        model = ProjectUnit

    project = factory.SubFactory(ProjectFactory)
    unit = factory.SubFactory(
        UnitFactory, organisation=factory.SelfAttribute("..project.organisation")
    )
    contribution = "Bidrar från sitt eget ansvarsområde."


class UnitPhaseRoleFactory(DjangoModelFactory):
    class Meta:
        model = UnitPhaseRole

    project_unit = factory.SubFactory(ProjectUnitFactory)
    phase = ProjectPhase.PROGRAMME
    role = PhaseRole.CONTRIBUTES
    contribution = "Underlag från förvaltningens verksamhet."
