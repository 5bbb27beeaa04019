"""Lab workshops (labbverkstäder): who may record them, their outputs in both directions, the
list's filters and cost, bad input, the API, "Mitt arbete" and the data export."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.geo.models import Municipality
from samskapa.methods import services
from samskapa.methods.models import Lab, LabParticipant, Method, MethodStatus
from samskapa.methods.tests.factories import (
    LabFactory,
    LabParticipantFactory,
    MethodFactory,
    ReportFactory,
)
from samskapa.methods.workspace import inbox_sections, personal_data
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

LABS = "/en/metoder/labbverkstader/"


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _lab_arguments(organiser: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Regionalt labb: prototyper",
        "theme": "prototypes",
        "organiser": organiser,
        "starts_on": datetime.date(2019, 3, 12),
        "place": "Göteborg",
        "description": "Grupperna byggde prototyper.",
        **extra,
    }


def _lab_post(organiser: Organisation, **extra: str) -> dict[str, Any]:
    return {
        "title": "Regionalt labb: målgrupper",
        "level": "regional",
        "theme": "target-groups",
        "organiser": str(organiser.pk),
        "starts_on": "2018-10-09",
        "place": "Göteborg",
        "description": "Vilka hörs sällan?",
        **extra,
    }


class TestServices:
    def test_a_facilitator_records_a_workshop_and_its_outputs_show_both_ways(
        self, facilitator: User, method: Method, kungalv: Organisation
    ) -> None:
        report = ReportFactory(method=method, organisation=kungalv, place="Ytterby")
        lab = services.lab_create(
            actor=facilitator,
            **_lab_arguments(kungalv),
            municipalities=Municipality.objects.filter(code="1482"),
            facilitators=[facilitator],
            methods=[method],
            reports=[report],
        )
        assert list(method.labs.all()) == [lab]
        assert list(report.labs.all()) == [lab]
        assert lab.history.get().history_user == facilitator

    def test_only_facilitators_record_or_change_workshops(
        self, kungalv_member: User, kungalv: Organisation, resident: User
    ) -> None:
        for person in (kungalv_member, resident):
            with pytest.raises(PermissionDenied):
                services.lab_create(actor=person, **_lab_arguments(kungalv))
        lab = LabFactory(organiser=kungalv)
        with pytest.raises(PermissionDenied):
            services.lab_update(actor=kungalv_member, lab=lab, **_lab_arguments(kungalv))
        with pytest.raises(PermissionDenied):
            services.lab_participant_add(
                actor=kungalv_member, lab=lab, name="Karin", organisation=kungalv
            )

    def test_outputs_must_be_published_methods_and_facilitators_real_ones(
        self, facilitator: User, kungalv: Organisation, kungalv_member: User, proposal: Method
    ) -> None:
        with pytest.raises(ValidationError) as error:
            services.lab_create(actor=facilitator, **_lab_arguments(kungalv), methods=[proposal])
        assert "methods" in error.value.message_dict
        hidden_report = ReportFactory(method=proposal, organisation=kungalv)
        with pytest.raises(ValidationError) as error:
            services.lab_create(
                actor=facilitator, **_lab_arguments(kungalv), reports=[hidden_report]
            )
        assert "reports" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.lab_create(
                actor=facilitator, **_lab_arguments(kungalv), facilitators=[kungalv_member]
            )
        assert "facilitators" in error.value.message_dict
        assert not Lab.objects.exists()

    def test_the_last_day_cannot_come_before_the_first(
        self, facilitator: User, kungalv: Organisation
    ) -> None:
        with pytest.raises(ValidationError):
            services.lab_create(
                actor=facilitator,
                **_lab_arguments(kungalv, ends_on=datetime.date(2019, 3, 1)),
            )

    def test_a_participant_with_an_account_is_linked_once(
        self, facilitator: User, kungalv: Organisation, kungalv_member: User
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        person = services.lab_participant_add(
            actor=facilitator,
            lab=lab,
            name="Karin",
            organisation=kungalv,
            email=kungalv_member.email.upper(),
        )
        assert person.user == kungalv_member
        with pytest.raises(ValidationError) as error:
            services.lab_participant_add(
                actor=facilitator,
                lab=lab,
                name="Karin igen",
                organisation=kungalv,
                email=kungalv_member.email,
            )
        assert "email" in error.value.message_dict
        with pytest.raises(ValidationError):
            services.lab_participant_add(
                actor=facilitator, lab=lab, name="X", organisation=kungalv, email="okand@example.se"
            )


class TestWorkspace:
    def test_coming_workshops_show_in_mitt_arbete_for_participants_and_facilitators(
        self, facilitator: User, kungalv: Organisation, kungalv_member: User, resident: User
    ) -> None:
        today = datetime.date(2026, 12, 2)
        coming = LabFactory(organiser=kungalv, starts_on=today + datetime.timedelta(days=10))
        LabFactory(organiser=kungalv, starts_on=today - datetime.timedelta(days=10))
        LabParticipantFactory(lab=coming, user=kungalv_member, organisation=kungalv)
        coming.facilitators.add(facilitator)
        for person in (kungalv_member, facilitator):
            sections = {s.key: s for s in inbox_sections(user=person, today=today)}
            assert sections["method_labs"].items == [coming]
        assert inbox_sections(user=resident, today=today) == []

    def test_the_data_export_holds_the_workshops_taken_part_in(
        self, kungalv: Organisation, kungalv_member: User
    ) -> None:
        lab = LabFactory(organiser=kungalv, title="Regionalt labb: medskapande")
        LabParticipantFactory(
            lab=lab, user=kungalv_member, organisation=kungalv, department="Socialtjänsten"
        )
        exported = personal_data(user=kungalv_member)["method_lab_participations"]
        assert exported[0]["lab"] == "Regionalt labb: medskapande"
        assert exported[0]["department"] == "Socialtjänsten"


class TestPages:
    def test_filters_by_theme_municipality_and_year(
        self, client: Client, kungalv: Organisation
    ) -> None:
        early = LabFactory(organiser=kungalv, title="Medskapande 2018", theme="co-creation")
        early.municipalities.add(Municipality.objects.get(code="1482"))
        LabFactory(
            organiser=kungalv,
            title="Prototyper 2019",
            theme="prototypes",
            starts_on=datetime.date(2019, 3, 12),
        )
        text = client.get(LABS, {"theme": "prototypes"}).text
        assert "Prototyper 2019" in text and "Medskapande 2018" not in text
        text = client.get(LABS, {"municipality": "1482"}).text
        assert "Medskapande 2018" in text and "Prototyper 2019" not in text
        text = client.get(LABS, {"year": "2019"}).text
        assert "Prototyper 2019" in text and "Medskapande 2018" not in text
        response = client.get(LABS, {"year": "tjugo", "theme": "x"})
        assert response.status_code == 200
        assert "Some filters could not be used" in response.text
        # A NUL byte in the address is refused as a bad request by the site, never a 500.
        assert client.get(LABS, {"q": "x\x00"}).status_code == 400

    def test_the_list_costs_the_same_queries_for_few_and_many(
        self, client: Client, kungalv: Organisation, django_assert_max_num_queries: Any
    ) -> None:
        LabFactory(organiser=kungalv)
        with django_assert_max_num_queries(8):
            client.get(LABS)
        for lab in LabFactory.create_batch(25, organiser=kungalv):
            lab.municipalities.add(Municipality.objects.get(code="1482"))
        with django_assert_max_num_queries(8):
            assert "Labbverkstad" in client.get(LABS, {"page": "2"}).text

    def test_names_of_participants_only_for_those_who_took_part_and_facilitators(
        self,
        facilitator: User,
        kungalv: Organisation,
        kungalv_member: User,
        resident: User,
        method: Method,
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        lab.methods.add(method)
        LabParticipantFactory(lab=lab, name="Karin Kustvik", organisation=kungalv)
        url = f"{LABS}{lab.pk}/"
        for outsider in (None, resident):
            text = _client(outsider).get(url).text
            assert "Karin Kustvik" not in text and "Kungälvs kommun: 1 person" in text
            assert "Trygghetsvandring" in text
        LabParticipantFactory(lab=lab, user=kungalv_member, organisation=kungalv)
        assert "Karin Kustvik" in _client(kungalv_member).get(url).text
        assert "Karin Kustvik" in _client(facilitator).get(url).text
        # The method's page names the workshop it came from.
        assert lab.title in _client().get(f"/en/metoder/{method.slug}/").text

    def test_the_page_costs_the_same_queries_with_more_participants_and_outputs(
        self,
        client: Client,
        kungalv: Organisation,
        method: Method,
        django_assert_max_num_queries: Any,
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        with django_assert_max_num_queries(14):
            client.get(f"{LABS}{lab.pk}/")
        LabParticipantFactory.create_batch(10, lab=lab, organisation=kungalv)
        lab.methods.add(method, *MethodFactory.create_batch(5))
        lab.reports.add(*ReportFactory.create_batch(5, method=method, organisation=kungalv))
        with django_assert_max_num_queries(14):
            client.get(f"{LABS}{lab.pk}/")

    def test_a_facilitator_adds_a_workshop_and_bad_input_keeps_what_was_typed(
        self, facilitator: User, kungalv: Organisation, method: Method
    ) -> None:
        client = _client(facilitator)
        response = client.post(f"{LABS}ny/", _lab_post(kungalv, starts_on="igår"))
        assert response.status_code == 200
        assert "Vilka hörs sällan?" in response.text
        # The site refuses a NUL character in any form with a 400 that says so, never a 500.
        assert client.post(f"{LABS}ny/", _lab_post(kungalv, place="G\x00")).status_code == 400
        response = client.post(
            f"{LABS}ny/", _lab_post(kungalv, starts_on="2018-10-09", ends_on="2018-10-01")
        )
        assert response.status_code == 200 and "Regionalt labb: målgrupper" in response.text
        assert not Lab.objects.exists()
        response = client.post(
            f"{LABS}ny/", _lab_post(kungalv, methods=str(method.pk), municipalities="1482x")
        )
        assert response.status_code == 200
        response = client.post(f"{LABS}ny/", _lab_post(kungalv, methods=str(method.pk)))
        lab = Lab.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/{lab.pk}/")
        assert list(lab.methods.all()) == [method]

    def test_a_proposal_cannot_be_linked_through_the_form(
        self, facilitator: User, kungalv: Organisation, proposal: Method
    ) -> None:
        response = _client(facilitator).post(
            f"{LABS}ny/", _lab_post(kungalv, methods=str(proposal.pk))
        )
        assert response.status_code == 200
        assert not Lab.objects.exists()

    def test_others_are_refused_the_forms(
        self, kungalv_member: User, kungalv: Organisation, client: Client
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        member = _client(kungalv_member)
        assert member.get(f"{LABS}ny/").status_code == 403
        assert member.post(f"{LABS}ny/", _lab_post(kungalv)).status_code == 403
        assert member.get(f"{LABS}{lab.pk}/andra/").status_code == 403
        assert member.post(f"{LABS}{lab.pk}/ta-bort/").status_code == 403
        assert member.get(f"{LABS}{lab.pk}/deltagare/").status_code == 403
        assert member.get(f"{LABS}{lab.pk}/filer/").status_code == 403
        assert client.get(f"{LABS}ny/").status_code == 302
        assert member.get(f"{LABS}999999/").status_code == 404
        assert Lab.objects.filter(pk=lab.pk).exists()

    def test_a_facilitator_adds_and_removes_participants(
        self, facilitator: User, kungalv: Organisation
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        client = _client(facilitator)
        url = f"{LABS}{lab.pk}/deltagare/"
        response = client.post(
            url, {"name": "Karin", "organisation": str(kungalv.pk), "email": "ingen@x.se"}
        )
        assert response.status_code == 200 and 'value="Karin"' in response.text
        response = client.post(url, {"name": "Karin", "organisation": "abc"})
        assert response.status_code == 200
        response = client.post(url, {"name": "Karin", "organisation": str(kungalv.pk)})
        assert response.status_code == 302
        person = LabParticipant.objects.get()
        assert client.post(f"{url}{person.pk}/ta-bort/").status_code == 302
        assert not LabParticipant.objects.exists()


class TestApi:
    def test_anyone_reads_and_only_facilitators_write(
        self, facilitator: User, kungalv: Organisation, kungalv_member: User, method: Method
    ) -> None:
        lab = LabFactory(organiser=kungalv)
        LabParticipantFactory(lab=lab, name="Karin Kustvik", organisation=kungalv)
        listed = _client().get("/api/v1/method-labs/", {"theme": "co-creation"}).json()
        assert listed["count"] == 1
        detail = _client().get(f"/api/v1/method-labs/{lab.pk}/")
        assert detail.status_code == 200 and "Karin Kustvik" not in detail.text
        body = {
            "title": "Regionalt labb: prototyper",
            "theme": "prototypes",
            "organiser": kungalv.slug,
            "starts_on": "2019-03-12",
            "place": "RISE",
            "description": "Prototyper.",
            "methods": [method.slug],
            "municipalities": ["1482"],
        }
        refused = _client(kungalv_member).post("/api/v1/method-labs/", body, "application/json")
        assert refused.status_code == 403
        created = _client(facilitator).post("/api/v1/method-labs/", body, "application/json")
        assert created.status_code == 201, created.json()
        assert created.json()["methods"] == [method.slug]
        new = Lab.objects.get(title="Regionalt labb: prototyper")
        patched = _client(facilitator).patch(
            f"/api/v1/method-labs/{new.pk}/", {"place": "Kungälv"}, "application/json"
        )
        assert patched.status_code == 200 and patched.json()["place"] == "Kungälv"
        assert list(Lab.objects.get(pk=new.pk).methods.all()) == [method]
        refused = _client(kungalv_member).patch(
            f"/api/v1/method-labs/{new.pk}/", {"place": "X"}, "application/json"
        )
        assert refused.status_code == 403

    def test_bad_input_answers_400(self, facilitator: User, kungalv: Organisation) -> None:
        client = _client(facilitator)
        for body in (
            {"title": "X", "theme": "nope", "organiser": kungalv.slug},
            {
                "title": "X\x00",
                "theme": "prototypes",
                "organiser": kungalv.slug,
                "starts_on": "2019-03-12",
                "ends_on": "2019-03-01",
                "place": "Y",
                "description": "Z",
            },
            {"title": ["list"], "starts_on": 12, "methods": "trygghetsvandring"},
        ):
            response = client.post("/api/v1/method-labs/", body, "application/json")
            assert response.status_code == 400, body
        assert not Lab.objects.exists()

    def test_retired_methods_are_not_outputs(
        self, facilitator: User, kungalv: Organisation
    ) -> None:
        retired = MethodFactory(status=MethodStatus.RETIRED)
        response = _client(facilitator).post(
            "/api/v1/method-labs/",
            {
                "title": "X",
                "theme": "prototypes",
                "organiser": kungalv.slug,
                "starts_on": "2019-03-12",
                "place": "Y",
                "description": "Z",
                "methods": [retired.slug],
            },
            "application/json",
        )
        assert response.status_code == 400


def test_an_account_deleted_takes_its_participations_along(
    kungalv: Organisation,
) -> None:
    person = UserFactory()
    LabParticipantFactory(user=person, organisation=kungalv)
    person.delete()
    assert not LabParticipant.objects.exists()
