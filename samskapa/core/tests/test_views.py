"""Start page, personal work page, notifications, and both interface languages."""

import pytest
from django.test import Client

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.models import Notification
from samskapa.core.services import notification_send
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "en"])
def test_start_page_renders_in_both_languages(
    client: Client, naringen: Project, hidden_project: Project, language: str
) -> None:
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert "Näringen" in response.text
    assert hidden_project.name not in response.text
    assert response.context["project_count"] == 1


def test_bare_address_goes_to_the_swedish_site(client: Client, reference_data: None) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/sv/"


def test_english_browser_is_sent_to_the_english_site(client: Client, reference_data: None) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/en/"


def test_language_switch_keeps_the_page(client: Client, naringen: Project) -> None:
    swedish_url = naringen.get_absolute_url()

    response = client.post("/i18n/setlang/", {"language": "en", "next": swedish_url})

    assert response.status_code == 302
    assert response["Location"] == swedish_url.replace("/sv/", "/en/", 1)


class TestDashboard:
    def test_visitor_is_sent_to_log_in(self, client: Client, reference_data: None) -> None:
        response = client.get("/sv/mitt-arbete/")

        assert response.status_code == 302
        assert response["Location"].startswith("/sv/konto/login/")

    def test_shows_my_projects_and_unread_notifications(
        self, client: Client, naringen: Project, hidden_project: Project, gavle_leader: User
    ) -> None:
        notification_send(recipients=[gavle_leader], title="Nytt behov i Näringen", email=False)
        client.force_login(gavle_leader)

        response = client.get("/sv/mitt-arbete/")

        assert response.status_code == 200
        assert naringen.get_absolute_url() in response.text
        assert hidden_project.name not in response.text
        assert "Nytt behov i Näringen" in response.text


class TestNotifications:
    def test_list_shows_only_my_notifications(self, client: Client, resident: User) -> None:
        notification_send(recipients=[resident], title="Till mig", email=False)
        notification_send(recipients=[UserFactory()], title="Till någon annan", email=False)
        client.force_login(resident)

        response = client.get("/sv/notiser/")

        assert "Till mig" in response.text
        assert "Till någon annan" not in response.text

    def test_opening_marks_read_and_follows_the_link(self, client: Client, resident: User) -> None:
        (notification,) = notification_send(
            recipients=[resident], title="Hej", url="/sv/projekt/", email=False
        )
        client.force_login(resident)

        response = client.post(f"/sv/notiser/{notification.pk}/las/")

        assert response.status_code == 302
        assert response["Location"] == "/sv/projekt/"
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_someone_elses_notification_is_refused(self, client: Client, resident: User) -> None:
        (notification,) = notification_send(recipients=[UserFactory()], title="Hej", email=False)
        client.force_login(resident)

        response = client.post(f"/sv/notiser/{notification.pk}/las/")

        assert response.status_code == 403
        assert Notification.objects.get(pk=notification.pk).read_at is None

    def test_marking_needs_post(self, client: Client, resident: User) -> None:
        client.force_login(resident)

        assert client.get("/sv/notiser/las/").status_code == 405
