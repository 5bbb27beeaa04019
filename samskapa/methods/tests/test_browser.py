"""The toolbox in a real browser, in Swedish: a project leader finds a method by its filters,
then records how their municipality adapted it and what they learned using it."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"
METHOD = "Trygghetsvandring med boende"


def test_leader_finds_a_method_adapts_it_and_reports(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    login(page, LEADER_GAVLE)
    page.goto("/sv/metoder/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Metodbank")
    page.get_by_role("combobox", name="När den används").select_option(label="Behov")
    page.get_by_role("combobox", name="Målgrupp").select_option(label="Äldre")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("link", name=METHOD)).to_be_visible()
    expect(page.get_by_role("link", name="Prototyp på platsen")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name=METHOD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(METHOD)
    expect(page.get_by_role("table")).to_contain_text("Nytta")
    axe_check(page)

    page.get_by_role("link", name="Registrera en anpassning").click()
    page.get_by_role("combobox", name="Organisation").select_option(label="Gävle kommun")
    page.get_by_role("textbox", name="Rubrik", exact=True).fill("Vandring med skolan")
    page.get_by_role("button", name="Spara anpassningen").click()
    # Nothing written is lost when a field is missing.
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("textbox", name="Rubrik", exact=True)).to_have_value(
        "Vandring med skolan"
    )
    axe_check(page)
    page.get_by_role("textbox", name="Vad som ändrades", exact=True).fill("Eleverna ledde.")
    page.get_by_role("textbox", name="Varför", exact=True).fill("Barnen känner vägarna.")
    page.get_by_role("button", name="Spara anpassningen").click()
    expect(page.get_by_role("heading", name="Vandring med skolan")).to_be_visible()

    page.get_by_role("link", name="Dela en erfarenhet").click()
    page.get_by_role("combobox", name="Organisation").select_option(label="Gävle kommun")
    page.get_by_label("Använd den").fill("2026-10-01")
    page.get_by_role("textbox", name="Plats", exact=True).fill("Brynäs")
    page.get_by_role("textbox", name="Vilka som deltog", exact=True).fill("Skolan och fritid")
    page.get_by_role("textbox", name="Resultat", exact=True).fill("Tio förslag.")
    page.get_by_role("textbox", name="Lärdomar", exact=True).fill("Börja i skolan.")
    page.get_by_role("combobox", name=re.compile("Betyg: Nytta")).select_option("5")
    axe_check(page)
    page.get_by_role("button", name="Spara erfarenheten").click()
    expect(page.get_by_role("heading", name=re.compile("Brynäs"))).to_be_visible()
    expect(page.locator("#ratings")).to_contain_text("2 erfarenheter")


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_visitor_on_a_phone_finds_a_lab_workshop_and_downloads_a_material_file(
    page: Page, demo_data: None, axe_check: AxeCheck
) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/sv/metoder/")
    page.get_by_role("link", name="Labbverkstäder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Labbverkstäder")
    page.get_by_role("combobox", name="Tema").select_option(label="Prototyper")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_role("link", name="Regionalt labb: prototyper")).to_be_visible()
    expect(page.get_by_role("link", name="Regionalt labb: medskapande")).to_have_count(0)
    _fits(page)
    axe_check(page)

    page.get_by_role("link", name="Regionalt labb: prototyper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionalt labb: prototyper")
    # A visitor sees which organisations took part, not who.
    expect(page.locator("#participants")).to_contain_text("Partille kommun: 2 personer")
    expect(page.locator("#participants")).not_to_contain_text("Anna Sävedal")
    _fits(page)
    axe_check(page)

    page.locator("#outputs").get_by_role("link", name="Prototyp på platsen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prototyp på platsen")
    expect(page.locator("#labs")).to_contain_text("Regionalt labb: prototyper")
    _fits(page)

    page.goto("/sv/metoder/trygghetsvandring/")
    with page.expect_download() as download:
        page.locator("#materials").get_by_role(
            "link", name="protokollsmall-trygghetsvandring.docx"
        ).click()
    assert download.value.suggested_filename == "protokollsmall-trygghetsvandring.docx"
    _fits(page)
    axe_check(page)
