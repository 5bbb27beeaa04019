"""Programmes in a real browser, in Swedish: list, detail with the late milestone, timeline.

The programme tests run on 25 November 2026 (see conftest.py), when the demo programme's
milestone "Förstudierapporter för de första initiativen" (due 31 October) is late.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"
LATE = "Förstudierapporter för de första initiativen"
# Until the Swedish catalogue has this app's strings, the pages show the English msgid.
LATE_TAG = re.compile(r"Försenad|Late")


def test_leader_follows_the_programme_to_its_timeline(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/program/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)

    page.get_by_role(
        "link", name=re.compile("Innovationsprogram för hållbar stadsutveckling")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Innovationsprogram för hållbar stadsutveckling 2026–2028"
    )
    late_row = page.get_by_role("row", name=re.compile(LATE))
    expect(late_row).to_contain_text(LATE_TAG)
    # Only the late milestone carries the marker.
    expect(page.locator("#milestones").get_by_text(LATE_TAG, exact=True)).to_have_count(1)
    axe_check(page)

    page.get_by_role("link", name=re.compile("Tidslinje|Timeline"), exact=False).first.click()
    expect(page).to_have_url(re.compile(r"/sv/program/innovationsprogram-2026-2028/tidslinje/$"))
    expect(page.locator("figure svg").first).to_be_visible()
    milestone_table = page.get_by_role("table").last
    expect(milestone_table.get_by_role("rowheader", name=LATE)).to_be_visible()
    expect(milestone_table.get_by_role("row", name=re.compile(LATE))).to_contain_text(LATE_TAG)
    axe_check(page)


def test_leader_marks_the_late_milestone_done(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/program/innovationsprogram-2026-2028/")
    late_row = page.get_by_role("row", name=re.compile(LATE))
    late_row.get_by_role("button", name=re.compile(LATE)).filter(
        has_text=re.compile("Markera|Mark")
    ).click()
    expect(page.get_by_role("status").first).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(LATE))).not_to_contain_text(LATE_TAG)
    axe_check(page)


def test_bad_dates_keep_the_form(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/program/innovationsprogram-2026-2028/faser/ny/")
    page.get_by_role("textbox", name="Namn", exact=True).fill("Efterarbete")
    page.get_by_label("Startdatum").fill("2028-10-01")
    page.get_by_label("Slutdatum").fill("2028-09-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("textbox", name="Namn", exact=True)).to_have_value("Efterarbete")
    axe_check(page)
