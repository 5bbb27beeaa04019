"""Factories of campaigns and needs."""

import datetime

import factory
from factory.django import DjangoModelFactory

from samskapa.core.models import Visibility
from samskapa.needs.models import Campaign, Need
from samskapa.projects.tests.factories import ProjectFactory


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Behovsinventering {n}")
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = Need

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Behov nummer {n}")
    description = "Ett behov i stadsdelen."
    municipality = factory.LazyAttribute(lambda o: o.project.municipality)
    visibility = Visibility.PUBLIC
