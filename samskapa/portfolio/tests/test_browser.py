"""The stage-gate pipeline in a real browser: a leader logs a gate decision on a demo
initiative, and the initiative pages pass the accessibility checks."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.portfolio.models import Initiative, Stage

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"


def test_leader_makes_a_go_decision(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    initiative = Initiative.objects.get(title="Dagvattenpark vid ån")
    assert initiative.stage == Stage.PRESTUDY

    page.goto("/sv/portfolj/initiativ/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)

    login(page, LEADER_GAVLE)
    page.goto("/sv/portfolj/initiativ/")
    page.get_by_role("link", name="Dagvattenpark vid ån").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dagvattenpark vid ån")
    current = page.locator(".initiative-steps [aria-current='step']")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-state", "current")
    expect(page.locator(".initiative-steps > li").nth(1)).to_have_attribute("aria-current", "step")
    axe_check(page)

    # Without a rationale the decision is refused, and what was typed stays in the form.
    page.locator("#id_decision_0").check()
    page.locator("#id_board").select_option(label="Samhällsbyggnadsnämnden (Gävle kommun)")
    page.locator("#id_board_reference").fill("SBN 2026/640")
    page.locator("#id_board_reference").press("Enter")
    expect(page).to_have_url(re.compile(r"/grindbeslut/$"))
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(page.locator("#id_rationale_error")).to_be_visible()
    expect(page.locator("#id_board_reference")).to_have_value("SBN 2026/640")
    expect(page.locator("#id_decision_0")).to_be_checked()
    axe_check(page)

    page.locator("#id_rationale").fill(
        "Förstudien visar att parken kan byggas i två etapper. Pilot med första etappen vid kajen."
    )
    page.locator("form.samskapa-form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/initiativ/\d+/#gate-log$"))
    log = page.locator("#gate-log table")
    expect(log).to_contain_text("Pilot med första etappen vid kajen.")
    expect(log).to_contain_text("SBN 2026/640")
    expect(page.get_by_role("status").first).to_be_visible()
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PILOT
    axe_check(page)


def test_parked_and_members_only_pages(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    parked = Initiative.objects.get(stage=Stage.PARKED)
    secret = Initiative.objects.get(title="Innovationskrav i markanvisningar")
    page.goto(parked.get_absolute_url())
    expect(page.locator("[data-state='parked']")).to_have_attribute("aria-current", "step")
    expect(page.get_by_text(parked.parked_reason).first).to_be_visible()
    axe_check(page)
    response = page.goto(secret.get_absolute_url())
    assert response is not None and response.status == 404
    login(page, "projektledare.kiruna@samskapa.example")
    page.goto(secret.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(secret.title)
    axe_check(page)
