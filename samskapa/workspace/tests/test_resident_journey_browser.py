"""In the browser, on a phone-sized screen: a new resident signs up with a display name and the
terms, writes a need in a pre-moderated campaign, follows it under Mitt arbete, and the project
leader approves it; axe on the new pages, and no page scrolls sideways.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.needs.models import Campaign

pytestmark = pytest.mark.browser

LEADER = "projektledare.gavle@samskapa.example"
PHONE = {"width": 390, "height": 844}
NEED = "Dricksvatten vid torget"


def _fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def _confirmation_path(email: str) -> str:
    body = [message for message in mail.outbox if email in message.to][-1].body
    match = re.search(r"https?://[^/\s]+(/\S*/konto/confirm-email/\S+/)", body)
    assert match, body
    return match.group(1)


def test_a_new_resident_writes_a_need_that_a_moderator_approves(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    page.set_viewport_size(PHONE)
    email = "sara@example.se"
    password = "Torget-i-Naringen-2031"

    page.goto("/sv/konto/signup/")
    page.get_by_role("textbox", name="E-postadress", exact=True).fill(email)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(password)
    page.get_by_role("textbox", name="Lösenord (igen)", exact=True).fill(password)
    page.get_by_role("textbox", name="Visningsnamn", exact=True).fill("Sara på Söder")
    page.get_by_role("checkbox", name="Jag godkänner användarvillkoren").check()
    page.get_by_role("checkbox", name="Jag har läst integritetsmeddelandet").check()
    axe_check(page)
    _fits_the_screen(page)
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")
    page.goto(_confirmation_path(email))
    page.get_by_role("button", name="Bekräfta").click()

    campaign = Campaign.objects.get(premoderated=True, project__slug="naringen")
    page.goto(f"/sv/behov/nytt/?project=naringen&campaign={campaign.pk}")
    page.locator("#id_title").fill(NEED)
    page.locator("#id_description").fill("En vattenpost för barn och hundar.")
    expect(page.locator("#id_description_counter")).to_have_text("9966 tecken kvar")
    page.get_by_role("button", name="Skicka in behovet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    expect(page.get_by_text("Väntar på godkännande: en moderator läser")).to_be_visible()

    page.goto("/sv/mitt-arbete/")
    mine = page.get_by_role("region", name=re.compile("Mina behov"))
    expect(mine.get_by_role("link", name=NEED)).to_be_visible()
    expect(mine.get_by_text("Väntar på godkännande")).to_be_visible()
    expect(page.get_by_text("Starta ett projekt")).to_have_count(0)
    axe_check(page)
    _fits_the_screen(page)

    page.context.clear_cookies()
    login(page, LEADER)
    page.goto("/sv/behov/moderering/?state=awaiting")
    row = page.get_by_role("row").filter(has_text=NEED)
    row.get_by_role("button", name=re.compile("Godkänn")).click()
    expect(page.get_by_text("Modereringen har loggats.")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/sv/behov/")
    expect(page.get_by_role("link", name=NEED)).to_be_visible()
