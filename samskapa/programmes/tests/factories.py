"""Factories of programmes, participants, phases and milestones.

``ProgrammeFactory`` makes a public programme for 2026–2028 with its leading organisation as the
lead participant, as ``programmes.services.programme_create`` would.
"""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.core.models import Visibility
from samskapa.organisations.tests.factories import OrganisationFactory
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Innovationsprogram {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    summary = "Kommuner bygger en gemensam portfölj av innovationsinitiativ."
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2028, 12, 31)
    portfolio_due_on = datetime.date(2026, 6, 30)
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def lead(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            Participant.objects.create(
                programme=self, organisation=self.organisation, role=ParticipantRole.LEAD
            )


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipantRole.PARTNER
    contribution = "Bidrar med kunskap."


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = Phase

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Fas {n}")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 6, 30)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Milstolpe {n}")
    due_on = datetime.date(2027, 6, 30)
    status = MilestoneStatus.PLANNED
