"""Factories of urban development projects and their funding."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.core.models import Visibility
from samskapa.organisations.tests.factories import OrganisationFactory
from samskapa.projects.models import Funding, FundingStatus, Project, ProjectPhase


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
