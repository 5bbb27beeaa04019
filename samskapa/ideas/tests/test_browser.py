"""In the browser: a resident submits an idea to a challenge and comments; axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.ideas.models import Challenge, Idea


@pytest.mark.browser
def test_resident_submits_idea_to_challenge_and_comments(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    challenge = Challenge.objects.get(title="Trygga och levande stråk i Näringen")
    login(page, "invanare@samskapa.example")

    page.goto(challenge.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(challenge.title)
    axe_check(page)
    page.get_by_role("link", name="Skicka in en idé").click()
    axe_check(page)
    page.get_by_label("Rubrik").fill("Konstverk som lyser i mörkret")
    page.get_by_label("Sammanfattning").fill("Självlysande konst längs stråket.")
    page.get_by_label("Beskrivning").fill("Konst som laddas av solen och lyser på kvällen.")
    page.get_by_role("button", name="Publicera idén").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Konstverk som lyser i mörkret")
    idea = Idea.objects.get(title="Konstverk som lyser i mörkret")
    assert idea.challenge == challenge
    page.get_by_label("Din kommentar").fill("Fler borde få lysa upp stråket!")
    page.get_by_role("button", name="Publicera kommentaren").click()
    expect(page.get_by_text("Fler borde få lysa upp stråket!")).to_be_visible()
    page.get_by_role("button", name="Stöd den här idén").click()
    expect(page.get_by_role("button", name="Ta tillbaka mitt stöd")).to_be_visible()
    axe_check(page)


@pytest.mark.browser
def test_idea_list_is_accessible(page: Page, demo_data: None, axe_check: AxeCheck) -> None:
    page.goto("/sv/ideer/?sort=supported")
    expect(page.get_by_role("heading", level=1)).to_have_text("Idéer")
    axe_check(page)
