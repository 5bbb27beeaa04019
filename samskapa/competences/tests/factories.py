"""Factories of competence matchmaking: a small hand-made taxonomy, profiles, needs, requests.

Factories write rows directly; tests that match call ``refresh_keys`` (what the services do on
every save) after they set competences and requirements.
"""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from samskapa.accounts.tests.factories import UserFactory
from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    ConceptKind,
    Importance,
    InterestRequest,
    Profile,
    Requirement,
    RequirementKind,
)
from samskapa.competences.services import need_keys_refresh, profile_keys_refresh
from samskapa.core.models import HelixSector
from samskapa.projects.tests.factories import ProjectFactory


class ConceptFactory(DjangoModelFactory):
    class Meta:
        model = Concept

    jobtech_id = factory.Sequence(lambda n: f"test_{n:06d}")
    kind = ConceptKind.OCCUPATION
    label = factory.Sequence(lambda n: f"Yrke {n}")
    ssyk_code = "9999"


class ProfileFactory(DjangoModelFactory):
    """A published personal profile, available from 2026 on at half time, in no place."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = None
    title = "Profil"
    helix_sector = HelixSector.ACADEMIA
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    contact_phone = "070-123 45 67"
    share_of_time = 50

    @factory.post_generation
    def competences(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.competences.set(extracted)

    @factory.post_generation
    def dimensions(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.dimensions.set(extracted)

    @factory.post_generation
    def keys(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            profile_keys_refresh(profile=self)


class CompetenceNeedFactory(DjangoModelFactory):
    class Meta:
        model = CompetenceNeed

    title = "Behov"
    project = factory.SubFactory(ProjectFactory)


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement

    need = factory.SubFactory(CompetenceNeedFactory)
    kind = RequirementKind.COMPETENCE
    concept = factory.SubFactory(ConceptFactory)
    importance = Importance.MUST


class InterestRequestFactory(DjangoModelFactory):
    class Meta:
        model = InterestRequest

    need = factory.SubFactory(CompetenceNeedFactory)
    profile = factory.SubFactory(ProfileFactory)
    sender = factory.SubFactory(UserFactory)
    message = "Vill du vara med?"


def refresh_keys(*objects: Any) -> None:
    """Rewrite the matching keys, as the services do on save."""
    for obj in objects:
        if isinstance(obj, Profile):
            profile_keys_refresh(profile=obj)
        else:
            need_keys_refresh(need=obj)
