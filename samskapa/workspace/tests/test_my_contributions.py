"""Mitt arbete for a resident: what became of their needs and ideas, no staff tasks."""

import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.ideas.models import Follow, Support
from samskapa.ideas.tests.factories import ChallengeFactory, CommentFactory, IdeaFactory
from samskapa.needs.models import NeedSupport
from samskapa.needs.tests.factories import NeedFactory
from samskapa.portfolio.contributions import contributions_of
from samskapa.portfolio.models import Stage
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.projects.models import Project
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/sv/mitt-arbete/"


def test_a_resident_sees_the_trace_of_their_need_and_idea(
    client: Client, resident: User, naringen: Project
) -> None:
    need = NeedFactory(project=naringen, author=resident, title="Trygg cykelväg till skolan")
    challenge = ChallengeFactory(project=naringen, title="Säkra skolvägar")
    challenge.needs.add(need)
    idea = IdeaFactory(challenge=challenge, project=naringen, author=resident, title="Cykelbuss")
    InitiativeFactory(
        idea=idea,
        title="Cykelbuss i Näringen",
        stage=Stage.PILOT,
        lead_organisation=naringen.organisation,
    )
    other = IdeaFactory(project=naringen, title="Lånecyklar")
    Follow.objects.create(idea=other, user=resident)
    Support.objects.create(idea=other, user=resident)
    CommentFactory(idea=other, author=resident, text="Bra förslag för Näringen!")

    client.force_login(resident)
    page = client.get(URL).content.decode()

    assert "Mina behov (1)" in page and "Trygg cykelväg till skolan" in page
    assert "Säkra skolvägar" in page
    assert "Cykelbuss i Näringen" in page and "pilot" in page
    assert "Idéer jag följer" in page and "Lånecyklar" in page
    assert "Bra förslag för Näringen!" in page
    # Nothing of a staff member's desk for someone who cannot act on it.
    assert "Idéer att bedöma" not in page  # the heading reads "Idéer att bedöma (0)"
    assert "Starta ett projekt" not in page


def test_a_challenge_of_a_members_only_project_is_not_shown_in_the_trace(
    resident: User, naringen: Project
) -> None:
    need = NeedFactory(project=naringen, author=resident)
    hidden_project = ProjectFactory(
        organisation=naringen.organisation, visibility=Visibility.MEMBERS
    )
    ChallengeFactory(project=hidden_project, title="Intern utmaning").needs.add(need)

    [outcome] = contributions_of(user=resident).needs
    assert outcome.challenges == []


def test_the_overview_costs_the_same_queries_for_few_and_many(
    resident: User, naringen: Project, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    def fill(count: int) -> None:
        for _index in range(count):
            need = NeedFactory(project=naringen, author=resident)
            ChallengeFactory(project=naringen).needs.add(need)
            idea = IdeaFactory(project=naringen, author=resident)
            NeedSupport.objects.create(need=NeedFactory(project=naringen), user=resident)
            Follow.objects.create(idea=idea, user=resident)

    fill(1)
    with django_assert_max_num_queries(20) as few:
        contributions_of(user=resident)
    fill(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        contributions = contributions_of(user=resident)
    assert contributions.need_count == 9 and len(contributions.needs) == 5
