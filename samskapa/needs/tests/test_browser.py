"""The needs inventory in a real browser: submitting with similar needs, clustering, ranking."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"
RESIDENT = "invanare@samskapa.example"


def test_resident_submits_need_and_sees_similar(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    page.goto("/sv/behov/")
    axe_check(page)
    login(page, RESIDENT)
    page.goto("/sv/behov/nytt/?project=naringen")
    axe_check(page)
    with page.expect_request(lambda request: "/liknande/" in request.url) as asked:
        page.locator("#id_title").press_sequentially("Bättre cykelbanor vid ån", delay=20)
    assert "csrfmiddlewaretoken" not in asked.value.url
    similar = page.locator("#similar-needs")
    expect(similar).to_contain_text("Trygga cykelbanor till centrum")
    # The hint sits next to the title, where the resident types, above the description.
    title_box, hint_box = page.locator("#id_title").bounding_box(), similar.bounding_box()
    description_box = page.locator("#id_description").bounding_box()
    assert title_box and hint_box and description_box
    assert title_box["y"] < hint_box["y"] < description_box["y"]
    page.locator("#id_description").fill("Jag vill kunna cykla tryggt längs ån.")
    page.get_by_role("button", name="Skicka in behovet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bättre cykelbanor vid ån")
    axe_check(page)


def test_leader_clusters_and_prioritises(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/behov/projekt/naringen/kluster/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Klustring"))
    axe_check(page)
    page.goto("/sv/behov/projekt/naringen/prioritering/")
    axe_check(page)
    expect(page.get_by_role("table")).to_contain_text("Trygga cykelbanor till centrum")
