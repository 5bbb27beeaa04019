"""Notification e-mails: greeting, both parts, the site's own address, and unsubscribing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from samskapa.accounts.tests.factories import UserFactory
from samskapa.core.emails import unsubscribe_token
from samskapa.core.models import EmailOptOut, NotificationKind
from samskapa.core.services import notification_send

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., Any]
SITE = "https://samskapa.kiruna.example"


def _send(
    capture: CaptureCallbacks, *recipients: Any, kind: str = NotificationKind.FOLLOWING
) -> None:
    with capture(execute=True):
        notification_send(
            recipients=recipients,
            kind=kind,
            title=lambda: "Ny kommentar på “Cykelparkering”",
            body="Bertil skrev en kommentar.",
            url="/sv/ideer/1/",
        )


@override_settings(SITE_URL=SITE, SITE_NAME="Samskapa Kiruna")
def test_the_email_greets_in_swedish_links_to_the_site_and_offers_one_click_unsubscribe(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    anna = UserFactory(full_name="Anna", language="sv")
    _send(django_capture_on_commit_callbacks, anna)

    [message] = mail.outbox
    assert message.subject == "[Samskapa Kiruna] Ny kommentar på “Cykelparkering”"
    assert message.body.startswith("Hej Anna,\n\nNy kommentar")
    assert f"Läs mer: {SITE}/sv/ideer/1/" in message.body
    assert "Hälsningar,\nSamskapa Kiruna" in message.body
    assert "nyheter om idéer jag följer" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{SITE}/sv/notiser/e-post/avsluta/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and '<html lang="sv">' in html
    assert f'href="{SITE}/sv/ideer/1/"' in html


def test_an_english_reader_gets_english(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    _send(django_capture_on_commit_callbacks, UserFactory(full_name="", language="en"))

    [message] = mail.outbox
    assert message.body.startswith("Hello,\n\n")
    assert "Stop these e-mails with one click: " in message.body
    assert "/en/notiser/e-post/avsluta/" in message.extra_headers["List-Unsubscribe"]


def test_one_click_unsubscribe_stops_that_kind_only(
    client: Client, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    anna = UserFactory()
    _send(django_capture_on_commit_callbacks, anna)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link[link.index("/sv/") :]

    # Opening the link only asks; a mail program's POST (RFC 8058) unsubscribes, no login needed.
    assert "Vill du sluta få mejl om" in client.get(path).content.decode()
    assert not EmailOptOut.objects.exists()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=anna, kind=NotificationKind.FOLLOWING).exists()

    mail.outbox.clear()
    _send(django_capture_on_commit_callbacks, anna)
    assert mail.outbox == []
    assert anna.notifications.count() == 2  # still shown in the app
    _send(django_capture_on_commit_callbacks, anna, kind=NotificationKind.ROLES)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    ["nonsense", unsubscribe_token(user_id=1, kind="nonsense")],
    ids=["not-signed", "signed-with-unknown-kind"],  # the same ids on every xdist worker
)
def test_a_forged_or_broken_link_unsubscribes_nobody(client: Client, token: str) -> None:
    response = client.post(reverse("core:email_unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Länken är inte giltig." in response.content.decode()
    assert not EmailOptOut.objects.exists()


def test_the_settings_page_turns_kinds_off_and_on(
    client: Client, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    anna = UserFactory()
    client.force_login(anna)
    url = reverse("core:notification_settings")
    assert client.get(url).status_code == 200

    kept = [kind for kind in NotificationKind.values if kind != NotificationKind.FOLLOWING]
    assert client.post(url, {"email_kinds": kept}).status_code == 302
    assert list(EmailOptOut.objects.filter(user=anna).values_list("kind", flat=True)) == [
        NotificationKind.FOLLOWING
    ]
    _send(django_capture_on_commit_callbacks, anna)
    assert mail.outbox == []

    refused = client.post(url, {"email_kinds": ["everything"]})
    assert refused.status_code == 200
    assert "ds-validation-message" in refused.content.decode()

    client.post(url, {"email_kinds": NotificationKind.values})
    assert not EmailOptOut.objects.filter(user=anna).exists()


def test_the_settings_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("core:notification_settings"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@override_settings(SITE_URL=SITE)
def test_the_password_reset_email_uses_the_site_address(client: Client) -> None:
    UserFactory(email="anna@example.se", full_name="Anna")
    client.post(reverse("account_reset_password"), {"email": "anna@example.se"})

    [message] = mail.outbox
    assert message.subject == "[Samskapa] Välj ett nytt lösenord"
    assert message.body.startswith("Hej Anna,")
    assert f"{SITE}/sv/konto/password/reset/key/" in message.body
    assert "testserver" not in message.body
    assert message.alternatives[0][1] == "text/html"
