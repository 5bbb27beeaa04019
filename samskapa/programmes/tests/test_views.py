"""Programme pages: what visitors, residents, members and leaders see and may do.

Texts are checked on the English pages (/en/), whose strings are the msgids in the code.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.programmes.tests.factories import (
    MilestoneFactory,
    ParticipantFactory,
    ProgrammeFactory,
)
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = "/en/program/"


def _url(programme: Programme, rest: str = "", language: str = "en") -> str:
    return f"/{language}/program/{programme.slug}/{rest}"


class TestList:
    def test_cards_show_period_municipalities_and_late_milestones(
        self, client: Client, programme: Programme, late_milestone: Milestone
    ) -> None:
        programme.municipalities.add(programme.organisation.municipality)
        response = client.get(LIST)
        assert response.status_code == 200
        assert programme.name in response.text
        assert "1 Jan 2026" in response.text
        assert "Gävle" in response.text
        assert "1 late milestone" in response.text

    def test_members_only_programmes_stay_out_for_anonymous_and_residents(
        self, client: Client, programme: Programme, members_programme: Programme, resident: User
    ) -> None:
        assert members_programme.name not in client.get(LIST).text
        client.force_login(resident)
        assert members_programme.name not in client.get(LIST).text
        assert programme.name in client.get(LIST).text

    def test_members_see_their_members_only_programme(
        self, client: Client, members_programme: Programme, partner_member: User
    ) -> None:
        client.force_login(partner_member)
        assert members_programme.name in client.get(LIST).text

    def test_filter_by_municipality(self, client: Client, programme: Programme) -> None:
        programme.municipalities.add(programme.organisation.municipality)
        assert programme.name in client.get(f"{LIST}?municipality=2180").text
        assert programme.name not in client.get(f"{LIST}?municipality=2584").text

    def test_queries_do_not_grow_with_the_number_of_programmes(
        self, client: Client, gavle_leader: User, gavle: Organisation, partner: Organisation
    ) -> None:
        def make(count: int) -> None:
            for _ in range(count):
                programme = ProgrammeFactory(organisation=gavle)
                programme.municipalities.add(gavle.municipality)
                ParticipantFactory(programme=programme, organisation=partner)
                MilestoneFactory(programme=programme, due_on=datetime.date(2026, 2, 1))

        client.force_login(gavle_leader)
        make(2)
        client.get(LIST)  # the first page after signing in looks up the legal documents in force
        with CaptureQueriesContext(connection) as few:
            assert client.get(LIST).status_code == 200
        make(10)
        with CaptureQueriesContext(connection) as many:
            response = client.get(LIST)
        assert response.text.count("1 late milestone") == 12
        assert len(many) == len(few)

    def test_page_query_count_is_small(
        self, client: Client, programme: Programme, django_assert_max_num_queries: object
    ) -> None:
        with django_assert_max_num_queries(4):  # type: ignore[operator]
            client.get(LIST)

    def test_start_button_only_for_leaders(
        self, client: Client, gavle_leader: User, resident: User
    ) -> None:
        assert "/en/program/nytt/" not in client.get(LIST).text
        client.force_login(resident)
        assert "/en/program/nytt/" not in client.get(LIST).text
        client.force_login(gavle_leader)
        assert "/en/program/nytt/" in client.get(LIST).text


class TestDetailAndTimeline:
    def test_detail_shows_everything_and_marks_late(
        self,
        client: Client,
        programme: Programme,
        late_milestone: Milestone,
        partner: Organisation,
        naringen: Project,
        hidden_project: Project,
    ) -> None:
        ParticipantFactory(programme=programme, organisation=partner, contribution="Följeforskning")
        programme.projects.add(naringen, hidden_project)
        response = client.get(_url(programme))
        assert response.status_code == 200
        text = response.text
        for expected in (
            "Participating organisations",
            "Forskningsinstitutet",
            "Följeforskning",
            "Programme lead",
            "30 June 2026",  # portfolio decided by
            "Förstudier och piloter",
            late_milestone.title,
            "Late",
            "25 days past due",
            "1 milestone is late",
            naringen.name,
        ):
            assert expected in text, expected
        assert hidden_project.name not in text
        assert _url(programme, "tidslinje/") in text
        # Visitors get no management links.
        assert _url(programme, "andra/") not in text
        assert "Mark as done" not in text

    def test_portfolio_link_when_the_portfolio_exists(
        self, client: Client, programme: Programme
    ) -> None:
        from django.urls import NoReverseMatch, reverse

        try:
            portfolio_url = reverse("portfolio:programme_portfolio", args=[programme.slug])
        except NoReverseMatch:
            pytest.skip("The portfolio pages are not there yet.")
        assert portfolio_url.replace("/sv/", "/en/") in client.get(_url(programme)).text

    @pytest.mark.parametrize("rest", ["", "tidslinje/"])
    def test_members_only_answers_404_to_others(
        self,
        client: Client,
        members_programme: Programme,
        resident: User,
        gavle_leader: User,
        partner_member: User,
        rest: str,
    ) -> None:
        assert client.get(_url(members_programme, rest)).status_code == 404
        for outsider in (resident, gavle_leader):
            client.force_login(outsider)
            assert client.get(_url(members_programme, rest)).status_code == 404
        client.force_login(partner_member)
        assert client.get(_url(members_programme, rest)).status_code == 200

    def test_timeline_has_chart_and_tables(
        self, client: Client, programme: Programme, late_milestone: Milestone
    ) -> None:
        response = client.get(_url(programme, "tidslinje/", language="sv"))
        assert response.status_code == 200
        text = response.text
        assert "<svg" in text
        assert 'class="pt-marker pt-marker--late"' in text
        assert 'class="pt-today"' in text
        # Positions are written with a decimal point in Swedish too.
        assert 'x1="29.973%"' in text
        assert text.count("<caption") == 2
        assert '<th scope="row">Förstudierapporter klara</th>' in text
        assert '<th scope="col">' in text

    def test_detail_queries_do_not_grow_with_milestones(
        self, client: Client, gavle_leader: User, programme: Programme, partner: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        MilestoneFactory(programme=programme, responsible=programme.organisation)
        client.get(
            _url(programme)
        )  # the first page after signing in looks up the documents in force
        with CaptureQueriesContext(connection) as few:
            assert client.get(_url(programme)).status_code == 200
            assert client.get(_url(programme, "tidslinje/")).status_code == 200
        ParticipantFactory(programme=programme, organisation=partner)
        for _ in range(8):
            MilestoneFactory(programme=programme, responsible=partner)
        with CaptureQueriesContext(connection) as many:
            assert client.get(_url(programme)).status_code == 200
            assert client.get(_url(programme, "tidslinje/")).status_code == 200
        assert len(many) == len(few)

    def test_leader_sees_management_links(
        self, client: Client, gavle_leader: User, programme: Programme, late_milestone: Milestone
    ) -> None:
        client.force_login(gavle_leader)
        text = client.get(_url(programme)).text
        assert _url(programme, "andra/") in text
        assert _url(programme, "milstolpar/ny/") in text
        assert "Mark as done" in text
        assert "Change history" in text


class TestCreateAndEdit:
    def _data(self, gavle: Organisation, **overrides: str) -> dict[str, str]:
        return {
            "name": "Innovationsprogram Gävle",
            "organisation": str(gavle.pk),
            "summary": "Tre år.",
            "description": "",
            "start_date": "2026-01-01",
            "end_date": "2028-12-31",
            "portfolio_due_on": "2026-06-30",
            "visibility": "public",
            **overrides,
        }

    def test_leader_creates(self, client: Client, gavle_leader: User, gavle: Organisation) -> None:
        client.force_login(gavle_leader)
        assert client.get("/en/program/nytt/").status_code == 200
        response = client.post("/en/program/nytt/", self._data(gavle))
        programme = Programme.objects.get()
        assert response.status_code == 302
        assert response["Location"] == programme.get_absolute_url()
        assert programme.participants.get().role == ParticipantRole.LEAD

    def test_bad_dates_keep_what_was_typed(
        self, client: Client, gavle_leader: User, gavle: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            "/en/program/nytt/",
            self._data(gavle, end_date="2025-06-30", summary="Kort sammanfattning"),
        )
        assert response.status_code == 200
        assert "The end date cannot be before the start date." in response.text
        assert 'value="Innovationsprogram Gävle"' in response.text
        assert 'value="2025-06-30"' in response.text
        assert "Kort sammanfattning" in response.text
        assert 'aria-invalid="true"' in response.text
        assert not Programme.objects.exists()

    def test_portfolio_date_outside_is_explained(
        self, client: Client, gavle_leader: User, gavle: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            "/en/program/nytt/", self._data(gavle, portfolio_due_on="2030-01-01")
        )
        assert response.status_code == 200
        assert "The portfolio date must be inside the programme period" in response.text

    def test_others_may_not_create(self, client: Client, resident: User) -> None:
        assert "/konto/login/" in client.get("/en/program/nytt/")["Location"]
        client.force_login(resident)
        assert client.get("/en/program/nytt/").status_code == 403

    def test_leader_cannot_pick_another_organisation(
        self, client: Client, gavle_leader: User, gavle: Organisation, kiruna: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post("/en/program/nytt/", self._data(gavle, organisation=str(kiruna.pk)))
        assert response.status_code == 200
        assert not Programme.objects.exists()

    def test_leader_edits(
        self, client: Client, gavle_leader: User, programme: Programme, gavle: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        assert client.get(_url(programme, "andra/")).status_code == 200
        response = client.post(_url(programme, "andra/"), self._data(gavle, name="Nytt namn"))
        assert response.status_code == 302
        programme.refresh_from_db()
        assert programme.name == "Nytt namn"

    @pytest.mark.parametrize("who", ["resident", "kiruna_admin", "partner_member"])
    def test_others_may_not_edit(
        self, client: Client, request: pytest.FixtureRequest, who: str, programme: Programme
    ) -> None:
        client.force_login(request.getfixturevalue(who))
        assert client.get(_url(programme, "andra/")).status_code == 403
        assert client.post(_url(programme, "andra/"), {"name": "x"}).status_code == 403


class TestManagement:
    @pytest.mark.parametrize(
        "rest",
        [
            "deltagare/ny/",
            "faser/ny/",
            "milstolpar/ny/",
        ],
    )
    def test_forms_are_for_leaders_only(
        self,
        client: Client,
        programme: Programme,
        gavle_leader: User,
        kiruna_admin: User,
        resident: User,
        rest: str,
    ) -> None:
        for outsider in (resident, kiruna_admin):
            client.force_login(outsider)
            assert client.get(_url(programme, rest)).status_code == 403
        client.force_login(gavle_leader)
        assert client.get(_url(programme, rest)).status_code == 200

    def test_add_participant_phase_and_milestone(
        self, client: Client, gavle_leader: User, programme: Programme, kiruna: Organisation
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            _url(programme, "deltagare/ny/"),
            {"organisation": kiruna.pk, "role": "municipality", "contribution": "Erfarenheter"},
        )
        assert response.status_code == 302
        assert response["Location"].endswith("#participants")
        response = client.post(
            _url(programme, "faser/ny/"),
            {"name": "Piloter", "start_date": "2026-07-01", "end_date": "2027-12-31"},
        )
        assert response.status_code == 302
        phase = Phase.objects.get()
        response = client.post(
            _url(programme, "milstolpar/ny/"),
            {
                "title": "Två piloter i drift",
                "phase": phase.pk,
                "due_on": "2027-06-30",
                "status": "planned",
                "responsible": kiruna.pk,
            },
        )
        assert response.status_code == 302
        milestone = Milestone.objects.get()
        assert (milestone.phase, milestone.responsible) == (phase, kiruna)

    def test_phase_outside_the_period_keeps_input(
        self, client: Client, gavle_leader: User, programme: Programme
    ) -> None:
        client.force_login(gavle_leader)
        response = client.post(
            _url(programme, "faser/ny/"),
            {"name": "Efterarbete", "start_date": "2028-10-01", "end_date": "2029-03-31"},
        )
        assert response.status_code == 200
        assert "The phase must lie inside the programme period" in response.text
        assert 'value="Efterarbete"' in response.text
        assert 'value="2029-03-31"' in response.text

    def test_milestone_completed_in_the_future_keeps_input(
        self, client: Client, gavle_leader: User, late_milestone: Milestone, programme: Programme
    ) -> None:
        client.force_login(gavle_leader)
        url = _url(programme, f"milstolpar/{late_milestone.pk}/andra/")
        response = client.post(
            url,
            {
                "title": late_milestone.title,
                "due_on": "2026-10-31",
                "status": "done",
                "completed_on": "2026-12-24",
            },
        )
        assert response.status_code == 200
        assert "The completion date cannot be in the future." in response.text
        assert 'value="2026-12-24"' in response.text

    def test_mark_as_done(
        self, client: Client, gavle_leader: User, late_milestone: Milestone, programme: Programme
    ) -> None:
        client.force_login(gavle_leader)
        url = _url(programme, f"milstolpar/{late_milestone.pk}/status/")
        assert client.get(url).status_code == 405
        response = client.post(url, {"status": "done"})
        assert response.status_code == 302
        late_milestone.refresh_from_db()
        assert late_milestone.status == MilestoneStatus.DONE
        assert late_milestone.completed_on == datetime.date(2026, 11, 25)

    def test_others_cannot_change_status_or_remove(
        self, client: Client, kiruna_admin: User, late_milestone: Milestone, programme: Programme
    ) -> None:
        client.force_login(kiruna_admin)
        status_url = _url(programme, f"milstolpar/{late_milestone.pk}/status/")
        assert client.post(status_url, {"status": "done"}).status_code == 403
        remove_url = _url(programme, f"milstolpar/{late_milestone.pk}/ta-bort/")
        assert client.post(remove_url).status_code == 403
        assert Milestone.objects.filter(pk=late_milestone.pk, status="in_progress").exists()

    def test_lead_cannot_be_removed(
        self, client: Client, gavle_leader: User, programme: Programme
    ) -> None:
        client.force_login(gavle_leader)
        lead = programme.participants.get()
        response = client.post(_url(programme, f"deltagare/{lead.pk}/ta-bort/"), follow=True)
        assert "The leading organisation cannot be removed from the programme." in response.text
        assert Participant.objects.filter(pk=lead.pk).exists()

    def test_objects_of_another_programme_answer_404(
        self, client: Client, gavle_leader: User, programme: Programme, gavle: Organisation
    ) -> None:
        other = MilestoneFactory(programme=ProgrammeFactory(organisation=gavle))
        client.force_login(gavle_leader)
        assert client.get(_url(programme, f"milstolpar/{other.pk}/andra/")).status_code == 404


class TestWhatMayBeUsed:
    """A foreign key of another organisation or programme is refused on the form; nothing is
    saved."""

    def _data(self, organisation: Organisation, **overrides: str) -> dict[str, str]:
        return {
            "name": "Innovationsprogram Gävle",
            "organisation": str(organisation.pk),
            "start_date": "2026-01-01",
            "end_date": "2028-12-31",
            "visibility": "public",
            **overrides,
        }

    def test_project_of_another_organisation_is_neither_offered_nor_accepted(
        self,
        client: Client,
        gavle_leader: User,
        gavle: Organisation,
        naringen: Project,
        nya_kiruna: Project,
    ) -> None:
        client.force_login(gavle_leader)

        form = client.get("/en/program/nytt/").text
        response = client.post("/en/program/nytt/", self._data(gavle, projects=str(nya_kiruna.pk)))

        assert naringen.name in form
        assert nya_kiruna.name not in form
        assert response.status_code == 200
        assert not Programme.objects.exists()

    def test_handing_the_lead_over_on_the_form_moves_the_participants(
        self,
        client: Client,
        gavle_leader: User,
        programme: Programme,
        gavle: Organisation,
        kiruna: Organisation,
    ) -> None:
        MembershipFactory(user=gavle_leader, organisation=kiruna, role=Role.ADMINISTRATOR)
        client.force_login(gavle_leader)

        response = client.post(_url(programme, "andra/"), self._data(kiruna))

        assert response.status_code == 302
        roles = dict(programme.participants.values_list("organisation__name", "role"))
        assert roles == {
            "Gävle kommun": ParticipantRole.MUNICIPALITY,
            "Kiruna kommun": ParticipantRole.LEAD,
        }

    def test_milestone_with_another_programmes_phase_or_an_outside_organisation_is_refused(
        self,
        client: Client,
        gavle_leader: User,
        programme: Programme,
        gavle: Organisation,
        kiruna: Organisation,
    ) -> None:
        other_phase = Phase.objects.create(
            programme=ProgrammeFactory(organisation=gavle),
            name="Annan",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 6, 30),
        )
        client.force_login(gavle_leader)
        url = _url(programme, "milstolpar/ny/")
        data = {"title": "Kapad", "due_on": "2027-06-30", "status": "planned"}

        wrong_phase = client.post(url, {**data, "phase": other_phase.pk})
        outsider = client.post(url, {**data, "responsible": kiruna.pk})

        for response in (wrong_phase, outsider):
            assert response.status_code == 200
            assert 'aria-invalid="true"' in response.text
        assert not Milestone.objects.exists()
