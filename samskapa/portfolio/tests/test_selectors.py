"""Reads of the portfolio: who sees which initiative, traceability both ways, the gate log and
the inbox of gates due."""

import datetime

import pytest

from samskapa.accounts.models import User
from samskapa.core.models import StakeholderGroup, Visibility
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation
from samskapa.portfolio import services
from samskapa.portfolio.models import Decision, Initiative, Stage
from samskapa.portfolio.selectors import (
    gate_log,
    initiative_list,
    initiative_trace,
    initiatives_due_for_gate,
    initiatives_visible_to,
    need_trace,
)
from samskapa.portfolio.tests.factories import InitiativeFactory, ProgrammeFactory
from samskapa.programmes.models import Participant, Programme
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def initiatives(
    gavle: Organisation, kiruna: Organisation, naringen: Project, hidden_project: Project
) -> dict[str, Initiative]:
    members_programme = ProgrammeFactory(organisation=kiruna, visibility=Visibility.MEMBERS)
    return {
        "public": InitiativeFactory(lead_organisation=gavle, project=naringen),
        "members": InitiativeFactory(lead_organisation=gavle, visibility=Visibility.MEMBERS),
        "in_hidden_project": InitiativeFactory(lead_organisation=kiruna, project=hidden_project),
        "in_members_programme": InitiativeFactory(
            lead_organisation=gavle, programme=members_programme
        ),
    }


@pytest.mark.parametrize(
    "who",
    ["anonymous", "resident", "gavle_member", "gavle_leader", "kiruna_admin", "platform_admin"],
)
def test_visible_to_is_the_view_rule(
    who: str, request: pytest.FixtureRequest, initiatives: dict[str, Initiative]
) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    visible = set(initiatives_visible_to(user=user))
    for initiative in initiatives.values():
        assert (initiative in visible) == user.has_perm("portfolio.view_initiative", initiative)


def test_who_sees_what(
    initiatives: dict[str, Initiative], resident: User, kiruna_admin: User, gavle_member: User
) -> None:
    assert set(initiatives_visible_to(user=resident)) == {initiatives["public"]}
    assert set(initiatives_visible_to(user=gavle_member)) == {
        initiatives["public"],
        initiatives["members"],
        initiatives["in_members_programme"],  # Gävle leads that initiative
    }
    assert set(initiatives_visible_to(user=kiruna_admin)) == {
        initiatives["public"],
        initiatives["in_hidden_project"],
        initiatives["in_members_programme"],
    }


def test_programme_participant_sees_members_only_initiative(
    initiatives: dict[str, Initiative], reference_data: None
) -> None:
    from samskapa.organisations.models import Role
    from samskapa.organisations.tests.factories import MembershipFactory, OrganisationFactory

    partner = OrganisationFactory(name="RISE")
    person = MembershipFactory(organisation=partner, role=Role.MEMBER).user
    programme = initiatives["in_members_programme"].programme
    assert programme is not None
    assert initiatives["in_members_programme"] not in initiatives_visible_to(user=person)
    Participant.objects.create(programme=programme, organisation=partner)
    assert initiatives["in_members_programme"] in initiatives_visible_to(user=person)


def test_list_filters(
    initiatives: dict[str, Initiative],
    platform_admin: User,
    programme: Programme,
    naringen: Project,
) -> None:
    first = initiatives["public"]
    Initiative.objects.filter(pk=first.pk).update(programme=programme, stage=Stage.PILOT)
    first.dimensions.set(first.dimensions.model.objects.filter(code="social"))
    assert list(initiative_list(user=platform_admin, programme_slug=programme.slug)) == [first]
    assert list(initiative_list(user=platform_admin, stage="pilot")) == [first]
    assert list(initiative_list(user=platform_admin, dimension="social")) == [first]
    assert initiatives["in_hidden_project"] in initiative_list(
        user=platform_admin, municipality_code="2584"
    )
    assert first not in initiative_list(user=platform_admin, municipality_code="2584")
    Initiative.objects.filter(pk=first.pk).update(title="Dagvattenpark vid kajen")
    assert list(initiative_list(user=platform_admin, query="dagvattenparken")) == [first]


def test_initiative_trace_shows_only_visible_needs(
    initiative: Initiative, naringen: Project, resident: User, gavle_leader: User
) -> None:
    residents = StakeholderGroup.objects.get(code="residents")
    older = StakeholderGroup.objects.get(code="older-people")
    youth = StakeholderGroup.objects.get(code="children-youth")
    public = NeedFactory(project=naringen, title="Öppet behov", stakeholder_group=residents)
    private = NeedFactory(
        project=naringen,
        title="Privat behov",
        visibility=Visibility.PRIVATE,
        stakeholder_group=youth,
    )
    initiative.needs.set([public, private])
    initiative.stakeholder_groups.set([older])

    for_resident = initiative_trace(initiative=initiative, user=resident)
    assert for_resident.needs == [public]
    assert set(for_resident.stakeholder_groups) == {residents, older}

    for_leader = initiative_trace(initiative=initiative, user=gavle_leader)
    assert set(for_leader.needs) == {public, private}
    assert set(for_leader.stakeholder_groups) == {residents, older, youth}


class TestNeedTrace:
    @pytest.fixture
    def chain(self, naringen: Project, gavle: Organisation, resident: User) -> dict[str, object]:
        need = NeedFactory(project=naringen, title="Trygga stråk")
        challenge = ChallengeFactory(project=naringen, title="Tryggare stråk")
        challenge.needs.add(need)
        shown = IdeaFactory(
            challenge=challenge, project=naringen, title="Belysning", author=resident
        )
        hidden = IdeaFactory(
            challenge=challenge, project=naringen, title="Gömd idé", is_hidden=True, author=resident
        )
        via_idea = InitiativeFactory(
            lead_organisation=gavle, project=naringen, idea=shown, title="Via idén"
        )
        direct = InitiativeFactory(lead_organisation=gavle, title="Direkt")
        direct.needs.add(need)
        secret = InitiativeFactory(
            lead_organisation=gavle, title="Internt", visibility=Visibility.MEMBERS
        )
        secret.needs.add(need)
        return {
            "need": need,
            "challenge": challenge,
            "shown": shown,
            "hidden": hidden,
            "via_idea": via_idea,
            "direct": direct,
            "secret": secret,
        }

    def test_what_became_of_the_need(self, chain: dict[str, object], resident: User) -> None:
        trace = need_trace(need=chain["need"], user=resident)  # type: ignore[arg-type]
        assert [item.challenge for item in trace.challenges] == [chain["challenge"]]
        assert trace.challenges[0].ideas == [chain["shown"]]
        assert set(trace.initiatives) == {chain["via_idea"], chain["direct"]}
        assert not trace.more_ideas

    def test_members_see_members_only_initiatives(
        self, chain: dict[str, object], gavle_member: User
    ) -> None:
        trace = need_trace(need=chain["need"], user=gavle_member)  # type: ignore[arg-type]
        assert chain["secret"] in trace.initiatives

    def test_fixed_number_of_queries(
        self,
        chain: dict[str, object],
        resident: User,
        naringen: Project,
        gavle: Organisation,
        django_assert_num_queries: object,
    ) -> None:
        need_trace(need=chain["need"], user=resident)  # type: ignore[arg-type]
        # Once the user's memberships are read (once per request), three queries.
        with django_assert_num_queries(3) as few:  # type: ignore[operator]
            need_trace(need=chain["need"], user=resident)  # type: ignore[arg-type]
        for n in range(5):
            idea = IdeaFactory(challenge=chain["challenge"], project=naringen, title=f"Idé {n}")
            InitiativeFactory(lead_organisation=gavle, idea=idea, title=f"Initiativ {n}")
        with django_assert_num_queries(len(few.captured_queries)):  # type: ignore[operator]
            trace = need_trace(need=chain["need"], user=resident)  # type: ignore[arg-type]
        assert len(trace.initiatives) == 7


def test_gate_log_shows_corrections_against_their_entry(
    initiative: Initiative, gavle_leader: User
) -> None:
    first = services.gate_decide(
        actor=gavle_leader,
        initiative=initiative,
        stage=initiative.stage,
        decision=Decision.GO,
        rationale="Ja.",
    )
    wrong = services.gate_decide(
        actor=gavle_leader,
        initiative=initiative,
        stage=initiative.stage,
        decision=Decision.GO,
        rationale="Pilot.",
    )
    correction = services.gate_correct(
        actor=gavle_leader, decision=wrong, to_stage=Stage.PRESTUDY, rationale="Fel."
    )
    log = gate_log(initiative=initiative)
    assert [entry.decision for entry in log] == [first, wrong, correction]
    assert [entry.number for entry in log] == [1, 2, 3]
    assert log[1].corrections == [log[2]]
    assert log[2].corrects_number == 2
    assert not log[0].corrections


def test_due_for_gate(
    gavle: Organisation,
    kiruna: Organisation,
    gavle_leader: User,
    gavle_member: User,
    naringen: Project,
) -> None:
    soon = InitiativeFactory(
        lead_organisation=gavle, next_gate_on=TODAY + datetime.timedelta(days=14), title="Snart"
    )
    late = InitiativeFactory(
        lead_organisation=gavle, next_gate_on=TODAY - datetime.timedelta(days=3), title="Sent"
    )
    InitiativeFactory(lead_organisation=gavle, next_gate_on=TODAY + datetime.timedelta(days=15))
    InitiativeFactory(lead_organisation=gavle, next_gate_on=TODAY, stage=Stage.STOPPED)
    InitiativeFactory(lead_organisation=gavle, next_gate_on=TODAY, stage=Stage.COMPLETED)
    InitiativeFactory(lead_organisation=kiruna, next_gate_on=TODAY)
    by_project = InitiativeFactory(
        lead_organisation=kiruna, project=naringen, next_gate_on=TODAY, title="Projektets"
    )
    assert list(initiatives_due_for_gate(user=gavle_leader, today=TODAY)) == [
        late,
        by_project,
        soon,
    ]
    assert not initiatives_due_for_gate(user=gavle_member, today=TODAY).exists()


def test_idea_of_the_initiative_is_kept(initiative: Initiative) -> None:
    assert Idea.objects.count() == 0
    assert initiative.idea is None


@pytest.fixture
def people(
    resident: User,
    gavle_member: User,
    gavle_leader: User,
    kiruna_admin: User,
    kiruna_member: User,
    naringen_leader: User,
    platform_admin: User,
    hidden_project: Project,
) -> list[User]:
    """One person of each role, and a member of Kiruna's members-only project only."""
    from samskapa.organisations.models import Role
    from samskapa.organisations.tests.factories import MembershipFactory

    facilitator = MembershipFactory(
        organisation=None, project=hidden_project, role=Role.FACILITATOR
    ).user
    return [
        resident,
        gavle_member,
        gavle_leader,
        kiruna_admin,
        kiruna_member,
        naringen_leader,
        platform_admin,
        facilitator,
    ]


def test_people_who_may_see_is_the_view_rule_over_people(
    initiatives: dict[str, Initiative],
    initiative: Initiative,
    people: list[User],
    gavle: Organisation,
) -> None:
    """Who is told of a gate decision: the view rule as a query over people, for each kind of
    initiative (public, members only, in a members-only project or programme)."""
    from samskapa.accounts.models import User as UserModel
    from samskapa.portfolio.selectors import people_who_may_see

    programme = initiatives["in_members_programme"].programme
    assert programme is not None
    Participant.objects.create(programme=programme, organisation=gavle)
    everyone = UserModel.objects.filter(pk__in=[person.pk for person in people])
    for case in [initiative, *initiatives.values()]:
        case = Initiative.objects.select_related("project", "programme").get(pk=case.pk)
        expected = {
            person.pk for person in everyone if person.has_perm("portfolio.view_initiative", case)
        }
        got = set(people_who_may_see(initiative=case, people=everyone).values_list("pk", flat=True))
        assert got == expected, case.title


def test_initiative_leaders_are_those_who_may_change_it(
    initiatives: dict[str, Initiative], initiative: Initiative, people: list[User]
) -> None:
    from samskapa.accounts.models import User as UserModel
    from samskapa.portfolio.selectors import initiative_leaders

    for case in [initiative, *initiatives.values()]:
        expected = {
            person.pk
            for person in UserModel.objects.filter(pk__in=[p.pk for p in people])
            if person.has_perm("portfolio.change_initiative", case) and not person.is_superuser
        }
        got = set(initiative_leaders(initiative=case).values_list("pk", flat=True))
        assert got & {p.pk for p in people} == expected, case.title


def test_access_initiative_and_gate_decision(
    initiative: Initiative,
    initiatives: dict[str, Initiative],
    gavle_leader: User,
    resident: User,
) -> None:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from samskapa.portfolio.selectors import access_gate_decision, access_initiative

    assert access_initiative(user=resident, pk=initiative.pk) == initiative
    with pytest.raises(PermissionDenied):
        access_initiative(user=resident, pk=initiative.pk, rule="portfolio.decide_gate")
    with pytest.raises(Http404):
        access_initiative(user=resident, pk=initiatives["members"].pk)
    with pytest.raises(Http404):
        access_initiative(user=resident, pk=999_999)
    entry = services.gate_decide(
        actor=gavle_leader,
        initiative=initiative,
        stage="idea",
        decision=Decision.GO,
        rationale="Ja.",
    )
    found = access_gate_decision(
        user=gavle_leader, pk=entry.pk, initiative_pk=initiative.pk, rule="portfolio.decide_gate"
    )
    assert found == entry and found.initiative == initiative
    with pytest.raises(PermissionDenied):
        access_gate_decision(
            user=resident, pk=entry.pk, initiative_pk=initiative.pk, rule="portfolio.decide_gate"
        )
    with pytest.raises(Http404):
        access_gate_decision(
            user=gavle_leader, pk=entry.pk, initiative_pk=initiatives["members"].pk
        )
