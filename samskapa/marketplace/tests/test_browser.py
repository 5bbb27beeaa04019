"""The marketplace in a real browser, in Swedish.

A provider registers a service, asks a question and answers a request; the municipality answers
the question for everyone, opens the sealed responses after the deadline with a second person
and records the outcome.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.marketplace.models import Outcome, ProcurementRequest

pytestmark = pytest.mark.browser

PROVIDER = "foretag@samskapa.example"  # administrator of two fictional providers
BUYER = "projektledare.gavle@samskapa.example"
SECOND_BUYER = "upphandlare@samskapa.example"  # the second person of Gävle kommun
DIALOGUE = "Marknadsdialog: digital medborgardialog i Näringen"
QUESTION = "Kan tjänsten användas med skärmläsare på mobilen?"
ANSWER = "Ja, det är ett krav: se skallkravet om WCAG 2.1 nivå AA."


def _as(page: Page, login: LogIn, email: str) -> None:
    page.context.clear_cookies()
    login(page, email)


def test_provider_answers_and_the_municipality_opens_and_decides(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    procurement = ProcurementRequest.objects.get(title=DIALOGUE)
    with translation.override("sv"):
        request_url = procurement.get_absolute_url()

    # The provider registers a service ...
    _as(page, login, PROVIDER)
    page.goto("/sv/marknadsplats/tjanster/ny/")
    page.get_by_label("Leverantör").select_option(label="Fiktiva Dialogverkstaden AB")
    page.get_by_role("textbox", name=re.compile("^Namn")).fill("Dialogkartan")
    page.get_by_label("Kategori").select_option(label="Medborgardialog och delaktighet")
    page.get_by_label("Sammanfattning").fill("Synpunkter på en karta, på mobilen.")
    page.get_by_label("Beskrivning").fill("Invånare sätter nålar på kartan och skriver vad de ser.")
    page.get_by_label("Prismodell").select_option(label="Abonnemang")
    page.get_by_label("Tillgänglighetsnivå").select_option(label="WCAG 2.1 nivå AA")
    page.get_by_label("Var personuppgifter lagras").select_option(label="Sverige")
    page.get_by_role("checkbox", name="Social hållbarhet").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dialogkartan")
    axe_check(page)

    # ... asks a question about the municipality's request ...
    page.goto(request_url)
    page.get_by_role("link", name="Ställ en fråga").click()
    page.get_by_label("Din fråga").fill(QUESTION)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DIALOGUE)

    # ... and answers the request; the answer is sealed and a receipt shown.
    page.get_by_role("link", name="Lämna svar").click()
    axe_check(page)
    page.get_by_label("Svara för").select_option(label="Fiktiva Dialogverkstaden AB")
    page.get_by_label("Sammanfattning av ert svar").fill("Dialogkartan når unga och äldre.")
    page.get_by_label("Pris (kronor exklusive moms)").fill("240000")
    for requirement in page.get_by_role("group").all():
        requirement.get_by_role("radio", name="Ja, uppfylls").check()
    page.get_by_role("button", name=re.compile("^Försegla")).click()
    expect(page.get_by_text("Ert svar har förseglats och tagits emot")).to_be_visible()

    # The municipality answers the question: the answer is published to every provider.
    _as(page, login, BUYER)
    page.goto(request_url)
    page.get_by_role("link", name=re.compile(r"^Svara ?: Kan tjänsten")).click()
    page.get_by_role("textbox", name=re.compile("^Svar")).fill(ANSWER)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    # Before the deadline nobody can open the responses.
    expect(page.get_by_text("Ingen kan öppna dem före den.")).to_be_visible()
    expect(page.get_by_role("button", name="Påbörja öppningen")).to_have_count(0)
    axe_check(page)

    # The deadline passes (the clock is moved on in the database).
    past = timezone.now() - datetime.timedelta(minutes=1)
    ProcurementRequest.objects.filter(pk=procurement.pk).update(
        question_deadline=past, response_deadline=past
    )
    page.reload()
    page.get_by_role("button", name="Påbörja öppningen").click()
    expect(page.get_by_role("button", name="Bekräfta öppningen")).to_have_count(0)

    # A second person of Gävle kommun confirms: only then are the responses readable.
    _as(page, login, SECOND_BUYER)
    page.goto(request_url)
    page.get_by_role("button", name="Bekräfta öppningen").click()
    expect(page.get_by_text("Svaren har öppnats.")).to_be_visible()
    page.get_by_role("link", name="Registrera utfallet").click()
    page.get_by_label("Resultat").select_option(value=Outcome.AWARD)
    page.get_by_label("Vinnande svar").select_option(label="Fiktiva Dialogverkstaden AB")
    page.get_by_label("Motivering").fill("Bäst på att nå dem som sällan deltar.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Utfallet har registrerats")).to_be_visible()
    axe_check(page)

    procurement.refresh_from_db()
    assert procurement.outcome == Outcome.AWARD
