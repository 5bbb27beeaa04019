"""Marketplace pages: sealing, equal publication, drafts, forms that keep what was typed.

Texts are checked on the English pages (/en/), whose strings are the msgids in the code.
"""

import datetime
from typing import Any

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.marketplace import services
from samskapa.marketplace.models import ProcurementRequest, RequestStatus, Response
from samskapa.marketplace.tests.conftest import SECRET, Clock, submit
from samskapa.marketplace.tests.factories import RequestFactory, ServiceFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _url(request: ProcurementRequest, rest: str = "") -> str:
    return f"/en/marknadsplats/forfragningar/{request.pk}/{rest}"


class TestSealing:
    def test_nothing_of_a_response_shows_before_the_deadline(
        self,
        client: Client,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        gavle_leader: User,
        platform_admin: User,
    ) -> None:
        submit(provider_user, procurement, provider)
        response = Response.objects.get()
        client.force_login(gavle_leader)
        page = client.get(_url(procurement))
        assert "1 sealed response" in page.text and "Blåklint" not in page.text
        assert "Start the opening" not in page.text
        assert client.get(_url(procurement, f"svar/{response.pk}/")).status_code == 404
        assert client.get(_url(procurement, "utvardering/")).status_code == 403
        assert client.post(_url(procurement, "oppna/")).status_code == 302
        procurement.refresh_from_db()
        assert procurement.opening_started_at is None
        # Search and the admin show no content either.
        link = f'href="{procurement.get_absolute_url()}"'
        assert link not in client.get("/en/sok/", {"q": "Blåklint"}).text
        assert link in client.get("/en/sok/", {"q": "bokningssystem"}).text
        client.force_login(platform_admin)
        for path in (
            "/sv/admin/marketplace/response/",
            f"/sv/admin/marketplace/response/{response.pk}/change/",
        ):
            answer = client.get(path)
            assert answer.status_code == 200
            assert "Blåklint" not in answer.text
        assert client.get(_url(procurement, f"svar/{response.pk}/")).status_code == 404

    def test_the_provider_sees_its_receipt_and_no_one_else_does(
        self,
        client: Client,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        other_provider_user: User,
    ) -> None:
        receipt = submit(provider_user, procurement, provider)
        response = Response.objects.get()
        client.force_login(provider_user)
        assert receipt.digest in client.get(_url(procurement)).text
        assert receipt.digest in client.get(_url(procurement, f"svar/{response.pk}/")).text
        client.force_login(other_provider_user)
        assert receipt.digest not in client.get(_url(procurement)).text
        assert client.get(_url(procurement, f"svar/{response.pk}/")).status_code == 404

    def test_two_leaders_open_after_the_deadline_and_read_and_score(
        self,
        client: Client,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        gavle_leader: User,
        gavle_second: User,
        clock: Clock,
    ) -> None:
        submit(provider_user, procurement, provider)
        response = Response.objects.get()
        clock(21 * DAY)
        client.force_login(gavle_leader)
        assert "Start the opening" in client.get(_url(procurement)).text
        client.post(_url(procurement, "oppna/"))
        page = client.get(_url(procurement))
        assert "A second person of the organisation confirms it" in page.text
        assert "Confirm the opening" not in page.text
        client.force_login(gavle_second)
        client.post(_url(procurement, "oppna/"))
        detail = client.get(_url(procurement, f"svar/{response.pk}/"))
        assert SECRET.split(" och ")[0] in detail.text
        criteria = list(procurement.criteria.all())
        posted = client.post(
            _url(procurement, f"svar/{response.pk}/"),
            {f"score_{criteria[0].pk}": "4", f"score_{criteria[1].pk}": "2"},
        )
        assert posted.status_code == 302
        table = client.get(_url(procurement, "utvardering/"))
        assert "3.20" in table.text or "3,20" in table.text


class TestRequestPages:
    def test_drafts_stay_inside_the_buying_organisation(
        self, client: Client, gavle: Organisation, gavle_leader: User, kiruna_leader: User
    ) -> None:
        draft = RequestFactory(buyer=gavle, status=RequestStatus.DRAFT, title="Hemligt utkast")
        assert client.get(_url(draft)).status_code == 404
        client.force_login(kiruna_leader)
        assert client.get(_url(draft)).status_code == 404
        assert "Hemligt utkast" not in client.get("/en/marknadsplats/").text
        client.force_login(gavle_leader)
        assert "Hemligt utkast" in client.get("/en/marknadsplats/").text

    def test_answers_are_published_to_all_without_the_asker(
        self,
        client: Client,
        procurement: ProcurementRequest,
        provider_user: User,
        gavle_leader: User,
    ) -> None:
        client.force_login(provider_user)
        client.post(_url(procurement, "fragor/ny/"), {"text": "Krävs e-legitimation?"})
        question = procurement.questions.get()
        assert "Krävs" not in Client().get(_url(procurement)).text  # not answered yet
        client.force_login(gavle_leader)
        page = client.get(_url(procurement))
        assert "Krävs e-legitimation?" in page.text
        assert provider_user.email not in page.text
        client.post(
            _url(procurement, f"fragor/{question.pk}/svara/"), {"answer": "Nej, inte alls."}
        )
        public = Client().get(_url(procurement)).text
        assert "Krävs e-legitimation?" in public and "Nej, inte alls." in public
        assert provider_user.email not in public and provider_user.full_name not in public

    def test_a_past_deadline_keeps_what_was_typed(
        self, client: Client, gavle: Organisation, gavle_leader: User
    ) -> None:
        client.force_login(gavle_leader)
        page = client.post(
            "/en/marknadsplats/forfragningar/ny/",
            {
                "buyer": gavle.pk,
                "title": "Bokningssystem för simhallen",
                "request_type": "direct",
                "category": "booking",
                "summary": "Bokning.",
                "question_deadline": "2020-01-01T10:00",
                "response_deadline": "2020-01-02T10:00",
            },
        )
        assert page.status_code == 200
        assert "must be in the future" in page.text
        assert "Bokningssystem för simhallen" in page.text
        assert not ProcurementRequest.objects.exists()

    def test_a_response_after_the_deadline_is_refused_on_the_page(
        self,
        client: Client,
        procurement: ProcurementRequest,
        provider_user: User,
        provider: Organisation,
        clock: Clock,
    ) -> None:
        client.force_login(provider_user)
        form = client.get(_url(procurement, "svara/"))
        assert form.status_code == 200
        requirement = procurement.requirements.get()
        clock(21 * DAY)
        page = client.post(
            _url(procurement, "svara/"),
            {
                "provider": provider.pk,
                "summary": "Vårt svar som inte får försvinna.",
                f"meets_{requirement.pk}": "yes",
            },
        )
        assert page.status_code == 200
        assert "no responses can be submitted after it" in page.text
        assert "Vårt svar som inte får försvinna." in page.text
        assert not Response.objects.exists()

    @pytest.mark.parametrize("size", [3, 30])
    def test_lists_take_constant_queries(
        self,
        client: Client,
        gavle: Organisation,
        size: int,
        django_assert_max_num_queries: Any,
    ) -> None:
        for _ in range(size):
            RequestFactory(buyer=gavle)
            ServiceFactory()
        with django_assert_max_num_queries(8):
            assert client.get("/en/marknadsplats/").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/en/marknadsplats/tjanster/").status_code == 200


class TestServicePages:
    def test_a_provider_registers_a_service(
        self, client: Client, provider_user: User, provider: Organisation
    ) -> None:
        client.force_login(provider_user)
        answer = client.post(
            "/en/marknadsplats/tjanster/ny/",
            {
                "provider": provider.pk,
                "name": "Dialogkartan",
                "category": "resident_dialogue",
                "summary": "Kartbaserad dialog.",
                "pricing_model": "per_user",
                "wcag_level": "AA",
                "data_location": "eu",
                "is_published": "on",
            },
        )
        assert answer.status_code == 302
        page = client.get(answer["Location"])
        assert "Dialogkartan" in page.text and "Within the EU" in page.text

    def test_compare_shows_at_most_four(self, client: Client, reference_data: None) -> None:
        chosen = [ServiceFactory(name=f"Jämförd {n}") for n in range(5)]
        page = client.get("/en/marknadsplats/tjanster/jamfor/", {"s": [s.slug for s in chosen]})
        assert page.status_code == 200
        assert "Jämförd 3" in page.text and "Jämförd 4" not in page.text
        assert "At most 4 services" in page.text

    def test_unpublished_services_stay_with_the_provider(
        self, client: Client, provider: Organisation, provider_user: User
    ) -> None:
        service = ServiceFactory(provider=provider, is_published=False)
        assert client.get(service.get_absolute_url()).status_code == 404
        client.force_login(provider_user)
        assert client.get(service.get_absolute_url()).status_code == 200

    def test_a_reference_shows_once_the_municipality_confirms(
        self,
        client: Client,
        provider: Organisation,
        provider_user: User,
        gavle: Organisation,
        gavle_leader: User,
    ) -> None:
        service = ServiceFactory(provider=provider)
        reference = services.reference_add(actor=provider_user, service=service, municipality=gavle)
        assert "Gävle kommun" not in Client().get(service.get_absolute_url()).text
        client.force_login(provider_user)
        assert (
            client.post(f"/en/marknadsplats/referenser/{reference.pk}/bekrafta/").status_code == 403
        )
        client.force_login(gavle_leader)
        client.post(f"/en/marknadsplats/referenser/{reference.pk}/bekrafta/")
        assert "Gävle kommun" in Client().get(service.get_absolute_url()).text
