"""The portfolio API: initiatives, their append-only gate log and the trace of a need."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.core.models import StakeholderGroup, Visibility
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, Unit, UnitKind
from samskapa.organisations.tests.factories import UnitFactory
from samskapa.portfolio import services
from samskapa.portfolio.models import Decision, GateDecision, Initiative, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory, ProgrammeFactory
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/initiatives/"


def detail(initiative: Initiative) -> str:
    return f"{LIST}{initiative.pk}/"


def log(initiative: Initiative) -> str:
    return f"{LIST}{initiative.pk}/gate-decisions/"


@pytest.fixture
def secret(gavle: Organisation) -> Initiative:
    return InitiativeFactory(
        lead_organisation=gavle, title="Internt", visibility=Visibility.MEMBERS
    )


class TestInitiatives:
    def test_list_is_paginated_and_hides_members_only(
        self, api_client: APIClient, initiative: Initiative, secret: Initiative
    ) -> None:
        body = api_client.get(LIST).json()
        assert body["count"] == 1
        assert [row["title"] for row in body["results"]] == [initiative.title]
        assert body["results"][0]["stage"] == "idea"
        assert body["results"][0]["lead_organisation"] == initiative.lead_organisation.slug

    def test_members_see_members_only(
        self, api_client: APIClient, initiative: Initiative, secret: Initiative, gavle_member: User
    ) -> None:
        api_client.force_authenticate(gavle_member)
        assert api_client.get(LIST).json()["count"] == 2
        assert api_client.get(detail(secret)).status_code == 200

    def test_filters(
        self,
        api_client: APIClient,
        initiative: Initiative,
        programme: Programme,
        kiruna: Organisation,
    ) -> None:
        InitiativeFactory(lead_organisation=kiruna, title="I Kiruna")
        titles = lambda query: [r["title"] for r in api_client.get(LIST + query).json()["results"]]  # noqa: E731
        assert titles(f"?programme={programme.slug}") == [initiative.title]
        assert titles("?municipality=2584") == ["I Kiruna"]
        assert titles("?stage=pilot") == []
        response = api_client.get(LIST + "?stage=maybe")
        assert response.status_code == 400 and "stage" in response.json()

    def test_list_queries_do_not_grow(
        self, api_client: APIClient, gavle: Organisation, django_assert_max_num_queries: object
    ) -> None:
        InitiativeFactory.create_batch(3, lead_organisation=gavle)
        with django_assert_max_num_queries(10) as few:  # type: ignore[operator]
            api_client.get(LIST)
        InitiativeFactory.create_batch(30, lead_organisation=gavle)
        with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
            api_client.get(LIST)

    def test_detail_traces_needs_and_groups(
        self, api_client: APIClient, initiative: Initiative, naringen: Project, resident: User
    ) -> None:
        residents = StakeholderGroup.objects.get(code="residents")
        public = NeedFactory(project=naringen, title="Öppet", stakeholder_group=residents)
        private = NeedFactory(project=naringen, title="Privat", visibility=Visibility.PRIVATE)
        initiative.needs.set([public, private])
        initiative.stakeholder_groups.set(StakeholderGroup.objects.filter(code="older-people"))
        body = api_client.get(detail(initiative)).json()
        assert [need["title"] for need in body["answers_needs"]] == ["Öppet"]
        assert {group["code"] for group in body["serves_stakeholder_groups"]} == {
            "residents",
            "older-people",
        }
        assert "needs" not in body

    def test_members_only_is_not_found(
        self, api_client: APIClient, secret: Initiative, resident: User
    ) -> None:
        assert api_client.get(detail(secret)).status_code == 404
        api_client.force_authenticate(resident)
        assert api_client.get(detail(secret)).status_code == 404

    def test_leader_creates_and_others_may_not(
        self,
        api_client: APIClient,
        naringen: Project,
        gavle_leader: User,
        resident: User,
        kiruna_leader: User,
    ) -> None:
        data = {
            "title": "Dagvattenpark",
            "summary": "Skyfall på ytan.",
            "lead_organisation": naringen.organisation.slug,
            "project": naringen.slug,
            "dimensions": ["ecological"],
        }
        assert api_client.post(LIST, data, format="json").status_code in (401, 403)
        for user in (resident, kiruna_leader):
            api_client.force_authenticate(user)
            assert api_client.post(LIST, data, format="json").status_code == 403
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(LIST, data, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["stage"] == "idea"
        assert response.json()["municipality"] == "2180"
        assert Initiative.objects.get().dimensions.get().code == "ecological"

    def test_bad_create_answers_400(self, api_client: APIClient, gavle_leader: User) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(LIST, {"title": "Bara titel"}, format="json")
        assert response.status_code == 400
        assert {"summary", "lead_organisation"} <= set(response.json())

    def test_create_from_idea(
        self, api_client: APIClient, naringen: Project, naringen_leader: User
    ) -> None:
        challenge = ChallengeFactory(project=naringen)
        challenge.needs.add(NeedFactory(project=naringen, title="Behovet"))
        idea = IdeaFactory(challenge=challenge, project=naringen, title="Idén")
        api_client.force_authenticate(naringen_leader)
        response = api_client.post(LIST, {"idea": idea.pk}, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["title"] == "Idén"
        assert [n["title"] for n in response.json()["answers_needs"]] == ["Behovet"]
        again = api_client.post(LIST, {"idea": idea.pk}, format="json")
        assert again.status_code == 400 and "idea" in again.json()

    def test_update_for_leaders_only(
        self,
        api_client: APIClient,
        initiative: Initiative,
        gavle_leader: User,
        resident: User,
        kiruna_leader: User,
    ) -> None:
        assert api_client.patch(
            detail(initiative), {"risk": "high"}, format="json"
        ).status_code in (401, 403)
        for user in (resident, kiruna_leader):
            api_client.force_authenticate(user)
            assert (
                api_client.patch(detail(initiative), {"risk": "high"}, format="json").status_code
                == 403
            )
        api_client.force_authenticate(gavle_leader)
        response = api_client.patch(
            detail(initiative), {"risk": "high", "stage": "completed"}, format="json"
        )
        assert response.status_code == 200
        initiative.refresh_from_db()
        assert (initiative.risk, initiative.stage) == ("high", Stage.IDEA)


class TestGateDecisions:
    def test_leader_logs_a_decision(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User, board: Unit
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(
            log(initiative),
            {
                "stage": "idea",
                "decision": "go",
                "rationale": "Förstudie beslutad.",
                "board": board.pk,
                "board_decided_on": "2026-03-04",
                "board_reference": "KS 2026/87",
                "next_gate_on": "2026-12-01",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["from_stage"], body["to_stage"], body["board_reference"]) == (
            "idea",
            "prestudy",
            "KS 2026/87",
        )
        initiative.refresh_from_db()
        assert initiative.stage == Stage.PRESTUDY
        assert str(initiative.next_gate_on) == "2026-12-01"
        assert (
            api_client.get(log(initiative)).json()["results"][0]["rationale"]
            == "Förstudie beslutad."
        )

    @pytest.mark.parametrize(
        "payload",
        [
            {"decision": "go"},
            {"decision": "go", "rationale": ""},
            {"decision": "go", "rationale": "   "},
        ],
    )
    def test_without_rationale_400_json(
        self,
        payload: dict[str, str],
        api_client: APIClient,
        initiative: Initiative,
        gavle_leader: User,
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(log(initiative), payload, format="json")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert "rationale" in response.json()
        assert not GateDecision.objects.exists()

    def test_meaningless_decision_400_json(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        api_client.post(
            log(initiative),
            {"stage": "idea", "decision": "stop", "rationale": "Stopp."},
            format="json",
        )
        response = api_client.post(
            log(initiative),
            {"stage": "stopped", "decision": "go", "rationale": "Igen."},
            format="json",
        )
        assert response.status_code == 400
        assert "decision" in response.json()

    def test_others_may_not_log(
        self,
        api_client: APIClient,
        initiative: Initiative,
        resident: User,
        kiruna_leader: User,
        gavle_member: User,
    ) -> None:
        payload = {"decision": "go", "rationale": "Smyg."}
        assert api_client.post(log(initiative), payload, format="json").status_code in (401, 403)
        for user in (resident, kiruna_leader, gavle_member):
            api_client.force_authenticate(user)
            assert api_client.post(log(initiative), payload, format="json").status_code == 403
            # Refused before the input is even looked at.
            assert api_client.post(log(initiative), {}, format="json").status_code == 403
        assert not GateDecision.objects.exists()

    def test_log_of_members_only_initiative_is_not_found(
        self, api_client: APIClient, secret: Initiative, resident: User
    ) -> None:
        api_client.force_authenticate(resident)
        assert api_client.get(log(secret)).status_code == 404

    def test_correction(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User, gavle: Organisation
    ) -> None:
        wrong = services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.STOP,
            rationale="Stopp.",
        )
        api_client.force_authenticate(gavle_leader)
        missing_stage = api_client.post(
            log(initiative), {"corrects": wrong.pk, "rationale": "Fel."}, format="json"
        )
        assert missing_stage.status_code == 400 and "to_stage" in missing_stage.json()
        other = InitiativeFactory(lead_organisation=gavle)
        foreign = services.gate_decide(
            actor=gavle_leader,
            initiative=other,
            stage=other.stage,
            decision=Decision.GO,
            rationale="Ja.",
        )
        response = api_client.post(
            log(initiative),
            {"corrects": foreign.pk, "to_stage": "idea", "rationale": "Fel."},
            format="json",
        )
        assert response.status_code == 400 and "corrects" in response.json()
        response = api_client.post(
            log(initiative),
            {"corrects": wrong.pk, "to_stage": "idea", "rationale": "Stoppet var fel."},
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["corrects"] == wrong.pk
        initiative.refresh_from_db()
        assert initiative.stage == Stage.IDEA

    def test_no_update_or_delete(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User
    ) -> None:
        entry = services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.GO,
            rationale="Ja.",
        )
        api_client.force_authenticate(gavle_leader)
        one = f"{log(initiative)}{entry.pk}/"
        assert api_client.get(one).json()["rationale"] == "Ja."
        for url in (log(initiative), one):
            assert api_client.put(url, {"rationale": "Ändrad"}, format="json").status_code == 405
            assert api_client.patch(url, {"rationale": "Ändrad"}, format="json").status_code == 405
            assert api_client.delete(url).status_code == 405
        assert GateDecision.objects.get().rationale == "Ja."


class TestNeedTrace:
    def test_trace_shows_only_what_the_caller_may_see(
        self,
        api_client: APIClient,
        naringen: Project,
        gavle: Organisation,
        initiative: Initiative,
        resident: User,
    ) -> None:
        need = NeedFactory(project=naringen, title="Trygga stråk")
        challenge = ChallengeFactory(project=naringen, title="Tryggare stråk")
        challenge.needs.add(need)
        IdeaFactory(challenge=challenge, project=naringen, title="Synlig")
        IdeaFactory(challenge=challenge, project=naringen, title="Gömd", is_hidden=True)
        initiative.needs.add(need)
        InitiativeFactory(
            lead_organisation=gavle, title="Internt", visibility=Visibility.MEMBERS
        ).needs.add(need)
        body = api_client.get(f"/api/v1/needs/{need.pk}/trace/").json()
        assert [c["title"] for c in body["challenges"]] == ["Tryggare stråk"]
        assert [i["title"] for i in body["challenges"][0]["ideas"]] == ["Synlig"]
        assert [(i["title"], i["stage"]) for i in body["initiatives"]] == [
            (initiative.title, "idea")
        ]

    def test_private_need_is_not_found_for_others(
        self, api_client: APIClient, naringen: Project, resident: User, gavle_leader: User
    ) -> None:
        private = NeedFactory(project=naringen, visibility=Visibility.PRIVATE)
        assert api_client.get(f"/api/v1/needs/{private.pk}/trace/").status_code == 404
        api_client.force_authenticate(resident)
        assert api_client.get(f"/api/v1/needs/{private.pk}/trace/").status_code == 404
        api_client.force_authenticate(gavle_leader)
        assert api_client.get(f"/api/v1/needs/{private.pk}/trace/").status_code == 200


class TestWriteRules:
    """Every place and board an API caller can name is checked against what they may use."""

    @pytest.fixture(autouse=True)
    def _english(self, api_client: APIClient) -> None:
        api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def _create(self, api_client: APIClient, user: User, **fields: object) -> Any:
        api_client.force_authenticate(user)
        data = {"title": "Kapning", "summary": "Ska inte gå.", **fields}
        return api_client.post(LIST, data, format="json")

    def test_leader_elsewhere_may_not_create_in_the_project(
        self, api_client: APIClient, kiruna_leader: User, kiruna: Organisation, naringen: Project
    ) -> None:
        response = self._create(
            api_client,
            kiruna_leader,
            lead_organisation=kiruna.slug,
            project=naringen.slug,
            municipality="2180",
        )
        assert response.status_code == 400
        assert "project" in response.json()
        assert not Initiative.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("programme", "programme"),
            ("municipality", "2180"),
            ("responsible_unit", "board"),
            ("needs", "secret_need"),
        ],
    )
    def test_create_refuses_what_the_caller_may_not_use(
        self,
        field: str,
        value: str,
        request: pytest.FixtureRequest,
        api_client: APIClient,
        kiruna_leader: User,
        kiruna: Organisation,
        hidden_project: Project,
    ) -> None:
        values = {
            "programme": lambda: request.getfixturevalue("programme").slug,
            "2180": lambda: "2180",
            "board": lambda: request.getfixturevalue("board").pk,
            "secret_need": lambda: [
                NeedFactory(
                    project=request.getfixturevalue("naringen"), visibility=Visibility.PRIVATE
                ).pk
            ],
        }
        response = self._create(
            api_client, kiruna_leader, lead_organisation=kiruna.slug, **{field: values[value]()}
        )
        assert response.status_code == 400
        assert field in response.json()
        assert not Initiative.objects.exists()

    @pytest.mark.parametrize("field", ["project", "programme", "lead_organisation", "municipality"])
    def test_update_refuses_a_move_the_caller_may_not_make(
        self,
        field: str,
        api_client: APIClient,
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
        elsewhere = {
            "project": nya_kiruna.slug,
            "programme": ProgrammeFactory(organisation=kiruna).slug,
            "lead_organisation": kiruna.slug,
            "municipality": "2584",
        }
        api_client.force_authenticate(gavle_leader)
        response = api_client.patch(detail(initiative), {field: elsewhere[field]}, format="json")
        assert response.status_code == 400
        assert field in response.json()
        initiative.refresh_from_db()
        assert (initiative.project, initiative.municipality.code) == (
            Project.objects.get(name="Näringen"),
            "2180",
        )

    def test_gate_decision_may_not_cite_a_board_of_another_municipality(
        self,
        api_client: APIClient,
        initiative: Initiative,
        gavle_leader: User,
        kiruna: Organisation,
    ) -> None:
        theirs = UnitFactory(organisation=kiruna, name="Kommunstyrelsen", kind=UnitKind.BOARD)
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(
            log(initiative),
            {"stage": "idea", "decision": "go", "rationale": "Ja.", "board": theirs.pk},
            format="json",
        )
        assert response.status_code == 400
        assert "board" in response.json()
        assert not GateDecision.objects.exists()

    def test_gate_decision_must_name_its_stage(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        response = api_client.post(
            log(initiative), {"decision": "go", "rationale": "Ja."}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["stage"] == ["Say which stage the decision is about."]
        response = api_client.post(
            log(initiative), {"stage": "soon", "decision": "go", "rationale": "Ja."}, format="json"
        )
        assert response.status_code == 400 and "stage" in response.json()
        assert not GateDecision.objects.exists()

    def test_a_replayed_decision_moves_the_initiative_once(
        self, api_client: APIClient, initiative: Initiative, gavle_leader: User
    ) -> None:
        api_client.force_authenticate(gavle_leader)
        payload = {"stage": "idea", "decision": "go", "rationale": "Förstudie beslutad."}
        assert api_client.post(log(initiative), payload, format="json").status_code == 201
        again = api_client.post(log(initiative), payload, format="json")
        assert again.status_code == 400
        assert again.json()["stage"] == [
            "This decision was about the idea stage, but the initiative has since moved to "
            "pre-study. Look at the gate log, then decide again."
        ]
        assert GateDecision.objects.count() == 1
        initiative.refresh_from_db()
        assert initiative.stage == Stage.PRESTUDY

    @pytest.mark.parametrize(
        "query", ["?programme=inte en slug", "?municipality=21800", "?dimension=a%20b", "?stage=7"]
    )
    def test_invalid_filters_answer_400_json(
        self, api_client: APIClient, initiative: Initiative, query: str
    ) -> None:
        response = api_client.get(LIST + query)
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/json")
        assert query[1:].split("=")[0] in response.json()

    def test_an_idea_of_a_project_the_caller_does_not_lead_is_refused(
        self, api_client: APIClient, kiruna_leader: User, naringen: Project
    ) -> None:
        idea = IdeaFactory(challenge=ChallengeFactory(project=naringen), project=naringen)
        api_client.force_authenticate(kiruna_leader)
        response = api_client.post(LIST, {"idea": idea.pk}, format="json")
        assert response.status_code == 403
        assert not Initiative.objects.exists()
