"""Factories of learning programmes: a published programme running now, its sessions,
assignments due in a week, members, submissions and plans."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from samskapa.accounts.tests.factories import UserFactory
from samskapa.learning.models import (
    Assignment,
    Feedback,
    LearningProgramme,
    Member,
    MemberRole,
    Plan,
    ProgrammeStatus,
    Session,
    Submission,
)
from samskapa.organisations.tests.factories import OrganisationFactory


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = LearningProgramme

    title = factory.Sequence(lambda n: f"Lärprogram {n}")
    slug = factory.Sequence(lambda n: f"larprogram-{n}")
    description = "Fem träffar om att leda för innovation."
    organiser = factory.SubFactory(OrganisationFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=120))
    status = ProgrammeStatus.PUBLISHED


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.PARTICIPANT
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Träff {n}")
    starts_at = factory.LazyFunction(lambda: in_days(7, 9))
    ends_at = factory.LazyFunction(lambda: in_days(7, 15))
    place = "Stadshuset"


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Uppgift {n}")
    instructions = "Beskriv tre behov i ert projekt."
    due_at = factory.LazyFunction(lambda: in_days(7, 17))
    peer_review = False


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    assignment = factory.SubFactory(AssignmentFactory)
    author = factory.SubFactory(UserFactory)
    text = "Vårt svar."
    submitted_at = factory.LazyFunction(timezone.now)


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    submission = factory.SubFactory(SubmissionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Bra början."


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    programme = factory.SubFactory(ProgrammeFactory)
    title = "Plan för innovationsarbete"
    content = factory.LazyFunction(lambda: {"aim": "Mål", "focus_areas": [], "next_steps": []})
