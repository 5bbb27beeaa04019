"""Factories of networks, events, registrations and posts.

``EventFactory`` makes a public theme meeting a month from now, 10:00–16:00 Swedish time, with
no seat limit; give ``capacity`` for a limited one.
"""

import datetime
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Visibility
from samskapa.events.models import (
    Event,
    EventKind,
    ExperiencePost,
    Network,
    NetworkMember,
    Registration,
    RegistrationStatus,
)
from samskapa.organisations.tests.factories import OrganisationFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)}-{n}")
    summary = "Städer som lär av varandra."


class NetworkMemberFactory(DjangoModelFactory):
    class Meta:
        model = NetworkMember

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    theme = "Organisationskultur"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Tematräff {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)}-{n}")
    kind = EventKind.THEME_MEETING
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: in_days(30, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    place = "Stadshuset"
    visibility = Visibility.PUBLIC


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    registered_by = factory.SelfAttribute("user")
    name = factory.LazyAttribute(lambda o: o.user.get_full_name() if o.user else "Gäst")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "gast@example.org")
    status = RegistrationStatus.CONFIRMED


class ExperiencePostFactory(DjangoModelFactory):
    class Meta:
        model = ExperiencePost

    network = factory.SubFactory(NetworkFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Lärdom {n}")
    body = "Alla förvaltningar behöver vara med från början."
