"""Factories of challenges, ideas and comments."""

import datetime

import factory
from factory.django import DjangoModelFactory

from samskapa.accounts.tests.factories import UserFactory
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Challenge, Comment, Idea
from samskapa.projects.tests.factories import ProjectFactory


class ChallengeFactory(DjangoModelFactory):
    """A challenge open from last month until a month ahead."""

    class Meta:
        model = Challenge

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Utmaning {n}: tryggare stråk")
    description = "Hur kan vi göra gång- och cykelstråken tryggare året runt?"
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idé {n}: belysning längs ån")
    summary = "Smart belysning som tänds när någon går förbi."
    description = "Sensorstyrd belysning sparar energi och gör stråken tryggare."
    author = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="2180"))


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    text = "Bra idé!"
