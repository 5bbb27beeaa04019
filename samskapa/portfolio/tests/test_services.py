"""The stage-gate services: creating initiatives, every gate transition and refusal,
corrections, the political decision behind a gate and the append-only log."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.models import Notification, StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.ideas.models import Challenge, Follow, Idea
from samskapa.ideas.services import idea_submit
from samskapa.ideas.tests.factories import ChallengeFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, OrganisationType, Role, Unit, UnitKind
from samskapa.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UnitFactory,
)
from samskapa.portfolio import services
from samskapa.portfolio.models import (
    PIPELINE,
    AppendOnlyError,
    Decision,
    GateDecision,
    Initiative,
    Stage,
)
from samskapa.portfolio.tests.factories import InitiativeFactory, ProgrammeFactory
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()  # the service judges dates in Stockholm, not in UTC


def decide(initiative: Initiative, actor: User, decision: str, **kwargs: object) -> GateDecision:
    kwargs.setdefault("rationale", "Beslutat vid grindmötet.")
    kwargs.setdefault("stage", initiative.stage)
    return services.gate_decide(
        actor=actor,
        initiative=initiative,
        decision=decision,
        **kwargs,  # type: ignore[arg-type]
    )


def at_stage(initiative: Initiative, stage: str, actor: User) -> Initiative:
    """Walk the initiative along the pipeline with go decisions until it is at ``stage``."""
    while initiative.stage != stage:
        decide(initiative, actor, Decision.GO)
    return initiative


def message(error: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(error.value.message_dict[field])


class TestInitiativeCreate:
    def test_project_leader_creates_at_idea_stage(
        self, naringen_leader: User, naringen: Project
    ) -> None:
        initiative = services.initiative_create(
            actor=naringen_leader,
            lead_organisation=naringen.organisation,
            project=naringen,
            title="Grannträdgård",
            summary="Odling på en tomt som väntar.",
        )
        assert initiative.stage == Stage.IDEA
        assert initiative.furthest_stage == Stage.IDEA
        assert initiative.municipality == naringen.municipality
        assert initiative.created_by == naringen_leader
        assert initiative.history.count() == 1

    def test_leader_of_lead_organisation_creates_without_project(
        self, kiruna_leader: User, kiruna: Organisation
    ) -> None:
        initiative = services.initiative_create(
            actor=kiruna_leader, lead_organisation=kiruna, title="Kulturarv", summary="Flytt."
        )
        assert initiative.municipality.code == "2584"

    @pytest.mark.parametrize("who", ["resident", "gavle_member", "kiruna_leader"])
    def test_others_may_not_create_in_the_project(
        self, who: str, request: pytest.FixtureRequest, naringen: Project
    ) -> None:
        actor = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            services.initiative_create(
                actor=actor,
                lead_organisation=naringen.organisation,
                project=naringen,
                title="Smygstart",
                summary="Ska inte gå.",
            )
        assert not Initiative.objects.exists()

    def test_members_only_project_of_others_is_refused(
        self,
        kiruna_leader: User,
        kiruna: Organisation,
        hidden_project: Project,
        gavle_leader: User,
        gavle: Organisation,
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.initiative_create(
                actor=gavle_leader,
                lead_organisation=gavle,
                project=hidden_project,
                title="Ser inte projektet",
                summary="Ska inte gå.",
            )

    def test_needs_the_actor_cannot_see_are_refused(
        self, gavle_leader: User, gavle: Organisation, hidden_project: Project
    ) -> None:
        secret = NeedFactory(project=hidden_project, visibility=Visibility.MEMBERS)
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=gavle_leader,
                lead_organisation=gavle,
                title="Med hemligt behov",
                summary="Ska inte gå.",
                needs=[secret],
            )
        assert "needs" in error.value.message_dict

    def test_unit_must_belong_to_its_organisations(
        self, gavle_leader: User, gavle: Organisation, kiruna: Organisation
    ) -> None:
        foreign = UnitFactory(organisation=kiruna, name="Socialförvaltningen")
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=gavle_leader,
                lead_organisation=gavle,
                title="Fel förvaltning",
                summary="Ska inte gå.",
                responsible_unit=foreign,
            )
        assert "responsible_unit" in error.value.message_dict
        own = UnitFactory(organisation=gavle, name="Samhällsbyggnad Gävle")
        initiative = services.initiative_create(
            actor=gavle_leader,
            lead_organisation=gavle,
            title="Rätt förvaltning",
            summary="Går bra.",
            responsible_unit=own,
        )
        assert initiative.responsible_unit == own

    def test_programme_leader_creates_in_the_programme(
        self, reference_data: None, kiruna: Organisation
    ) -> None:
        lead = OrganisationFactory(name="BJØRK Innovation", type=OrganisationType.CIVIL_SOCIETY)
        leader = MembershipFactory(organisation=lead, role=Role.PROJECT_LEADER).user
        programme = ProgrammeFactory(organisation=lead)
        initiative = services.initiative_create(
            actor=leader,
            lead_organisation=kiruna,
            programme=programme,
            title="Programmets initiativ",
            summary="I Kiruna.",
        )
        assert initiative.programme == programme
        assert leader.has_perm("portfolio.decide_gate", initiative)


class TestCreateFromIdea:
    @pytest.fixture
    def idea(self, naringen: Project, resident: User) -> Idea:
        challenge: Challenge = ChallengeFactory(project=naringen)
        self.needs = [
            NeedFactory(project=naringen, title="Tryggt stråk"),
            NeedFactory(project=naringen),
        ]
        hidden = NeedFactory(project=naringen, title="Gömt", is_hidden=True)
        challenge.needs.set([*self.needs, hidden])
        company = OrganisationFactory(name="Smartstad Norr AB", type=OrganisationType.COMPANY)
        MembershipFactory(organisation=company, user=resident)
        idea = idea_submit(
            actor=resident,
            challenge=challenge,
            organisation=company,
            title="Belysning som följer med",
            summary="Lampor som tänds.",
            description="Sparar energi.",
            dimensions=SustainabilityDimension.objects.filter(code="social"),
            sdg_targets=Target.objects.filter(code="11.7"),
        )
        return idea

    def test_copies_the_idea(self, idea: Idea, naringen_leader: User, naringen: Project) -> None:
        initiative = services.initiative_create_from_idea(actor=naringen_leader, idea=idea)
        assert initiative.idea == idea
        assert initiative.stage == Stage.IDEA
        assert (initiative.title, initiative.summary, initiative.description) == (
            idea.title,
            idea.summary,
            idea.description,
        )
        assert initiative.project == naringen
        assert initiative.lead_organisation == naringen.organisation
        assert initiative.municipality == idea.municipality
        assert list(initiative.partners.all()) == [idea.organisation]
        assert set(initiative.needs.all()) == set(self.needs)  # not the hidden one
        assert [d.code for d in initiative.dimensions.all()] == ["social"]
        assert [t.code for t in initiative.sdg_targets.all()] == ["11.7"]

    def test_an_idea_becomes_one_initiative(self, idea: Idea, naringen_leader: User) -> None:
        services.initiative_create_from_idea(actor=naringen_leader, idea=idea)
        with pytest.raises(ValidationError) as error:
            services.initiative_create_from_idea(actor=naringen_leader, idea=idea)
        assert "already" in message(error, "idea")

    def test_author_of_the_idea_may_not(self, idea: Idea, resident: User) -> None:
        with pytest.raises(PermissionDenied):
            services.initiative_create_from_idea(actor=resident, idea=idea)


class TestGateTransitions:
    @pytest.mark.parametrize("index", range(len(PIPELINE) - 1))
    def test_go_moves_one_step(
        self, index: int, initiative: Initiative, gavle_leader: User
    ) -> None:
        at_stage(initiative, PIPELINE[index], gavle_leader)
        entry = decide(initiative, gavle_leader, Decision.GO)
        initiative.refresh_from_db()
        assert (entry.from_stage, entry.to_stage) == (PIPELINE[index], PIPELINE[index + 1])
        assert initiative.stage == PIPELINE[index + 1]
        assert initiative.furthest_stage == PIPELINE[index + 1]

    def test_go_from_completed_is_refused(self, initiative: Initiative, gavle_leader: User) -> None:
        at_stage(initiative, Stage.COMPLETED, gavle_leader)
        count = GateDecision.objects.count()
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.GO)
        assert "completed" in message(error, "decision")
        assert GateDecision.objects.count() == count

    @pytest.mark.parametrize("decision", [Decision.STOP, Decision.HOLD, Decision.REWORK])
    def test_nothing_moves_a_completed_initiative(
        self, decision: str, initiative: Initiative, gavle_leader: User
    ) -> None:
        at_stage(initiative, Stage.COMPLETED, gavle_leader)
        with pytest.raises(ValidationError):
            decide(initiative, gavle_leader, decision)

    def test_stop_keeps_the_furthest_stage(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        at_stage(initiative, Stage.PILOT, gavle_leader)
        entry = decide(initiative, gavle_leader, Decision.STOP, next_gate_on=TODAY)
        initiative.refresh_from_db()
        assert (entry.from_stage, entry.to_stage) == (Stage.PILOT, Stage.STOPPED)
        assert initiative.stage == Stage.STOPPED
        assert initiative.furthest_stage == Stage.PILOT
        assert initiative.next_gate_on is None

    @pytest.mark.parametrize("decision", list(Decision))
    def test_nothing_moves_a_stopped_initiative(
        self, decision: str, initiative: Initiative, gavle_leader: User
    ) -> None:
        decide(initiative, gavle_leader, Decision.STOP)
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, decision)
        assert "stopped" in message(error, "decision")

    def test_hold_parks_with_reason_and_go_takes_it_up_again(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        at_stage(initiative, Stage.PRESTUDY, gavle_leader)
        decide(initiative, gavle_leader, Decision.HOLD, rationale="Inte nu: vänta på inflyttning.")
        initiative.refresh_from_db()
        assert initiative.stage == Stage.PARKED
        assert initiative.parked_from_stage == Stage.PRESTUDY
        assert initiative.parked_reason == "Inte nu: vänta på inflyttning."
        assert initiative.furthest_stage == Stage.PRESTUDY

        entry = decide(initiative, gavle_leader, Decision.GO)
        initiative.refresh_from_db()
        assert (entry.from_stage, entry.to_stage) == (Stage.PARKED, Stage.PRESTUDY)
        assert initiative.stage == Stage.PRESTUDY
        assert (initiative.parked_from_stage, initiative.parked_reason) == ("", "")

    def test_hold_when_parked_is_refused(self, initiative: Initiative, gavle_leader: User) -> None:
        decide(initiative, gavle_leader, Decision.HOLD)
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.HOLD)
        assert "already" in message(error, "decision")

    def test_rework_when_parked_is_refused(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        decide(initiative, gavle_leader, Decision.HOLD)
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.REWORK)
        assert "go decision first" in message(error, "decision")

    def test_a_parked_initiative_can_be_stopped(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        decide(initiative, gavle_leader, Decision.HOLD)
        decide(initiative, gavle_leader, Decision.STOP)
        initiative.refresh_from_db()
        assert initiative.stage == Stage.STOPPED
        assert initiative.parked_from_stage == ""

    def test_rework_keeps_the_stage(self, initiative: Initiative, gavle_leader: User) -> None:
        at_stage(initiative, Stage.PILOT, gavle_leader)
        entry = decide(initiative, gavle_leader, Decision.REWORK, next_gate_on=TODAY)
        initiative.refresh_from_db()
        assert (entry.from_stage, entry.to_stage) == (Stage.PILOT, Stage.PILOT)
        assert initiative.stage == Stage.PILOT
        assert initiative.next_gate_on == TODAY

    def test_unknown_decision_is_refused(self, initiative: Initiative, gavle_leader: User) -> None:
        with pytest.raises(ValidationError):
            decide(initiative, gavle_leader, "maybe")

    @pytest.mark.parametrize(
        ("stage", "expected"),
        [
            (Stage.IDEA, ["go", "stop", "hold", "rework"]),
            (Stage.PARKED, ["go", "stop"]),
            (Stage.STOPPED, []),
            (Stage.COMPLETED, []),
        ],
    )
    def test_available_decisions(self, stage: str, expected: list[str]) -> None:
        assert services.available_decisions(stage) == expected


class TestRationaleAndPoliticalDecision:
    @pytest.mark.parametrize("rationale", ["", "   \n "])
    def test_rationale_is_required(
        self, rationale: str, initiative: Initiative, gavle_leader: User
    ) -> None:
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.GO, rationale=rationale)
        assert message(error, "rationale") == "Give the rationale for the decision."
        initiative.refresh_from_db()
        assert initiative.stage == Stage.IDEA
        assert not GateDecision.objects.exists()

    def test_board_decision_is_logged(
        self, initiative: Initiative, gavle_leader: User, board: Unit
    ) -> None:
        day = TODAY - datetime.timedelta(days=3)
        entry = decide(
            initiative,
            gavle_leader,
            Decision.GO,
            board=board,
            board_decided_on=day,
            board_reference=" KS 2026/123 ",
        )
        entry.refresh_from_db()
        assert (entry.board, entry.board_decided_on, entry.board_reference) == (
            board,
            day,
            "KS 2026/123",
        )

    @pytest.mark.parametrize(
        "kwargs", [{"board_reference": "KS 2026/123"}, {"board_decided_on": TODAY}]
    )
    def test_reference_or_date_needs_a_board(
        self, kwargs: dict[str, object], initiative: Initiative, gavle_leader: User
    ) -> None:
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.GO, **kwargs)
        assert "board" in error.value.message_dict

    def test_board_must_be_a_municipal_board_or_administration(
        self, initiative: Initiative, gavle_leader: User, gavle: Organisation
    ) -> None:
        company = OrganisationFactory(type=OrganisationType.COMPANY)
        for unit in (
            UnitFactory(organisation=company, kind=UnitKind.BOARD, name="Styrelsen"),
            UnitFactory(organisation=gavle, kind=UnitKind.DEPARTMENT, name="Enheten"),
        ):
            with pytest.raises(ValidationError) as error:
                decide(initiative, gavle_leader, Decision.GO, board=unit)
            assert "municipality" in message(error, "board")

    def test_board_date_not_in_the_future(
        self, initiative: Initiative, gavle_leader: User, board: Unit
    ) -> None:
        with pytest.raises(ValidationError) as error:
            decide(
                initiative,
                gavle_leader,
                Decision.GO,
                board=board,
                board_decided_on=TODAY + datetime.timedelta(days=1),
            )
        assert "future" in message(error, "board_decided_on")


class TestWhoDecides:
    @pytest.mark.parametrize("who", ["resident", "gavle_member", "kiruna_leader"])
    def test_others_may_not_decide(
        self, who: str, request: pytest.FixtureRequest, initiative: Initiative
    ) -> None:
        with pytest.raises(PermissionDenied):
            decide(initiative, request.getfixturevalue(who), Decision.GO)
        assert not GateDecision.objects.exists()

    def test_project_leader_decides(self, initiative: Initiative, naringen_leader: User) -> None:
        decide(initiative, naringen_leader, Decision.GO)
        assert GateDecision.objects.get().decided_by == naringen_leader

    def test_leaders_and_followers_of_the_idea_are_told(
        self,
        initiative: Initiative,
        naringen_leader: User,
        gavle_leader: User,
        follower: User,
        resident: User,
    ) -> None:
        idea = Idea.objects.create(
            title="Idén bakom",
            summary="s",
            description="d",
            municipality=initiative.municipality,
            project=initiative.project,
            author=follower,
        )
        Follow.objects.create(idea=idea, user=follower)
        Initiative.objects.filter(pk=initiative.pk).update(idea=idea)
        initiative.refresh_from_db()
        decide(initiative, naringen_leader, Decision.GO)
        told = set(Notification.objects.values_list("recipient__email", flat=True))
        assert told == {gavle_leader.email, follower.email}
        assert resident.email not in told
        assert "Gate decision" in Notification.objects.get(recipient=gavle_leader).title or (
            "Grindbeslut" in Notification.objects.get(recipient=gavle_leader).title
        )


class TestCorrections:
    def test_correction_is_a_new_entry_and_moves_the_stage(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        decide(initiative, gavle_leader, Decision.GO)
        wrong = decide(initiative, gavle_leader, Decision.GO, rationale="Pilot beslutad.")
        original = GateDecision.objects.filter(pk=wrong.pk).values().get()

        correction = services.gate_correct(
            actor=gavle_leader,
            decision=wrong,
            to_stage=Stage.PRESTUDY,
            rationale="Nämnden förlängde förstudien; den startade ingen pilot.",
        )
        initiative.refresh_from_db()
        assert correction.corrects == wrong
        assert (correction.from_stage, correction.to_stage) == (Stage.PILOT, Stage.PRESTUDY)
        assert correction.decision == Decision.REWORK
        assert initiative.stage == Stage.PRESTUDY
        assert initiative.furthest_stage == Stage.PRESTUDY
        assert GateDecision.objects.filter(pk=wrong.pk).values().get() == original
        assert GateDecision.objects.count() == 3

    def test_a_stop_corrected_to_parked(self, initiative: Initiative, gavle_leader: User) -> None:
        decide(initiative, gavle_leader, Decision.GO)
        stop = decide(initiative, gavle_leader, Decision.STOP)
        correction = services.gate_correct(
            actor=gavle_leader, decision=stop, to_stage=Stage.PARKED, rationale="Det var inte nu."
        )
        initiative.refresh_from_db()
        assert correction.decision == Decision.HOLD
        assert initiative.stage == Stage.PARKED
        assert initiative.parked_from_stage == Stage.PRESTUDY
        assert initiative.parked_reason == "Det var inte nu."

    def test_only_once_and_with_rationale(self, initiative: Initiative, gavle_leader: User) -> None:
        wrong = decide(initiative, gavle_leader, Decision.GO)
        with pytest.raises(ValidationError) as error:
            services.gate_correct(
                actor=gavle_leader, decision=wrong, to_stage=Stage.IDEA, rationale=" "
            )
        assert message(error, "rationale") == "Give the rationale for the decision."
        services.gate_correct(
            actor=gavle_leader, decision=wrong, to_stage=Stage.IDEA, rationale="Fel."
        )
        with pytest.raises(ValidationError) as error:
            services.gate_correct(
                actor=gavle_leader, decision=wrong, to_stage=Stage.IDEA, rationale="Igen."
            )
        assert "already been corrected" in message(error, "corrects")

    def test_others_may_not_correct(
        self, initiative: Initiative, gavle_leader: User, kiruna_leader: User
    ) -> None:
        wrong = decide(initiative, gavle_leader, Decision.GO)
        with pytest.raises(PermissionDenied):
            services.gate_correct(
                actor=kiruna_leader, decision=wrong, to_stage=Stage.IDEA, rationale="Nej."
            )


class TestAppendOnly:
    def test_model_refuses_change_and_delete(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        entry = decide(initiative, gavle_leader, Decision.GO)
        entry.rationale = "Ändrad i efterhand."
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()
        assert GateDecision.objects.get().rationale == "Beslutat vid grindmötet."

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger on PostgreSQL only")
    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE portfolio_gatedecision SET rationale = 'Ändrad' WHERE id = %s",
            "DELETE FROM portfolio_gatedecision WHERE id = %s",
        ],
    )
    def test_database_refuses_raw_update_and_delete(
        self, sql: str, initiative: Initiative, gavle_leader: User
    ) -> None:
        entry = decide(initiative, gavle_leader, Decision.GO)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
        assert GateDecision.objects.get().rationale == "Beslutat vid grindmötet."

    def test_queryset_update_is_refused_too(
        self, initiative: Initiative, gavle_leader: User
    ) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("trigger on PostgreSQL only")
        decide(initiative, gavle_leader, Decision.GO)
        with pytest.raises(DatabaseError), transaction.atomic():
            GateDecision.objects.update(rationale="Massändring")


class TestUpdate:
    def test_leader_changes_what_it_is_about(
        self, initiative: Initiative, gavle_leader: User, naringen: Project
    ) -> None:
        need = NeedFactory(project=naringen)
        group = StakeholderGroup.objects.first()
        services.initiative_update(
            actor=gavle_leader,
            initiative=initiative,
            title="Ny titel",
            risk="high",
            needs=[need],
            stakeholder_groups=[group],
        )
        initiative.refresh_from_db()
        assert initiative.title == "Ny titel"
        assert initiative.risk == "high"
        assert list(initiative.needs.all()) == [need]
        assert list(initiative.stakeholder_groups.all()) == [group]

    def test_stage_cannot_be_set_directly(self, initiative: Initiative, gavle_leader: User) -> None:
        with pytest.raises(TypeError):
            services.initiative_update(actor=gavle_leader, initiative=initiative, stage="pilot")

    def test_needs_hidden_from_the_editor_stay_linked(
        self,
        initiative: Initiative,
        gavle_leader: User,
        naringen_leader: User,
        naringen: Project,
        hidden_project: Project,
        kiruna_admin: User,
    ) -> None:
        secret = NeedFactory(project=hidden_project, visibility=Visibility.MEMBERS)
        initiative.needs.add(secret)
        visible = NeedFactory(project=naringen)
        services.initiative_update(actor=naringen_leader, initiative=initiative, needs=[visible])
        assert set(initiative.needs.all()) == {secret, visible}

    def test_others_may_not_update(self, initiative: Initiative, kiruna_leader: User) -> None:
        with pytest.raises(PermissionDenied):
            services.initiative_update(actor=kiruna_leader, initiative=initiative, title="Kapad")


def test_factory_initiative_for_programme(reference_data: None) -> None:
    programme: Programme = ProgrammeFactory()
    initiative = InitiativeFactory(programme=programme)
    assert initiative.stage == Stage.IDEA


class TestWhereItSits:
    """Placing an initiative (creating it somewhere, or moving it) needs the right to use the
    place: lead its project and programme, name a lead organisation one may, and keep it in
    one of these places' municipalities."""

    def test_leader_elsewhere_may_not_put_it_in_the_project(
        self, kiruna_leader: User, kiruna: Organisation, naringen: Project
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=kiruna_leader,
                lead_organisation=kiruna,
                project=naringen,
                municipality=naringen.municipality,
                title="Kapning",
                summary="I Gävles projekt.",
            )
        assert set(error.value.message_dict) == {"project"}
        assert not Initiative.objects.exists()

    def test_leader_elsewhere_may_not_put_it_in_the_programme(
        self, kiruna_leader: User, kiruna: Organisation, programme: Programme
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=kiruna_leader,
                lead_organisation=kiruna,
                programme=programme,
                title="Kapning",
                summary="I Gävles program.",
            )
        assert set(error.value.message_dict) == {"programme"}

    def test_lead_organisation_must_be_one_the_actor_may_name(
        self, kiruna_leader: User, gavle: Organisation, nya_kiruna: Project
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=kiruna_leader,
                lead_organisation=gavle,
                project=nya_kiruna,
                title="I Gävles namn",
                summary="Ska inte gå.",
            )
        assert "lead_organisation" in error.value.message_dict

    def test_municipality_must_be_one_of_its_places(
        self, kiruna_leader: User, kiruna: Organisation, gavle: Organisation
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.initiative_create(
                actor=kiruna_leader,
                lead_organisation=kiruna,
                municipality=gavle.municipality,
                title="I Gävles portfölj",
                summary="Ska inte gå.",
            )
        assert set(error.value.message_dict) == {"municipality"}

    def test_a_region_places_it_in_its_municipalities(self, reference_data: None) -> None:
        region = OrganisationFactory(
            name="Region Gävleborg", type=OrganisationType.REGION, municipality_code="2180"
        )
        leader = MembershipFactory(organisation=region, role=Role.PROJECT_LEADER).user
        sandviken = Municipality.objects.get(code="2181")
        initiative = services.initiative_create(
            actor=leader,
            lead_organisation=region,
            municipality=sandviken,
            title="Regional",
            summary="I Sandviken.",
        )
        assert initiative.municipality == sandviken

    @pytest.mark.parametrize("place", ["project", "programme", "lead_organisation", "municipality"])
    def test_moving_it_where_the_actor_may_not_is_refused(
        self,
        place: str,
        gavle_leader: User,
        gavle: Organisation,
        naringen: Project,
        kiruna: Organisation,
        nya_kiruna: Project,
    ) -> None:
        initiative = services.initiative_create(
            actor=gavle_leader,
            lead_organisation=gavle,
            project=naringen,
            title="I Näringen",
            summary="Utan program.",
        )
        elsewhere: dict[str, Any] = {
            "project": nya_kiruna,
            "programme": ProgrammeFactory(organisation=kiruna),
            "lead_organisation": kiruna,
            "municipality": kiruna.municipality,
        }
        with pytest.raises(ValidationError) as error:
            services.initiative_update(
                actor=gavle_leader,
                initiative=initiative,
                **{place: elsewhere[place]},
            )
        assert place in error.value.message_dict
        initiative.refresh_from_db()
        assert getattr(initiative, place) != elsewhere[place]

    def test_a_board_of_another_municipality_may_not_be_cited(
        self, initiative: Initiative, gavle_leader: User, units: dict[str, Unit]
    ) -> None:
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.GO, board=units["ks"])
        assert "initiative's municipality" in message(error, "board")
        wrong = decide(initiative, gavle_leader, Decision.GO)
        with pytest.raises(ValidationError) as error:
            services.gate_correct(
                actor=gavle_leader,
                decision=wrong,
                to_stage=Stage.IDEA,
                rationale="Fel.",
                board=units["ks"],
            )
        assert "board" in error.value.message_dict
        assert GateDecision.objects.count() == 1


class TestDecidedOnce:
    def test_a_decision_about_a_stage_it_has_left_is_refused(
        self, initiative: Initiative, gavle_leader: User, naringen_leader: User
    ) -> None:
        services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=Stage.IDEA,
            decision=Decision.GO,
            rationale="Ja.",
        )
        stale = Initiative.objects.get(pk=initiative.pk)
        Initiative.objects.filter(pk=initiative.pk).update(stage=Stage.PILOT)
        with pytest.raises(ValidationError) as error:
            services.gate_decide(
                actor=naringen_leader,
                initiative=stale,
                stage=Stage.PRESTUDY,
                decision=Decision.GO,
                rationale="Samma igen.",
            )
        assert message(error, "stage") == (
            "This decision was about the pre-study stage, but the initiative has since moved to "
            "pilot. Look at the gate log, then decide again."
        )
        assert GateDecision.objects.count() == 1

    def test_the_stage_must_be_named(self, initiative: Initiative, gavle_leader: User) -> None:
        with pytest.raises(ValidationError) as error:
            decide(initiative, gavle_leader, Decision.GO, stage="")
        assert "stage" in error.value.message_dict
