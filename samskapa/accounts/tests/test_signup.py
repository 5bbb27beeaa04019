"""Signing up with a chosen display name and the terms accepted; asked again for new versions."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from samskapa.accounts.models import Consent, LegalDocument, LegalDocumentKind, User
from samskapa.accounts.services import legal_documents_changed
from samskapa.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://samskapa.gavle.example"


def _publish(kind: str, version: int) -> LegalDocument:
    document = LegalDocument.objects.create(
        kind=kind,
        version=version,
        title_sv=f"Villkor {kind} {version}",
        title_en=f"Terms {kind} {version}",
        body_sv="Text på svenska.",
        body_en="Text in English.",
        published_at=timezone.now(),
    )
    legal_documents_changed()
    return document


@pytest.fixture
def documents() -> list[LegalDocument]:
    return [_publish(LegalDocumentKind.TERMS, 1), _publish(LegalDocumentKind.PRIVACY, 1)]


def _signup(client: Client, language: str = "sv", **extra: str) -> object:
    data = {
        "email": "ada@example.se",
        "password1": "ett-langt-testlosenord",
        "password2": "ett-langt-testlosenord",
        "display_name": "Ada på Söder",
        "consent_terms": "on",
        "consent_privacy": "on",
        **extra,
    }
    with translation.override(language):
        url = reverse("account_signup")
    return client.post(url, data)


@override_settings(SITE_URL=SITE, SITE_NAME="Samskapa Gävle")
def test_signup_stores_the_name_and_consent_and_sends_a_swedish_confirmation(
    client: Client, documents: list[LegalDocument]
) -> None:
    page = client.get(reverse("account_signup")).content.decode()
    assert "Visningsnamn" in page and "Jag godkänner användarvillkoren" in page
    assert reverse("accounts:legal_document", kwargs={"kind": "terms"}) in page

    response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="ada@example.se")
    assert user.display_name == "Ada på Söder"
    assert user.language == "sv"
    assert {consent.document for consent in Consent.objects.filter(user=user)} == set(documents)
    [message] = mail.outbox
    assert message.subject == "[Samskapa Gävle] Bekräfta din e-postadress"
    assert message.body.startswith("Hej Ada på Söder,")
    assert f"{SITE}/sv/konto/confirm-email/" in message.body
    assert "Vänligen" not in message.body
    assert "testserver" not in message.body and "127.0.0.1" not in message.body
    assert "Hälsningar,\nSamskapa Gävle" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html and f'href="{SITE}/sv/konto/confirm-email/' in html


@override_settings(SITE_URL=SITE)
def test_signup_in_english_gets_an_english_email(
    client: Client, documents: list[LegalDocument]
) -> None:
    _signup(client, language="en", display_name="Ada")

    assert User.objects.get(email="ada@example.se").language == "en"
    [message] = mail.outbox
    assert message.subject == "[Samskapa] Confirm your e-mail address"
    assert message.body.startswith("Hello Ada,")
    assert f"{SITE}/en/konto/confirm-email/" in message.body


def test_signup_refuses_a_missing_name_or_consent_and_keeps_what_was_typed(
    client: Client, documents: list[LegalDocument]
) -> None:
    response = _signup(client, display_name="  ", consent_privacy="")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Välj ett namn att visa för andra." in page
    assert "Du behöver kryssa i rutan för att gå vidare." in page
    assert 'value="ada@example.se"' in page
    assert not User.objects.filter(email="ada@example.se").exists()
    assert not mail.outbox


def test_signup_refuses_an_email_address_as_display_name(
    client: Client, documents: list[LegalDocument]
) -> None:
    response = _signup(client, display_name="ada@example.se")

    assert "Ett visningsnamn kan inte innehålla en e-postadress." in response.content.decode()
    assert not User.objects.exists()


def test_a_new_version_is_asked_for_before_going_on(
    client: Client, documents: list[LegalDocument]
) -> None:
    person = UserFactory()
    Consent.objects.bulk_create([Consent(user=person, document=d) for d in documents])
    client.force_login(person)
    dashboard = reverse("workspace:dashboard")
    assert client.get(dashboard).status_code == 200

    new_terms = _publish(LegalDocumentKind.TERMS, 2)
    response = client.get(dashboard)

    consent_url = reverse("accounts:consent")
    assert response.status_code == 302
    assert response["Location"].startswith(consent_url)
    page = client.get(response["Location"]).content.decode()
    assert "Villkor terms 2" in page and "Villkor privacy 1" not in page

    refused = client.post(consent_url, {"next": dashboard})
    assert refused.status_code == 200
    assert not Consent.objects.filter(user=person, document=new_terms).exists()

    accepted = client.post(consent_url, {"next": dashboard, "consent_terms": "on"})
    assert accepted.status_code == 302 and accepted["Location"] == dashboard
    assert Consent.objects.filter(user=person, document=new_terms).exists()
    assert client.get(dashboard).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "abc", "-1"])
def test_the_consent_page_does_not_send_people_elsewhere(
    client: Client, documents: list[LegalDocument], target: str
) -> None:
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:consent"),
        {"next": target, "consent_terms": "on", "consent_privacy": "on"},
    )
    assert response["Location"] == reverse("workspace:dashboard")
    # Once accepted, the page itself sends people on, to the same safe place.
    assert client.get(reverse("accounts:consent"), {"next": target})["Location"] == reverse(
        "workspace:dashboard"
    )


def test_the_documents_are_public_and_absent_ones_answer_404(
    client: Client, documents: list[LegalDocument]
) -> None:
    page = client.get(reverse("accounts:legal_document", kwargs={"kind": "privacy"}))
    assert page.status_code == 200 and "Text på svenska." in page.content.decode()
    assert (
        client.get(reverse("accounts:legal_document", kwargs={"kind": "other"})).status_code == 404
    )
    LegalDocument.objects.filter(kind="privacy").update(published_at=None)
    legal_documents_changed()
    missing = client.get(reverse("accounts:legal_document", kwargs={"kind": "privacy"}))
    assert missing.status_code == 404


def test_without_published_documents_nobody_is_held_back(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get(reverse("workspace:dashboard")).status_code == 200


def test_profile_changes_the_display_name_but_refuses_an_address(client: Client) -> None:
    person = UserFactory(full_name="")
    client.force_login(person)
    url = reverse("accounts:profile")

    refused = client.post(url, {"full_name": "jag@example.se", "language": "sv"})
    assert "Ett visningsnamn kan inte innehålla en e-postadress." in refused.content.decode()
    client.post(url, {"full_name": "Ingrid", "language": "sv"})

    person.refresh_from_db()
    assert person.display_name == "Ingrid"
    assert re.search(r"Visningsnamn", client.get(url).content.decode())
