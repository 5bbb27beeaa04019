"""The innovation strategy in a real browser, in Swedish: the guided editor of Näringen's
strategy, a new goal, and the strategy exported as a PDF."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"


def test_leader_adds_a_goal_and_exports_the_strategy(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/strategi/projekt/naringen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innovationsstrategi för Näringen")
    axe_check(page)

    page.get_by_role("link", name="Lägg till ett mål – Hållbar mobilitet").click()
    page.get_by_role("textbox", name=re.compile(r"^Mål")).fill("Cykelparkering vid alla entréer")
    page.get_by_label("Ägare").fill("Gatuenheten")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("strong", has_text="Cykelparkering vid alla entréer")).to_be_visible()
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF på svenska").click()
    assert download.value.suggested_filename == "strategi-naringen-sv.pdf"
