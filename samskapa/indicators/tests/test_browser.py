"""Follow-up in a real browser, in Swedish: enter a value and see the dashboard update; import
values with the row-by-row preview.

The follow-up tests run on 25 November 2026 (see conftest.py); the demo indicators of Näringen
have values up to 2025.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"
TRIPS = "Andel resor till fots, med cykel eller kollektivtrafik i Näringen"
DASHBOARD = "/sv/uppfoljning/projekt/naringen/"


def test_leader_enters_a_value_and_sees_the_dashboard_update(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto(DASHBOARD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning av Näringen")
    trips = page.get_by_role("article", name=TRIPS)
    # The script drew the chart: its canvas is shown and the table folded away.
    expect(trips.locator("canvas")).to_be_visible()
    expect(trips.get_by_role("button", name="Ladda ner som PNG")).to_be_visible()
    axe_check(page)

    trips.get_by_role("link", name=TRIPS, exact=True).click()
    page.get_by_role("link", name="Mata in ett värde").click()
    page.get_by_label("År").fill("2026")
    page.get_by_label(re.compile(r"^Värde")).fill("49,5")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_contain_text("2026")
    axe_check(page)

    page.goto(DASHBOARD)
    trips = page.get_by_role("article", name=TRIPS)
    trips.get_by_text("Visa som tabell").click()
    expect(trips.get_by_role("row", name=re.compile(r"^2026 49,5"))).to_be_visible()


def test_import_shows_errors_row_by_row_and_saves_nothing(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto(DASHBOARD)
    page.get_by_role("link", name=TRIPS, exact=True).first.click()
    page.get_by_role("link", name="Importera värden").click()
    page.get_by_label("Eller klistra in värdena").fill("år;värde\n2026;50\n2027;många\n")
    page.get_by_role("button", name="Visa förhandsvisning").click()
    expect(page.get_by_role("alert")).to_contain_text("1 rad har fel")
    expect(page.get_by_role("row", name=re.compile("^3 2027"))).to_contain_text(
        "”många” är inte ett tal."
    )
    expect(page.get_by_role("button", name=re.compile("^Spara"))).to_have_count(0)
    axe_check(page)

    page.get_by_label("Eller klistra in värdena").fill("år;värde\n2026;50\n")
    page.get_by_role("button", name="Visa förhandsvisning").click()
    page.get_by_role("button", name="Spara 1 värde").click()
    expect(page.get_by_role("status").first).to_contain_text("1 värde har sparats")
    expect(page.locator("#values").get_by_role("row", name=re.compile("^2026"))).to_be_visible()


def _fits(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


def test_municipalities_side_by_side_and_a_milestones_evaluations(
    page: Page, demo_data: None, axe_check: AxeCheck, tmp_path: Path
) -> None:
    """Both pages fit a 320 px screen (screenshots in ``tmp_path`` for a look)."""
    page.goto("/sv/uppfoljning/natverket/")
    comparison = page.get_by_role("region", name="Kommunerna sida vid sida")
    expect(comparison.get_by_role("heading", name="Kommunerna sida vid sida")).to_be_visible()
    expect(comparison.locator("canvas")).to_be_visible()
    expect(comparison.get_by_role("link", name="Jämförelsen som CSV")).to_be_visible()
    for width in (320, 1280):
        _fits(page, width)
        page.screenshot(path=tmp_path / f"network-{width}.png", full_page=True)
    axe_check(page)

    page.goto("/sv/program/innovationsprogram-2026-2028/")
    for width in (320, 1280):
        _fits(page, width)
        page.screenshot(path=tmp_path / f"programme-{width}.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"^1 utvärdering")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utvärderingar av milstolpen")
    for width in (320, 1280):
        _fits(page, width)
        page.screenshot(path=tmp_path / f"milestone-{width}.png", full_page=True)
    axe_check(page)
