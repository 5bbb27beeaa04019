"""Competence matchmaking in a real browser, in Swedish: from a need to a shared contact.

A project leader of Gävle opens Näringen's need for competence, reads the explained matches,
builds a team, and sends an interest request; the person asked says yes; both then see each
other's contact details.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER = "projektledare.gavle@samskapa.example"
ASKED = "forening@samskapa.example"
NEED = "Team för sociokulturell hållbarhet i Näringen"
PROFILE = "Grannföreningen Näringen: boendes kunskap om stadsdelen"
PROFILE_EMAIL = "kontakt@fiktiva-grannar-i-naringen.example"


def test_leader_finds_a_match_builds_a_team_and_both_share_contact_details(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER)
    page.goto("/sv/kompetens/behov/")
    page.get_by_role("link", name=NEED).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    axe_check(page)

    page.get_by_role("link", name="Se matchningar").click()
    match = page.get_by_role("article", name=PROFILE)
    expect(match).to_contain_text("Saknas")
    expect(match).to_contain_text("Gemensamma ord")
    axe_check(page)

    page.get_by_role("link", name="Bygg ett team").click()
    page.get_by_role("spinbutton", name="Största team", exact=True).fill("4")
    page.get_by_role("button", name="Bygg team").click()
    expect(page.get_by_role("heading", name="Föreslaget team")).to_be_visible()
    expect(page.get_by_role("article")).not_to_have_count(0)
    axe_check(page)

    page.get_by_role("navigation", name="Du är här").get_by_role("link", name=NEED).click()
    page.get_by_role("link", name="Se matchningar").click()
    send = re.compile(f"Skicka intresseförfrågan.*{re.escape(PROFILE)}")
    page.get_by_role("link", name=send).click()
    page.get_by_role("textbox", name="Meddelande", exact=True).fill(
        "Hej! Vill du vara med och nå unga i Näringen?"
    )
    page.get_by_role("button", name="Skicka förfrågan").click()
    expect(page.get_by_text("Förfrågan har skickats.")).to_be_visible()
    expect(page.get_by_text(PROFILE_EMAIL)).to_have_count(0)
    request_url = page.url
    axe_check(page)

    page.get_by_role("button", name="Logga ut").click()
    login(page, ASKED)
    page.goto("/sv/kompetens/forfragningar/")
    page.get_by_role("link", name=NEED).click()
    expect(page.get_by_text(LEADER)).to_have_count(0)
    page.get_by_role("button", name="Ja, dela kontaktuppgifter").click()
    expect(page.get_by_role("heading", name="Kontaktuppgifter")).to_be_visible()
    expect(page.get_by_role("link", name=LEADER)).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Logga ut").click()
    login(page, LEADER)
    page.goto(request_url)
    expect(page.get_by_role("link", name=PROFILE_EMAIL)).to_be_visible()
    expect(page.get_by_text(re.compile("Ni har båda sagt ja"))).to_be_visible()
