"""The SDG target picker on a phone, in a real browser: a resident writes a need, takes a
suggested target and turns one down, finds another target by searching, and submits."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.sdg.models import SuggestionFeedback

pytestmark = pytest.mark.browser

RESIDENT = "invanare@samskapa.example"
PHONE = {"width": 320, "height": 720}


def no_sideways_scrolling(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_resident_tags_a_need_on_a_phone_with_suggested_and_searched_targets(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    page.set_viewport_size(PHONE)
    login(page, RESIDENT)
    page.goto("/sv/behov/nytt/?project=naringen")
    no_sideways_scrolling(page)
    picker = page.locator("#id_sdg_targets_picker")
    # Goals first: 17 closed groups, no list box to hold Ctrl in.
    expect(picker.locator("details")).to_have_count(17)
    expect(page.locator("select[multiple]")).to_have_count(0)

    page.locator("#id_title").fill("Bussen till skolan går för sällan")
    with page.expect_response(re.compile(r"/agenda-2030/forslag/$")):
        page.locator("#id_description").press_sequentially(
            " och cykelbanan dit saknar belysning.", delay=5
        )
    suggestion = picker.locator('[data-suggestion][data-code="11.2"]')
    expect(suggestion).to_contain_text("Utifrån orden:")
    axe_check(page)

    # Take 11.2: its checkbox is ticked, its goal opens, and it shows among the chosen.
    with page.expect_response(re.compile(r"/agenda-2030/forslag/svar/$")) as taken:
        suggestion.get_by_role("button", name="Välj delmål 11.2").click()
    assert taken.value.status == 204
    expect(picker.get_by_role("checkbox", name=re.compile(r"^11\.2 "))).to_be_checked()
    expect(picker.get_by_role("button", name=re.compile(r"^Ta bort 11\.2 "))).to_be_visible()

    # Turn the next one down: it goes away, and the answer is recorded.
    other = picker.locator("[data-suggestion]").first
    code = other.get_attribute("data-code")
    with page.expect_response(re.compile(r"/agenda-2030/forslag/svar/$")):
        other.get_by_role("button", name=f"Passar inte delmål {code}").click()
    expect(picker.locator(f'[data-suggestion][data-code="{code}"]')).to_have_count(0)

    # Search in Swedish, with everyday words: "skyfall" finds 11.5 and 13.1.
    page.get_by_role("searchbox", name="Sök i listan").fill("skyfall")
    expect(picker.get_by_role("status")).to_contain_text("träff")
    flooding = picker.get_by_role("checkbox", name=re.compile(r"^13\.1 "))
    expect(flooding).to_be_visible()
    flooding.check()
    no_sideways_scrolling(page)
    axe_check(page)

    page.get_by_role("button", name="Skicka in behovet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bussen till skolan går för sällan")
    expect(page.get_by_text(re.compile(r"^11\.2$"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^13\.1$"))).to_be_visible()
    answers = set(SuggestionFeedback.objects.values_list("target__code", "accepted"))
    assert answers == {("11.2", True), (code, False)}
