"""A resident's walk on a phone: nothing scrolls sideways at 320 and 390 px (WCAG 1.4.10), the
menu folds away, and "Din kommun" finds Gävle typed as "gavle"."""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.core.models import Visibility
from samskapa.ideas.models import Challenge, Idea
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project

pytestmark = pytest.mark.browser

RESIDENT = "invanare@samskapa.example"
# One word of 200 letters: before the fix it made a need page 38,810 px wide.
LONG_WORD = "Stadsutvecklingsinnovationsplattformssamverkansprojekt" * 4


def _walk() -> list[str]:
    """Start page, a municipality page, every list and one detail of each type, and search."""
    need = Need.objects.filter(visibility=Visibility.PUBLIC, is_hidden=False).first()
    assert need is not None
    Need.objects.filter(pk=need.pk).update(description=f"{need.description} {LONG_WORD}")
    details = [
        Project.objects.filter(visibility=Visibility.PUBLIC).first(),
        need,
        Idea.objects.filter(challenge__isnull=False).first(),
        Challenge.objects.first(),
        Initiative.objects.first(),
        Programme.objects.filter(visibility=Visibility.PUBLIC).first(),
        Organisation.objects.first(),
    ]
    return [
        "/sv/",
        "/sv/kommun/gavle/",
        "/sv/kommun/",
        "/sv/projekt/",
        "/sv/behov/",
        "/sv/ideer/",
        "/sv/ideer/utmaningar/",
        "/sv/portfolj/initiativ/",
        "/sv/program/",
        "/sv/organisationer/",
        "/sv/sok/?q=gavle",
        *[obj.get_absolute_url() for obj in details if obj is not None],
    ]


def _assert_no_sideways_scrolling(page: Page, path: str, width: int) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow} px too wide at {width} px"


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_of_the_walk_scrolls_sideways(
    page: Page, demo_data: None, login: LogIn, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    for path in _walk():
        page.goto(path)
        _assert_no_sideways_scrolling(page, path, width)
    login(page, RESIDENT)
    for path in ["/sv/behov/nytt/?project=naringen", "/sv/mitt-arbete/"]:
        page.goto(path)
        _assert_no_sideways_scrolling(page, path, width)


def test_the_menu_folds_away_on_a_phone(page: Page, demo_data: None, axe_check: AxeCheck) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/sv/")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    toggle = menu.get_by_role("button", name="Meny")

    expect(menu.get_by_role("link", name="Projekt")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Projekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadsutvecklingsprojekt")
    axe_check(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_finds_gavle_by_typing_gavle(
    page: Page, demo_data: None, axe_check: AxeCheck, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/sv/")
    field = page.get_by_role("combobox", name="Kommunens namn")
    field.press_sequentially("gavle", delay=20)

    option = page.get_by_role("option", name="Gävle")
    expect(option).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    axe_check(page)
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/sv/kommun/gavle/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gävle kommun")
    axe_check(page)


def test_a_list_filters_by_the_name_of_a_municipality(page: Page, demo_data: None) -> None:
    page.goto("/sv/projekt/")
    field = page.get_by_role("combobox", name="Kommun", exact=True)
    field.press_sequentially("kiru", delay=20)
    page.get_by_role("option", name="Kiruna").click()
    page.get_by_role("button", name="Filtrera").click()

    expect(page).to_have_url(re.compile(r"/sv/projekt/\?q=&region=&municipality=2584&phase=$"))
    expect(page.get_by_role("combobox", name="Kommun", exact=True)).to_have_value("Kiruna")
