"""Registration in a real browser, in Swedish: a resident joins the waiting list of the demo's
full workshop, the organiser cancels two seats and exports the list, and the resident has a
seat."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.events.demo import FULL_EVENT_SLUG

pytestmark = pytest.mark.browser

RESIDENT = "invanare@samskapa.example"
ORGANISER = "processledare@samskapa.example"  # facilitator of RISE, which organises the workshop
EVENT = f"/sv/evenemang/{FULL_EVENT_SLUG}/"


def test_waiting_list_promotion_and_export(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, RESIDENT)
    page.goto("/sv/evenemang/")
    page.get_by_role("link", name="Labbworkshop: från labb till vardag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Labbworkshop: från labb till vardag")
    page.get_by_label("Specialkost").fill("Vegetarisk")
    page.get_by_role("button", name="Ställ dig på väntelistan").click()
    expect(page.get_by_text("på väntelistan, nummer 2")).to_be_visible()
    axe_check(page)
    # The page fits a narrow phone without sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, ORGANISER)
    page.goto(f"{EVENT}deltagare/")
    expect(page.get_by_role("row", name=re.compile("Ingrid Invånare"))).to_contain_text(
        "På väntelistan"
    )
    axe_check(page)
    for name in ("Gustav Gävlesson", "Hanna Härrydasson"):
        page.get_by_role("button", name=re.compile(f"Avboka ?: {name}")).click()
        expect(page.get_by_role("status").first).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Ingrid Invånare"))).to_contain_text("Bekräftad")
    expect(page.get_by_role("row", name=re.compile("Fia Företagare"))).to_contain_text("Bekräftad")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Ladda ner som CSV").click()
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert RESIDENT in csv_text and "Vegetarisk" in csv_text
    with page.expect_download() as excel_download:
        page.get_by_role("link", name="Ladda ner som Excel").click()
    assert excel_download.value.suggested_filename == f"deltagare-{FULL_EVENT_SLUG}.xlsx"

    page.context.clear_cookies()
    login(page, RESIDENT)
    page.goto(EVENT)
    expect(page.get_by_text("plats bekräftad")).to_be_visible()
