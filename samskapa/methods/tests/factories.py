"""Factories of methods, steps, adaptations and experience reports."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabParticipant,
    LabTheme,
    Method,
    MethodPhase,
    MethodStatus,
    MethodStep,
    Rating,
)
from samskapa.organisations.tests.factories import OrganisationFactory


class MethodFactory(DjangoModelFactory):
    class Meta:
        model = Method
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Metod {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)}-{n}")
    summary = "En metod för medskapande planering."
    purpose = "Att låta de som berörs vara med och forma lösningen."
    phase = MethodPhase.NEED
    status = MethodStatus.PUBLISHED
    total_minutes = 90


class MethodStepFactory(DjangoModelFactory):
    class Meta:
        model = MethodStep

    method = factory.SubFactory(MethodFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Steg {n}")
    minutes = 45


class AdaptationFactory(DjangoModelFactory):
    class Meta:
        model = Adaptation

    method = factory.SubFactory(MethodFactory)
    method_version = 1
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    title = factory.Sequence(lambda n: f"Anpassning {n}")
    changes = "Vi höll mötet på kvällstid."
    reasons = "Fler kunde komma."


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceReport

    method = factory.SubFactory(MethodFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    used_on = datetime.date(2019, 5, 1)
    place = "Centrum"
    group = "Samhällsbyggnad och socialtjänst"
    outcome = "Många deltog."
    lessons = "Bjud in tidigt."


class RatingFactory(DjangoModelFactory):
    class Meta:
        model = Rating

    report = factory.SubFactory(ReportFactory)
    aspect = "usefulness"
    score = 4


class LabFactory(DjangoModelFactory):
    class Meta:
        model = Lab
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Labbverkstad {n}")
    theme = LabTheme.CO_CREATION
    organiser = factory.SubFactory(OrganisationFactory)
    starts_on = datetime.date(2018, 4, 17)
    place = "Göteborg"
    description = "Arbetsgrupperna prövade medskapande."


class LabParticipantFactory(DjangoModelFactory):
    class Meta:
        model = LabParticipant

    lab = factory.SubFactory(LabFactory)
    name = factory.Sequence(lambda n: f"Deltagare {n}")
    organisation = factory.SubFactory(OrganisationFactory)
