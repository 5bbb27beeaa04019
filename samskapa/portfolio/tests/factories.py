"""Factories of initiatives and programmes for the portfolio tests."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.organisations.tests.factories import OrganisationFactory
from samskapa.portfolio.models import Initiative
from samskapa.programmes.models import Programme


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Innovationsprogram {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2028, 12, 31)


class InitiativeFactory(DjangoModelFactory):
    """An initiative at the idea stage, written directly (gate tests go through the services)."""

    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Initiativ {n}: smart belysning")
    summary = "Belysning som tänds när någon går förbi."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.lead_organisation.municipality)
