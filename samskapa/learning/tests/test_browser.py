"""Learning programmes in a real browser, in Swedish: a participant hands in an assignment,
the facilitator gives feedback, the participant reads it, and the municipality's plan is
exported as a PDF; each page fits a 320 px screen."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.learning.demo import PROGRAMME_SLUG, RUNNING_SLUG

pytestmark = pytest.mark.browser

PARTICIPANT = "projektledare.gavle@samskapa.example"
FACILITATOR = "processledare@samskapa.example"
ASSIGNMENT = "Inventera behoven i ert projekt"


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide"


def test_hand_in_feedback_and_the_plan_as_pdf(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, PARTICIPANT)
    page.goto(f"/sv/larprogram/{RUNNING_SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leda för innovation – omgång 2")
    _fits(page)
    page.get_by_role("link", name=ASSIGNMENT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSIGNMENT)
    axe_check(page)
    _fits(page)
    # Nothing typed is lost when the answer is refused.
    page.get_by_role("button", name="Lämna in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_role("textbox", name="Ditt svar").fill("Tre behov: resor, mötesplatser, energi.")
    page.get_by_role("button", name="Lämna in").click()
    expect(page.get_by_text("Din inlämning har lämnats in.")).to_be_visible()
    axe_check(page)
    _fits(page)

    page.context.clear_cookies()
    login(page, FACILITATOR)
    page.goto("/sv/mitt-arbete/")
    waiting = page.get_by_role("region", name=re.compile("Inlämningar som väntar"))
    waiting.get_by_role("link", name=ASSIGNMENT).click()
    expect(page.get_by_text("Tre behov: resor, mötesplatser, energi.")).to_be_visible()
    page.get_by_role("textbox", name="Återkoppling").fill("Bra! Vem äger behovet om mötesplatser?")
    axe_check(page)
    page.get_by_role("button", name="Skicka återkoppling").click()
    expect(page.get_by_text("Din återkoppling har skickats.")).to_be_visible()
    page.goto(f"/sv/larprogram/{RUNNING_SLUG}/framsteg/")
    expect(page.get_by_role("region", name="Per deltagare")).to_contain_text("1 återkoppling")
    axe_check(page)
    _fits(page)

    page.context.clear_cookies()
    login(page, PARTICIPANT)
    page.goto(f"/sv/larprogram/{RUNNING_SLUG}/")
    page.get_by_role("link", name=ASSIGNMENT).click()
    page.get_by_role("link", name="Din inlämning och återkopplingen på den").click()
    expect(page.get_by_text("Bra! Vem äger behovet om mötesplatser?")).to_be_visible()
    _fits(page)

    page.goto(f"/sv/larprogram/{PROGRAMME_SLUG}/")
    page.get_by_role("link", name="Plan för innovationsarbete i Gävle").click()
    expect(page.get_by_role("heading", name="Fokusområden och mål")).to_be_visible()
    axe_check(page)
    _fits(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF på svenska").click()
    assert download.value.suggested_filename.endswith("-sv.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
