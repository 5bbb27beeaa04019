"""Pages of initiatives and gate decisions: who may see and do what, bad input, query counts,
and the portfolio blocks on the idea and need pages."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.ideas.models import Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation, OrganisationType, Unit
from samskapa.organisations.tests.factories import OrganisationFactory
from samskapa.portfolio import services
from samskapa.portfolio.models import Decision, GateDecision, Initiative, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = "/sv/portfolj/initiativ/"
NEW = "/sv/portfolj/initiativ/nytt/"


def detail(initiative: Initiative) -> str:
    return f"/sv/portfolj/initiativ/{initiative.pk}/"


def gate(initiative: Initiative) -> str:
    return f"/sv/portfolj/initiativ/{initiative.pk}/grindbeslut/"


def edit(initiative: Initiative) -> str:
    return f"/sv/portfolj/initiativ/{initiative.pk}/andra/"


def correct(initiative: Initiative, decision: GateDecision) -> str:
    return f"/sv/portfolj/initiativ/{initiative.pk}/grindbeslut/{decision.pk}/rattelse/"


@pytest.fixture
def secret(gavle: Organisation) -> Initiative:
    return InitiativeFactory(
        lead_organisation=gavle, title="Internt initiativ", visibility=Visibility.MEMBERS
    )


class TestListAndDetail:
    def test_urls_are_swedish(self, initiative: Initiative) -> None:
        assert initiative.get_absolute_url() == detail(initiative)

    def test_anyone_sees_public_initiatives_but_not_members_only(
        self,
        client: Client,
        initiative: Initiative,
        secret: Initiative,
        resident: User,
        kiruna_leader: User,
    ) -> None:
        for user in (None, resident, kiruna_leader):
            if user is not None:
                client.force_login(user)
            text = client.get(LIST).text
            assert initiative.title in text
            assert secret.title not in text
            assert client.get(detail(initiative)).status_code == 200
            assert client.get(detail(secret)).status_code == 404

    def test_members_see_members_only(
        self, client: Client, secret: Initiative, gavle_member: User
    ) -> None:
        client.force_login(gavle_member)
        assert secret.title in client.get(LIST).text
        assert client.get(detail(secret)).status_code == 200

    def test_filters(self, client: Client, initiative: Initiative, kiruna: Organisation) -> None:
        other = InitiativeFactory(lead_organisation=kiruna, title="Kulturarv i Kiruna")
        text = client.get(LIST + "?municipality=2584").text
        assert other.title in text and initiative.title not in text
        text = client.get(LIST + "?stage=pilot").text
        assert other.title not in text and initiative.title not in text
        assert client.get(LIST + "?stage=nonsense").status_code == 200

    def test_list_queries_do_not_grow(
        self,
        client: Client,
        gavle: Organisation,
        resident: User,
        django_assert_max_num_queries: object,
    ) -> None:
        client.force_login(resident)
        InitiativeFactory.create_batch(3, lead_organisation=gavle)
        client.get(LIST)  # the first page after signing in looks up the documents in force
        with django_assert_max_num_queries(12) as few:  # type: ignore[operator]
            client.get(LIST)
        InitiativeFactory.create_batch(30, lead_organisation=gavle)
        with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
            client.get(LIST)

    def test_detail_shows_the_chain(
        self,
        client: Client,
        initiative: Initiative,
        gavle_leader: User,
        naringen: Project,
        board: Unit,
    ) -> None:
        need = NeedFactory(project=naringen, title="Trygga cykelbanor")
        private = NeedFactory(project=naringen, title="Privat oro", visibility=Visibility.PRIVATE)
        initiative.needs.set([need, private])
        partner = OrganisationFactory(
            name="Smartstad Norr AB", type=OrganisationType.COMPANY, helix_sector="business"
        )
        initiative.partners.add(partner)
        services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.GO,
            rationale="Förstudien beslutad.",
            board=board,
            board_reference="KS 2026/123",
        )
        text = client.get(detail(initiative)).text
        assert 'aria-current="step"' in text
        assert "Förstudien beslutad." in text
        assert "KS 2026/123" in text and "Kommunstyrelsen" in text
        assert "Trygga cykelbanor" in text
        assert "Privat oro" not in text
        assert "Smartstad Norr AB" in text and "Näringsliv" in text
        assert initiative.lead_organisation.name in text
        assert 'name="rationale"' not in text  # no gate form for a visitor

    def test_detail_queries_do_not_grow(
        self,
        client: Client,
        initiative: Initiative,
        gavle_leader: User,
        naringen: Project,
        django_assert_max_num_queries: object,
    ) -> None:
        client.force_login(gavle_leader)
        services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.GO,
            rationale="1",
        )
        with django_assert_max_num_queries(30) as few:  # type: ignore[operator]
            client.get(detail(initiative))
        for n in range(4):
            services.gate_decide(
                actor=gavle_leader,
                initiative=initiative,
                stage=initiative.stage,
                decision=Decision.REWORK,
                rationale=f"{n}",
            )
            initiative.needs.add(NeedFactory(project=naringen))
            initiative.partners.add(OrganisationFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
            client.get(detail(initiative))

    def test_parked_reason_is_shown(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.HOLD,
            rationale="Inte nu: vänta på inflyttningen.",
        )
        text = client.get(detail(initiative)).text
        assert text.count("Inte nu: vänta på inflyttningen.") >= 2  # the shelf and the log
        assert 'data-state="parked"' in text


class TestGateDecisionPage:
    @pytest.mark.parametrize("who", ["resident", "gavle_member", "kiruna_leader"])
    def test_others_may_not(
        self, who: str, request: pytest.FixtureRequest, client: Client, initiative: Initiative
    ) -> None:
        client.force_login(request.getfixturevalue(who))
        assert client.get(gate(initiative)).status_code == 403
        response = client.post(
            gate(initiative), {"stage": "idea", "decision": "go", "rationale": "Smyg."}
        )
        assert response.status_code == 403
        assert not GateDecision.objects.exists()

    def test_anonymous_is_sent_to_log_in(self, client: Client, initiative: Initiative) -> None:
        response = client.get(gate(initiative))
        assert response.status_code == 302 and "/konto/login/" in response["Location"]

    def test_members_only_initiative_is_not_found_for_others(
        self, client: Client, secret: Initiative, kiruna_leader: User
    ) -> None:
        client.force_login(kiruna_leader)
        assert client.post(gate(secret), {"decision": "go", "rationale": "x"}).status_code == 404

    def test_leader_sees_the_form_on_the_detail_page(
        self, client: Client, initiative: Initiative, naringen_leader: User
    ) -> None:
        client.force_login(naringen_leader)
        text = client.get(detail(initiative)).text
        assert f'action="{gate(initiative)}"' in text
        assert 'name="rationale"' in text

    def test_without_rationale_the_form_keeps_the_input(
        self, client: Client, initiative: Initiative, gavle_leader: User, board: Unit
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            gate(initiative),
            {
                "stage": "idea",
                "decision": "go",
                "rationale": "  ",
                "board": board.pk,
                "board_reference": "KS 2026/123",
            },
        )
        assert response.status_code == 400
        assert (
            "Give the rationale for the decision." in response.text or "motivering" in response.text
        )
        assert 'value="KS 2026/123"' in response.text
        assert 'value="go" id="id_decision_0" required checked' in response.text
        assert f'<option value="{board.pk}" selected>' in response.text
        assert not GateDecision.objects.exists()

    def test_service_refusal_is_shown_on_the_form(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            gate(initiative),
            {"stage": "idea", "decision": "go", "rationale": "Ja.", "board_reference": "KS 2026/1"},
        )
        assert response.status_code == 400
        assert "Ja.</textarea>" in response.text
        assert 'value="KS 2026/1"' in response.text

    def test_programme_leader_decides(self, client: Client, kiruna: Organisation) -> None:
        from samskapa.organisations.models import Role
        from samskapa.organisations.tests.factories import MembershipFactory
        from samskapa.portfolio.tests.factories import ProgrammeFactory

        method = OrganisationFactory(name="BJØRK Innovation", type=OrganisationType.CIVIL_SOCIETY)
        programme_leader = MembershipFactory(organisation=method, role=Role.PROJECT_LEADER).user
        in_programme = InitiativeFactory(
            lead_organisation=kiruna, programme=ProgrammeFactory(organisation=method)
        )
        client.force_login(programme_leader)
        assert client.get(gate(in_programme)).status_code == 200
        response = client.post(
            gate(in_programme), {"stage": "idea", "decision": "hold", "rationale": "Inte nu."}
        )
        assert response.status_code == 302
        in_programme.refresh_from_db()
        assert in_programme.stage == Stage.PARKED

    def test_leader_decides(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            gate(initiative), {"stage": "idea", "decision": "go", "rationale": "Förstudie."}
        )
        assert response.status_code == 302
        assert response["Location"] == detail(initiative) + "#gate-log"
        initiative.refresh_from_db()
        assert initiative.stage == Stage.PRESTUDY

    def test_completed_initiative_has_no_form(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        while initiative.stage != Stage.COMPLETED:
            services.gate_decide(
                actor=gavle_leader,
                initiative=initiative,
                stage=initiative.stage,
                decision=Decision.GO,
                rationale="Ja.",
            )
        client.force_login(gavle_leader)
        assert 'name="rationale"' not in client.get(gate(initiative)).text
        assert (
            client.post(gate(initiative), {"decision": "go", "rationale": "Igen."}).status_code
            == 400
        )


class TestCorrectionPage:
    def test_leader_corrects(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        wrong = services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.STOP,
            rationale="Stopp.",
        )
        client.force_login(gavle_leader)
        assert correct(initiative, wrong) in client.get(detail(initiative)).text
        assert client.get(correct(initiative, wrong)).status_code == 200
        response = client.post(correct(initiative, wrong), {"to_stage": "idea", "rationale": ""})
        assert response.status_code == 400
        response = client.post(
            correct(initiative, wrong), {"to_stage": "idea", "rationale": "Felaktigt stopp."}
        )
        assert response.status_code == 302
        initiative.refresh_from_db()
        assert initiative.stage == Stage.IDEA
        assert GateDecision.objects.get(corrects=wrong).rationale == "Felaktigt stopp."
        assert "Rättat genom nr 2" in client.get(detail(initiative)).text

    @pytest.mark.parametrize("who", ["resident", "kiruna_leader"])
    def test_others_may_not(
        self,
        who: str,
        request: pytest.FixtureRequest,
        client: Client,
        initiative: Initiative,
        gavle_leader: User,
    ) -> None:
        wrong = services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.GO,
            rationale="Ja.",
        )
        client.force_login(request.getfixturevalue(who))
        assert client.get(correct(initiative, wrong)).status_code == 403
        assert (
            client.post(
                correct(initiative, wrong), {"to_stage": "idea", "rationale": "x"}
            ).status_code
            == 403
        )

    def test_decision_of_another_initiative_is_not_found(
        self, client: Client, initiative: Initiative, gavle_leader: User, gavle: Organisation
    ) -> None:
        other = InitiativeFactory(lead_organisation=gavle)
        wrong = services.gate_decide(
            actor=gavle_leader,
            initiative=other,
            stage=other.stage,
            decision=Decision.GO,
            rationale="Ja.",
        )
        client.force_login(gavle_leader)
        assert client.get(correct(initiative, wrong)).status_code == 404


class TestCreateAndEdit:
    def test_anonymous_and_residents_may_not(self, client: Client, resident: User) -> None:
        assert client.get(NEW).status_code == 302
        client.force_login(resident)
        assert client.get(NEW).status_code == 403

    def test_leader_creates(self, client: Client, gavle_leader: User, naringen: Project) -> None:
        client.force_login(gavle_leader)
        assert client.get(NEW).status_code == 200
        data = {
            "title": "Dagvattenpark",
            "summary": "Skyfall på ytan.",
            "lead_organisation": naringen.organisation.pk,
            "project": naringen.pk,
            "risk": "medium",
            "expected_effect": "high",
            "visibility": "public",
        }
        response = client.post(NEW, data)
        initiative = Initiative.objects.get()
        assert response.status_code == 302 and response["Location"] == detail(initiative)
        assert initiative.stage == Stage.IDEA and initiative.municipality == naringen.municipality

    def test_leader_of_another_municipality_may_not_use_the_project(
        self, client: Client, kiruna_leader: User, naringen: Project
    ) -> None:
        client.force_login(kiruna_leader)
        response = client.post(
            NEW,
            {
                "title": "Kapning",
                "summary": "Nej.",
                "lead_organisation": naringen.organisation.pk,
                "project": naringen.pk,
                "risk": "medium",
                "expected_effect": "medium",
                "visibility": "public",
            },
        )
        assert response.status_code == 403
        assert not Initiative.objects.exists()

    def test_bad_input_keeps_what_was_typed(self, client: Client, gavle_leader: User) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            NEW,
            {
                "title": "Bara en titel",
                "risk": "medium",
                "expected_effect": "medium",
                "visibility": "public",
            },
        )
        assert response.status_code == 200
        assert 'value="Bara en titel"' in response.text

    def test_edit(
        self,
        client: Client,
        initiative: Initiative,
        gavle_leader: User,
        resident: User,
        kiruna_leader: User,
    ) -> None:
        for user in (resident, kiruna_leader):
            client.force_login(user)
            assert client.get(edit(initiative)).status_code == 403
        client.force_login(gavle_leader)
        form = client.get(edit(initiative))
        assert form.status_code == 200 and initiative.title in form.text
        response = client.post(
            edit(initiative),
            {
                "title": "Nytt namn",
                "summary": initiative.summary,
                "lead_organisation": initiative.lead_organisation_id,
                "project": initiative.project_id,
                "programme": initiative.programme_id,
                "risk": "high",
                "expected_effect": "low",
                "visibility": "public",
            },
        )
        assert response.status_code == 302
        initiative.refresh_from_db()
        assert (initiative.title, initiative.risk) == ("Nytt namn", "high")


class TestFromIdea:
    @pytest.fixture
    def idea(self, naringen: Project, resident: User) -> Idea:
        challenge = ChallengeFactory(project=naringen)
        challenge.needs.add(NeedFactory(project=naringen, title="Behovet bakom"))
        return IdeaFactory(
            challenge=challenge, project=naringen, author=resident, title="Lampor längs ån"
        )

    def test_leader_takes_the_idea_forward(
        self, client: Client, idea: Idea, naringen_leader: User
    ) -> None:
        client.force_login(naringen_leader)
        page = client.get(idea.get_absolute_url()).text
        assert f"{NEW}?idea={idea.pk}" in page
        form = client.get(f"{NEW}?idea={idea.pk}")
        assert 'value="Lampor längs ån"' in form.text
        response = client.post(
            f"{NEW}?idea={idea.pk}",
            {
                "title": idea.title,
                "summary": idea.summary,
                "description": idea.description,
                "lead_organisation": idea.project.organisation_id,
                "project": idea.project_id,  # type: ignore[union-attr]
                "needs": [n.pk for n in idea.challenge.needs.all()],  # type: ignore[union-attr]
                "risk": "low",
                "expected_effect": "high",
                "visibility": "public",
            },
        )
        assert response.status_code == 302
        initiative = Initiative.objects.get(idea=idea)
        assert [n.title for n in initiative.needs.all()] == ["Behovet bakom"]
        page = client.get(idea.get_absolute_url()).text
        assert initiative.get_absolute_url() in page
        assert f"{NEW}?idea={idea.pk}" not in page
        again = client.get(f"{NEW}?idea={idea.pk}")
        assert again.status_code == 302 and again["Location"] == idea.get_absolute_url()

    @pytest.mark.parametrize("who", ["resident", "kiruna_leader"])
    def test_others_may_not_take_it_forward(
        self, who: str, request: pytest.FixtureRequest, client: Client, idea: Idea
    ) -> None:
        client.force_login(request.getfixturevalue(who))
        assert client.get(f"{NEW}?idea={idea.pk}").status_code == 403
        assert client.post(f"{NEW}?idea={idea.pk}", {"title": "x"}).status_code == 403
        assert not Initiative.objects.exists()

    def test_resident_sees_no_button_but_the_initiative(
        self, client: Client, idea: Idea, resident: User, naringen_leader: User
    ) -> None:
        client.force_login(resident)
        assert f"{NEW}?idea={idea.pk}" not in client.get(idea.get_absolute_url()).text
        initiative = services.initiative_create_from_idea(actor=naringen_leader, idea=idea)
        assert initiative.get_absolute_url() in client.get(idea.get_absolute_url()).text

    def test_members_only_initiative_is_not_linked_for_others(
        self, client: Client, idea: Idea, resident: User, naringen_leader: User
    ) -> None:
        services.initiative_create_from_idea(
            actor=naringen_leader, idea=idea, visibility=Visibility.MEMBERS
        )
        client.force_login(resident)
        text = client.get(idea.get_absolute_url()).text
        assert "/sv/portfolj/initiativ/" not in text

    def test_idea_page_costs_at_most_one_query_more(
        self,
        client: Client,
        idea: Idea,
        naringen_leader: User,
        resident: User,
        django_assert_max_num_queries: object,
    ) -> None:
        client.force_login(resident)
        with django_assert_max_num_queries(40) as before:  # type: ignore[operator]
            client.get(idea.get_absolute_url())
        services.initiative_create_from_idea(actor=naringen_leader, idea=idea)
        with django_assert_max_num_queries(len(before.captured_queries)):  # type: ignore[operator]
            client.get(idea.get_absolute_url())


class TestNeedPage:
    def test_what_became_of_the_need(
        self,
        client: Client,
        naringen: Project,
        initiative: Initiative,
        resident: User,
        gavle: Organisation,
    ) -> None:
        need = NeedFactory(project=naringen, title="Trygga stråk")
        challenge = ChallengeFactory(project=naringen, title="Tryggare stråk")
        challenge.needs.add(need)
        IdeaFactory(challenge=challenge, project=naringen, title="Synlig idé")
        IdeaFactory(challenge=challenge, project=naringen, title="Gömd idé", is_hidden=True)
        initiative.needs.add(need)
        secret = InitiativeFactory(
            lead_organisation=gavle, title="Internt", visibility=Visibility.MEMBERS
        )
        secret.needs.add(need)
        client.force_login(resident)
        text = client.get(need.get_absolute_url()).text
        assert "Tryggare stråk" in text
        assert "Synlig idé" in text
        assert "Gömd idé" not in text
        assert initiative.title in text
        assert "Internt" not in text

    def test_need_page_queries_do_not_grow(
        self,
        client: Client,
        naringen: Project,
        gavle: Organisation,
        resident: User,
        django_assert_max_num_queries: object,
    ) -> None:
        need = NeedFactory(project=naringen)
        challenge = ChallengeFactory(project=naringen)
        challenge.needs.add(need)

        def add_initiatives(count: int) -> None:
            for n in range(count):
                idea = IdeaFactory(challenge=challenge, project=naringen)
                initiative = InitiativeFactory(
                    lead_organisation=gavle, idea=idea, title=f"Initiativ {idea.pk} {n}"
                )
                initiative.needs.add(need)

        # One initiative before counting: with none, the page's prefetches have nothing to
        # fetch and Django skips their queries. The first page after signing in also looks up
        # the legal documents in force once.
        add_initiatives(1)
        client.force_login(resident)
        client.get(need.get_absolute_url())
        with django_assert_max_num_queries(40) as few:  # type: ignore[operator]
            client.get(need.get_absolute_url())
        add_initiatives(5)
        with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
            client.get(need.get_absolute_url())


class TestWriteRules:
    """The pages refuse places and boards the user may not use, and a decision sent twice."""

    FORM = {"risk": "medium", "expected_effect": "medium", "visibility": "public"}

    def test_leader_elsewhere_may_not_create_in_the_project(
        self, client: Client, kiruna_leader: User, kiruna: Organisation, naringen: Project
    ) -> None:
        client.force_login(kiruna_leader)
        response = client.post(
            NEW,
            {
                **self.FORM,
                "title": "Kapning",
                "summary": "I Gävles projekt.",
                "lead_organisation": kiruna.pk,
                "project": naringen.pk,
            },
        )
        assert response.status_code == 200
        assert "Välj ett projekt som du leder" in response.text
        assert 'value="Kapning"' in response.text
        assert not Initiative.objects.exists()

    def test_edit_may_not_move_it_into_a_project_of_others(
        self, client: Client, initiative: Initiative, gavle_leader: User, nya_kiruna: Project
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            edit(initiative),
            {
                **self.FORM,
                "title": initiative.title,
                "summary": initiative.summary,
                "lead_organisation": initiative.lead_organisation_id,
                "project": nya_kiruna.pk,
                "programme": initiative.programme_id,
                "municipality": initiative.municipality_id,
            },
        )
        assert response.status_code == 200
        assert 'class="ds-alert"' in response.text
        initiative.refresh_from_db()
        assert initiative.project is not None and initiative.project.name == "Näringen"

    def test_gate_decision_may_not_cite_a_board_of_another_municipality(
        self, client: Client, initiative: Initiative, gavle_leader: User, units: dict[str, Unit]
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            gate(initiative),
            {"stage": "idea", "decision": "go", "rationale": "Ja.", "board": units["ks"].pk},
        )
        assert response.status_code == 400
        assert not GateDecision.objects.exists()

    def test_correction_may_not_cite_a_board_of_another_municipality(
        self, client: Client, initiative: Initiative, gavle_leader: User, units: dict[str, Unit]
    ) -> None:
        wrong = services.gate_decide(
            actor=gavle_leader,
            initiative=initiative,
            stage=initiative.stage,
            decision=Decision.STOP,
            rationale="Stopp.",
        )
        client.force_login(gavle_leader)
        response = client.post(
            correct(initiative, wrong),
            {"to_stage": "idea", "rationale": "Fel.", "board": units["ks"].pk},
        )
        assert response.status_code == 400
        assert GateDecision.objects.count() == 1

    def test_the_form_says_which_stage_it_decides_on(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)
        text = client.get(gate(initiative)).text
        assert '<input type="hidden" name="stage" value="idea"' in text

    def test_a_decision_sent_twice_moves_the_initiative_once(
        self, client: Client, initiative: Initiative, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)
        data = {"stage": "idea", "decision": "go", "rationale": "Förstudie beslutad."}
        assert client.post(gate(initiative), data).status_code == 302
        again = client.post(gate(initiative), data)
        assert again.status_code == 400
        assert "Beslutet gällde fasen idé, men initiativet är nu i fasen förstudie." in again.text
        # The form is drawn again for the stage it is at now, with what was written.
        assert '<input type="hidden" name="stage" value="prestudy"' in again.text
        assert "Förstudie beslutad.</textarea>" in again.text
        assert GateDecision.objects.count() == 1
        initiative.refresh_from_db()
        assert initiative.stage == Stage.PRESTUDY


class TestListFilters:
    @pytest.mark.parametrize(
        "query", ["?stage=nonsense", "?municipality=21800", "?programme=inte+en+slug"]
    )
    def test_invalid_values_show_the_whole_list_and_say_so(
        self, query: str, client: Client, initiative: Initiative, kiruna: Organisation
    ) -> None:
        other = InitiativeFactory(lead_organisation=kiruna, title="Kulturarv i Kiruna")
        response = client.get(LIST + query)
        assert response.status_code == 200
        assert initiative.title in response.text and other.title in response.text
        assert "Några filter kunde inte användas" in response.text

    def test_valid_values_keep_their_choice_in_the_form(
        self, client: Client, initiative: Initiative
    ) -> None:
        text = client.get(LIST + "?stage=idea&municipality=2180&q=belysning").text
        assert '<option value="idea" selected>' in text
        assert 'value="2180"' in text and 'value="belysning"' in text
        assert initiative.title in text
