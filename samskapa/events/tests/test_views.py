"""Event and network pages: what visitors, participants and organisers see and may do.

Texts are checked on the English pages (/en/), whose strings are the msgids in the code.
"""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from samskapa.accounts.models import User
from samskapa.core.models import Visibility
from samskapa.events.models import Event, ExperiencePost, Network, Registration, RegistrationStatus
from samskapa.events.tests.factories import (
    EventFactory,
    ExperiencePostFactory,
    NetworkMemberFactory,
    RegistrationFactory,
    in_days,
)
from samskapa.organisations.models import Organisation
from samskapa.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = "/en/evenemang/"


def url(event: Event, rest: str = "") -> str:
    return f"/en/evenemang/{event.slug}/{rest}"


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def pages_of(network: Network) -> list[str]:
    base = f"/en/natverk/{network.slug}/"
    return [LIST, "/en/natverk/", base, f"{base}medlemmar/", f"{base}inlagg/"]


class TestLists:
    def test_list_shows_upcoming_public_events_with_seats(
        self, client: Client, event: Event, kiruna: Organisation
    ) -> None:
        hidden = EventFactory(title="Internt", organiser=kiruna, visibility=Visibility.MEMBERS)
        past = EventFactory(
            title="Förra året", organiser=kiruna, starts_at=in_days(-400), ends_at=in_days(-400, 16)
        )
        RegistrationFactory(event=event)

        text = client.get(LIST).text
        assert event.title in text and "1 of 2 seats taken" in text
        assert hidden.title not in text and past.title not in text
        assert past.title in client.get(f"{LIST}?when=past").text
        assert 'href="/en/evenemang/kalender.ics"' in text

    def test_list_and_network_pages_take_constant_queries(
        self, client: Client, kiruna: Organisation, network: Network, resident: User
    ) -> None:
        client.force_login(resident)

        def make(count: int) -> None:
            for _ in range(count):
                event = EventFactory(organiser=kiruna, network=network, capacity=5)
                RegistrationFactory(event=event)
                ExperiencePostFactory(network=network)
                NetworkMemberFactory(network=network)

        make(2)
        for page in pages_of(network):
            client.get(page)  # caches of the first request (session, site) are not the page's
        pages = [
            LIST,
            f"/en/natverk/{network.slug}/",
            f"/en/natverk/{network.slug}/medlemmar/",
            f"/en/natverk/{network.slug}/inlagg/",
            "/en/natverk/",
        ]
        few = [count_queries(client, page) for page in pages]
        make(12)
        assert [count_queries(client, page) for page in pages] == few

    def test_month_view_shows_the_event_on_its_day(self, client: Client, event: Event) -> None:
        start = event.starts_at.astimezone()
        response = client.get(f"/en/evenemang/kalender/{start.year}/{start.month}/")
        assert event.title in response.text
        assert client.get("/en/evenemang/kalender/2026/13/").status_code == 404

    def test_start_page_links_the_public_feed(self, client: Client, event: Event) -> None:
        text = client.get("/en/").text
        assert 'href="/en/evenemang/kalender.ics"' in text
        assert event.title in text


class TestRegistration:
    def test_registering_on_the_page_and_joining_the_waiting_list(
        self, client: Client, event: Event, people: list[User]
    ) -> None:
        for person in people[:2]:
            RegistrationFactory(event=event, user=person)
        client.force_login(people[2])

        page = client.get(url(event)).text
        assert "Join the waiting list" in page
        response = client.post(url(event, "anmalan/"), {"diet": "Vegan"}, follow=True)
        assert "you are on the waiting list" in response.text
        assert "on the waiting list, number 1" in response.text
        assert Registration.objects.get(user=people[2]).diet == "Vegan"

    def test_visitors_are_asked_to_log_in(self, client: Client, event: Event) -> None:
        assert "Log in to register" in client.get(url(event)).text
        response = client.post(url(event, "anmalan/"))
        assert response.status_code == 302 and "/konto/login/" in response["Location"]

    def test_registering_twice_shows_a_message(
        self, client: Client, event: Event, resident: User
    ) -> None:
        RegistrationFactory(event=event, user=resident)
        client.force_login(resident)
        response = client.post(url(event, "anmalan/"), {"diet": "Glutenfri"})
        assert response.status_code == 200
        assert "You are already registered for this event." in response.text
        assert 'value="Glutenfri"' in response.text

    def test_members_only_event_is_hidden_from_outsiders(
        self, client: Client, kiruna: Organisation, resident: User, kiruna_member: User
    ) -> None:
        hidden = EventFactory(organiser=kiruna, visibility=Visibility.MEMBERS)
        client.force_login(resident)
        assert client.get(url(hidden)).status_code == 404
        assert client.post(url(hidden, "anmalan/")).status_code == 404
        client.force_login(kiruna_member)
        assert client.get(url(hidden)).status_code == 200


class TestOrganisers:
    def test_participants_page_and_answers_are_for_organisers_only(
        self, client: Client, event: Event, resident: User, kiruna_leader: User
    ) -> None:
        RegistrationFactory(
            event=event, user=resident, diet="Laktosfri", accessibility_needs="Rullstol"
        )
        client.force_login(resident)
        assert "Laktosfri" not in client.get(url(event)).text
        assert client.get(url(event, "deltagare/")).status_code == 403
        assert client.get(url(event, "deltagare/deltagare.csv")).status_code == 403

        client.force_login(kiruna_leader)
        page = client.get(url(event, "deltagare/")).text
        assert "Laktosfri" in page and "Rullstol" in page

    def test_exports_hold_the_list_in_csv_and_excel(
        self, client: Client, event: Event, kiruna_leader: User, people: list[User]
    ) -> None:
        RegistrationFactory(event=event, user=people[0], diet="=HYPERLINK(1)")
        RegistrationFactory(event=event, user=people[1], status=RegistrationStatus.WAITING)
        client.force_login(kiruna_leader)

        csv_text = b"".join(
            client.get(url(event, "deltagare/deltagare.csv")).streaming_content
        ).decode()
        assert people[0].email in csv_text and "'=HYPERLINK(1)" in csv_text
        response = client.get(url(event, "deltagare/deltagare.xlsx"))
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        assert rows[0][:2] == ("Name", "E-mail address")
        assert [(row[1], row[3]) for row in rows[1:]] == [
            (people[0].email, "Confirmed"),
            (people[1].email, "On the waiting list"),
        ]
        assert rows[1][5] == "'=HYPERLINK(1)"

    def test_attendance_is_marked_on_the_participants_page(
        self, client: Client, event: Event, kiruna_leader: User, resident: User
    ) -> None:
        registration = RegistrationFactory(event=event, user=resident)
        client.force_login(resident)
        assert (
            client.post(
                url(event, f"deltagare/{registration.pk}/narvaro/"), {"attended": "yes"}
            ).status_code
            == 403
        )
        registration.refresh_from_db()
        assert registration.attended is None

        client.force_login(kiruna_leader)
        client.post(url(event, f"deltagare/{registration.pk}/narvaro/"), {"attended": "yes"})
        registration.refresh_from_db()
        assert registration.attended is True

    def test_end_before_start_keeps_the_form(
        self, client: Client, kiruna: Organisation, kiruna_leader: User
    ) -> None:
        client.force_login(kiruna_leader)
        data = {
            "title": "Tematräff om uppföljning",
            "kind": "theme_meeting",
            "organiser": kiruna.pk,
            "starts_at": "2027-04-18T13:00",
            "ends_at": "2027-04-18T09:00",
            "visibility": "public",
        }
        response = client.post("/en/evenemang/nytt/", data)
        assert response.status_code == 200
        assert "The event must end after it starts." in response.text
        assert 'value="Tematräff om uppföljning"' in response.text
        assert not Event.objects.exists()

        response = client.post("/en/evenemang/nytt/", {**data, "ends_at": "2027-04-18T16:00"})
        assert response.status_code == 302
        assert Event.objects.get().starts_at.hour == 11  # 13:00 summer time is 11:00 UTC

    def test_fewer_seats_than_taken_keeps_the_form(
        self, client: Client, event: Event, kiruna_leader: User, people: list[User]
    ) -> None:
        for person in people[:2]:
            RegistrationFactory(event=event, user=person)
        client.force_login(kiruna_leader)
        form = client.get(url(event, "andra/")).context["form"]
        data = {name: value for name, value in form.initial.items() if value is not None}
        data.update(
            organiser=event.organiser_id,
            network=event.network_id,
            capacity=1,
            starts_at="2030-01-10T10:00",
            ends_at="2030-01-10T16:00",
        )
        response = client.post(url(event, "andra/"), data)
        assert "2 people already hold a seat" in response.text
        event.refresh_from_db()
        assert event.capacity == 2


class TestNetworks:
    def test_public_page_shows_themes_and_news(
        self, client: Client, network: Network, event: Event
    ) -> None:
        post = ExperiencePostFactory(network=network, title="Alla förvaltningar med")
        text = client.get(f"/en/natverk/{network.slug}/").text
        assert "Organisationskultur" in text
        assert post.title in text and event.title in text
        assert f'href="/en/natverk/{network.slug}/kalender.ics"' in text

    def test_members_share_experiences_and_others_comment(
        self,
        client: Client,
        network: Network,
        kiruna: Organisation,
        kiruna_member: User,
        resident: User,
    ) -> None:
        client.force_login(resident)
        assert client.get(f"/en/natverk/{network.slug}/inlagg/nytt/").status_code == 403

        client.force_login(kiruna_member)
        response = client.post(
            f"/en/natverk/{network.slug}/inlagg/nytt/",
            {
                "title": "Vad vi lärde oss",
                "body": "Börja med förvaltningarna.",
                "organisation": kiruna.pk,
            },
        )
        post = ExperiencePost.objects.get()
        assert response.status_code == 302 and response["Location"] == post.get_absolute_url()

        client.force_login(resident)
        client.post(post.get_absolute_url(), {"body": "Tack för tipset!"})
        assert "Tack för tipset!" in client.get(post.get_absolute_url()).text

    def test_only_coordinators_manage_members(
        self, client: Client, network: Network, kiruna_leader: User, goteborg_member: User
    ) -> None:
        other = OrganisationFactory(name="Lunds kommun", municipality_code="1281")
        client.force_login(goteborg_member)
        assert client.get(f"/en/natverk/{network.slug}/medlemmar/ny/").status_code == 403
        client.force_login(kiruna_leader)
        client.post(
            f"/en/natverk/{network.slug}/medlemmar/ny/",
            {"organisation": other.pk, "theme": "Testbäddar"},
        )
        assert "Testbäddar" in client.get(f"/en/natverk/{network.slug}/medlemmar/").text
