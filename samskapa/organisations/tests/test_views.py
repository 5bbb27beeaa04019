"""Pages of organisations, seen by visitors, members and administrators of other organisations."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.organisations import services
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.organisations.tests.factories import OrganisationFactory, UnitFactory
from samskapa.organisations.validators import normalise_org_number
from samskapa.portfolio.models import Decision, GateDecision, Stage
from samskapa.portfolio.tests.factories import InitiativeFactory
from samskapa.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CREATE_URL = "/sv/organisationer/ny/"


def _form_data(**overrides: str) -> dict[str, str]:
    return {
        "name": "Grannföreningen Näringen",
        "type": "civil_society",
        "helix_sector": "civil_society",
        "org_number": "",
        "municipality": "",
        "description": "Boende och verksamma kring Näringen.",
        "website": "",
        **overrides,
    }


def _message(typed: str, language: str) -> str:
    with translation.override(language):
        try:
            normalise_org_number(typed)
        except ValidationError as error:
            return error.messages[0]
    raise AssertionError(f"{typed} was accepted")


class TestList:
    def test_lists_organisations_in_both_languages(
        self, client: Client, gavle: Organisation
    ) -> None:
        for language in ("sv", "en"):
            response = client.get(f"/{language}/organisationer/")

            assert response.status_code == 200
            assert f'lang="{language}"' in response.text
            assert "Gävle kommun" in response.text

    def test_filter_by_type(self, client: Client, gavle: Organisation) -> None:
        OrganisationFactory(name="Smartstad Norr AB", type="company", helix_sector="business")

        response = client.get("/sv/organisationer/", {"type": "company"})

        assert "Smartstad Norr AB" in response.text
        assert "Gävle kommun" not in response.text

    def test_organisations_are_listed_alphabetically(
        self, client: Client, reference_data: None
    ) -> None:
        for name in ("Cecilia AB", "Anna AB", "Bertil AB"):
            OrganisationFactory(name=name)

        html = client.get("/sv/organisationer/").text

        positions = [html.index(name) for name in ("Anna AB", "Bertil AB", "Cecilia AB")]
        assert positions == sorted(positions)

    def test_query_count_does_not_grow_with_rows(
        self, client: Client, reference_data: None
    ) -> None:
        def queries_for_list() -> int:
            client.get("/sv/organisationer/")  # warm caches that are not per row
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/sv/organisationer/").status_code == 200
            return len(captured)

        OrganisationFactory.create_batch(5)
        with_5 = queries_for_list()
        OrganisationFactory.create_batch(20)
        with_25 = queries_for_list()

        assert with_5 == with_25


class TestDetail:
    def test_visitor_sees_the_organisation_but_not_members_or_history(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        response = client.get(gavle.get_absolute_url())

        assert response.status_code == 200
        assert "Gävle kommun" in response.text
        assert 'id="history-heading"' not in response.text
        assert 'id="members-heading"' not in response.text
        assert gavle_admin.email not in response.text

    def test_administrator_sees_who_changed_what(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        gavle_admin.full_name = "Gustav Gävlesson"
        gavle_admin.save()
        services.organisation_update(
            actor=gavle_admin, organisation=gavle, description="Kommunen driver Näringen."
        )
        client.force_login(gavle_admin)

        response = client.get(gavle.get_absolute_url())

        assert 'id="history-heading"' in response.text
        history = response.text[response.text.index('id="history-heading"') :]
        assert "Gustav Gävlesson" in history
        assert str(Organisation._meta.get_field("description").verbose_name) in history

    def test_administrator_of_another_organisation_sees_no_history(
        self, client: Client, gavle: Organisation, gavle_admin: User, kiruna_admin: User
    ) -> None:
        services.organisation_update(actor=gavle_admin, organisation=gavle, description="Ny")
        client.force_login(kiruna_admin)

        response = client.get(gavle.get_absolute_url())

        assert response.status_code == 200
        assert 'id="history-heading"' not in response.text

    def test_members_only_projects_are_listed_for_members_only(
        self, client: Client, kiruna: Organisation, kiruna_admin: User, resident: User
    ) -> None:
        hidden = ProjectFactory(name="Förstudie etapp 3", organisation=kiruna, visibility="members")
        ProjectFactory(name="Det nya Kiruna", organisation=kiruna)

        visitor_html = client.get(kiruna.get_absolute_url()).text
        client.force_login(resident)
        resident_html = client.get(kiruna.get_absolute_url()).text
        client.force_login(kiruna_admin)
        member_html = client.get(kiruna.get_absolute_url()).text

        for html in (visitor_html, resident_html):
            assert "Det nya Kiruna" in html
            assert hidden.name not in html
        assert hidden.name in member_html

    def test_unknown_organisation_is_404(self, client: Client, reference_data: None) -> None:
        assert client.get("/sv/organisationer/finns-inte/").status_code == 404


class TestCreate:
    def test_visitor_is_sent_to_log_in(self, client: Client, reference_data: None) -> None:
        response = client.get(CREATE_URL)

        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]

    def test_registering_makes_the_person_administrator(
        self, client: Client, resident: User
    ) -> None:
        client.force_login(resident)

        response = client.post(CREATE_URL, _form_data(org_number="8025123459", municipality=""))

        organisation = Organisation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == organisation.get_absolute_url()
        assert organisation.org_number == "802512-3459"
        assert Membership.objects.filter(
            user=resident, organisation=organisation, role=Role.ADMINISTRATOR
        ).exists()

    @pytest.mark.parametrize("typed", ["212000-2271", "21200-2270", "811218-9876"])
    def test_bad_org_number_keeps_what_was_typed_and_explains_in_swedish(
        self, client: Client, resident: User, typed: str
    ) -> None:
        client.force_login(resident)

        response = client.post(CREATE_URL, _form_data(org_number=typed))

        assert response.status_code == 200
        assert not Organisation.objects.exists()
        html = response.text
        assert 'lang="sv"' in html
        assert re.search(rf'name="org_number"[^>]*value="{re.escape(typed)}"', html)
        assert 'value="Grannföreningen Näringen"' in html
        swedish, english = _message(typed, "sv"), _message(typed, "en")
        assert swedish != english, "the Swedish catalogue lacks this message"
        assert escape(swedish) in html
        assert escape(english) not in html

    def test_twelve_digit_form_is_accepted(self, client: Client, resident: User) -> None:
        client.force_login(resident)

        response = client.post(CREATE_URL, _form_data(org_number="168025123459"))

        assert response.status_code == 302
        assert Organisation.objects.get().org_number == "802512-3459"


class TestUpdate:
    def test_administrator_saves_changes(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}andra/",
            _form_data(name="Gävle kommun", type="municipality", helix_sector="public"),
        )

        assert response.status_code == 302
        gavle.refresh_from_db()
        assert gavle.description == "Boende och verksamma kring Näringen."
        assert gavle.history.latest().history_user == gavle_admin

    def test_administrator_of_another_organisation_gets_403(
        self, client: Client, gavle: Organisation, kiruna_admin: User
    ) -> None:
        client.force_login(kiruna_admin)
        url = f"{gavle.get_absolute_url()}andra/"

        assert client.get(url).status_code == 403
        response = client.post(
            url, _form_data(name="Kapad", type="company", helix_sector="business")
        )

        assert response.status_code == 403
        assert Organisation.objects.get(pk=gavle.pk).name == "Gävle kommun"

    def test_project_leader_of_the_organisation_gets_403(
        self, client: Client, gavle: Organisation, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)

        assert client.get(f"{gavle.get_absolute_url()}andra/").status_code == 403


class TestMembers:
    def test_administrator_adds_a_member_by_email(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        newcomer = UserFactory(email="ny@example.se")
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}medlemmar/ny/",
            {"email": "NY@example.se", "role": Role.MEMBER},
        )

        assert response.status_code == 302
        assert Membership.objects.filter(user=newcomer, organisation=gavle).exists()

    def test_unknown_email_is_refused_on_the_form(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}medlemmar/ny/",
            {"email": "ingen@example.se", "role": Role.MEMBER},
        )

        assert response.status_code == 200
        assert 'value="ingen@example.se"' in response.text
        assert Membership.objects.filter(organisation=gavle).count() == 1

    def test_last_administrator_stays(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        membership = Membership.objects.get(user=gavle_admin, organisation=gavle)
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}medlemmar/{membership.pk}/ta-bort/", follow=True
        )

        assert response.status_code == 200
        assert Membership.objects.filter(pk=membership.pk).exists()
        with translation.override("sv"):
            expected = escape(
                translation.gettext("An organisation must keep at least one administrator.")
            )
        assert expected in response.text


class TestUnits:
    def test_administrator_adds_a_unit_under_another_of_its_units(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        board = UnitFactory(organisation=gavle, name="Kommunstyrelsen")
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}enheter/ny/",
            {"name": "Kansliet", "kind": "department", "parent": str(board.pk)},
        )

        assert response.status_code == 302
        assert Unit.objects.get(name="Kansliet").parent == board

    def test_unit_of_another_organisation_as_parent_is_refused(
        self, client: Client, gavle: Organisation, kiruna: Organisation, gavle_admin: User
    ) -> None:
        foreign = UnitFactory(organisation=kiruna, name="Kiruna kommunstyrelse")
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}enheter/ny/",
            {"name": "Kansliet", "kind": "department", "parent": str(foreign.pk)},
        )

        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.text
        assert not gavle.units.exists()

    def test_unit_of_another_organisation_is_not_found_under_this_one(
        self, client: Client, gavle: Organisation, kiruna: Organisation, gavle_admin: User
    ) -> None:
        foreign = UnitFactory(organisation=kiruna)
        client.force_login(gavle_admin)

        assert client.get(f"{gavle.get_absolute_url()}enheter/{foreign.pk}/").status_code == 404
        response = client.post(f"{gavle.get_absolute_url()}enheter/{foreign.pk}/ta-bort/")
        assert response.status_code == 404
        assert Unit.objects.filter(pk=foreign.pk).exists()

    def test_unit_cited_by_a_gate_decision_stays_with_a_message(
        self, client: Client, gavle: Organisation, gavle_admin: User
    ) -> None:
        board = UnitFactory(organisation=gavle, name="Kommunstyrelsen")
        GateDecision.objects.create(
            initiative=InitiativeFactory(lead_organisation=gavle),
            decision=Decision.GO,
            from_stage=Stage.IDEA,
            to_stage=Stage.PRESTUDY,
            rationale="Beslutat i kommunstyrelsen.",
            decided_by=gavle_admin,
            board=board,
        )
        client.force_login(gavle_admin)

        response = client.post(
            f"{gavle.get_absolute_url()}enheter/{board.pk}/ta-bort/", follow=True
        )

        assert response.status_code == 200
        assert Unit.objects.filter(pk=board.pk).exists()
        with translation.override("sv"):
            expected = escape(
                translation.gettext(
                    "The unit cannot be removed: gate decisions on record name it as the "
                    "deciding board. Rename it instead if it has changed."
                )
            )
        assert expected in response.text
