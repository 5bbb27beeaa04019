"""The marketplace in a real browser, in Swedish: a provider registers a service and responds;
a municipality publishes a request, answers a question, opens the responses after the deadline
with two people and records the outcome."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.marketplace.models import ProcurementRequest, Receipt, Response
from samskapa.marketplace.sealing import seal
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.browser

COMPANY = "foretag@samskapa.example"
LEADER_GAVLE = "projektledare.gavle@samskapa.example"
SECOND_GAVLE = "upphandlare@samskapa.example"
DIALOGUE = "Marknadsdialog: digital medborgardialog i Näringen"


def test_provider_registers_a_service_and_responds(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, COMPANY)
    page.goto("/sv/marknadsplats/tjanster/ny/")
    axe_check(page)
    page.get_by_label("Leverantör").select_option(label="Fiktiva Bokningsbolaget AB")
    page.get_by_label("Namn", exact=True).fill("Boka Simhall")
    page.get_by_label("Kategori").select_option("booking")
    page.get_by_label("Sammanfattning").fill("Bokning av simhallstider för skolor och föreningar.")
    page.get_by_label("Prismodell").select_option("per_user")
    page.get_by_label("Var personuppgifter lagras").select_option("sweden")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boka Simhall")
    axe_check(page)

    page.goto("/sv/marknadsplats/")
    page.get_by_role("link", name=DIALOGUE).click()
    page.get_by_role("link", name="Lämna svar").click()
    page.get_by_label("Svara för").select_option(label="Fiktiva Dialogverkstaden AB")
    page.get_by_label("Sammanfattning av ert svar").fill("Dialogkartan når unga och äldre.")
    for choice in page.get_by_label("Ja, uppfylls").all():
        choice.check()
    axe_check(page)
    page.get_by_role("button", name="Försegla och skicka in").click()
    expect(page.locator("#my-responses")).to_contain_text("SHA-256")
    axe_check(page)


def _past_request_with_a_response() -> ProcurementRequest:
    """Gävle's dialogue, its deadline just passed, with one sealed response."""
    request = ProcurementRequest.objects.get(title=DIALOGUE)
    now = timezone.now()
    request.question_deadline = now - datetime.timedelta(hours=2)
    request.response_deadline = now - datetime.timedelta(hours=1)
    request.save()
    provider = Organisation.objects.get(slug="fiktiva-dialogverkstaden-ab")
    sealed, digest = seal({"summary": "Vårt förseglade svar.", "answers": [], "documents": []})
    response = Response.objects.create(
        request=request,
        provider=provider,
        submitted_at=now - datetime.timedelta(hours=3),
        sealed=sealed,
        digest=digest,
    )
    Receipt.objects.create(response=response, submitted_at=response.submitted_at, digest=digest)
    return request


def test_municipality_publishes_answers_opens_and_decides(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/marknadsplats/forfragningar/ny/")
    page.get_by_label("Rubrik").fill("Bokning av idrottshallar i Gävle")
    page.get_by_label("Typ").select_option("direct")
    page.get_by_label("Tjänstekategori").select_option("booking")
    page.get_by_label("Sammanfattning").fill("Ett bokningssystem för kommunens idrottshallar.")
    page.get_by_label("Sista dag för frågor").fill("2099-05-01T12:00")
    page.get_by_label("Sista svarsdag").fill("2099-06-01T12:00")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bokning av idrottshallar i Gävle")
    page.get_by_role("link", name="Lägg till ett krav").click()
    page.get_by_label("Krav", exact=True).fill("Bokning fungerar med skärmläsare.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Lägg till ett utvärderingskriterium").click()
    page.get_by_label("Namn", exact=True).fill("Användbarhet")
    page.get_by_label("Vikt (%)").fill("100")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Publicera").click()
    expect(page.get_by_role("status").first).to_be_visible()
    axe_check(page)

    page.goto("/sv/marknadsplats/")
    page.get_by_role("link", name=DIALOGUE).click()
    page.locator("#questions").get_by_role("link", name=re.compile("^Svar")).first.click()
    page.get_by_label("Svar", exact=True).fill("Vi räknar med omkring 2 000 deltagare.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#questions")).to_contain_text("omkring 2 000 deltagare")

    request = _past_request_with_a_response()
    page.goto(request.get_absolute_url())
    page.get_by_role("button", name="Påbörja öppningen").click()
    expect(page.locator("#opening")).to_contain_text("påbörjat öppningen")
    axe_check(page)

    login(page, SECOND_GAVLE)
    page.goto(request.get_absolute_url())
    page.get_by_role("button", name="Bekräfta öppningen").click()
    page.get_by_role("link", name="Registrera utfallet").first.click()
    page.get_by_label("Utfall").select_option("award")
    page.get_by_label("Vinnande svar").select_option(label="Fiktiva Dialogverkstaden AB")
    page.get_by_label("Motivering").fill("Det enda svaret, och det uppfyller kraven.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#outcome")).to_contain_text("Fiktiva Dialogverkstaden AB")
    axe_check(page)
