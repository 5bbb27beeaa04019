"""Administrations and boards by phase in a real browser: reading the gaps, a leader editing a cell."""

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.organisations.models import Unit
from samskapa.projects.models import UnitPhaseRole

pytestmark = pytest.mark.browser

LEADER_KIRUNA = "projektledare.kiruna@samskapa.example"
MATRIX = "/{language}/projekt/nya-kiruna/forvaltningar/"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_visitor_reads_the_matrix(
    page: Page, demo_data: None, axe_check: AxeCheck, language: str
) -> None:
    page.goto(MATRIX.format(language=language))

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    table = page.locator("table.samskapa-matrix")
    expect(table.locator("tbody tr")).to_have_count(8)
    expect(table).to_contain_text("Räddningstjänsten")
    expect(table).to_contain_text("Detaljplaner, mark, gator, parker och exploatering.")
    expect(page.locator("a.samskapa-matrix__change")).to_have_count(0)
    axe_check(page)


def test_leader_changes_a_cell_in_place(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    rescue = Unit.objects.get(organisation__slug="kiruna-kommun", name="Räddningstjänsten")
    login(page, LEADER_KIRUNA)
    page.goto(MATRIX.format(language="en"))
    cell = page.locator(f"#cell-{rescue.pk}-design")
    expect(cell).to_contain_text("None")

    cell.get_by_role("link", name="Change").click()
    role = cell.get_by_label("Role in this phase")
    expect(role).to_be_focused()
    axe_check(page)
    role.select_option("consulted")
    cell.get_by_label("Contribution in this phase").fill("Brandskydd och framkomlighet.")
    cell.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status").first).to_contain_text("Räddningstjänsten")
    cell = page.locator(f"#cell-{rescue.pk}-design")
    expect(cell).to_contain_text("Consulted")
    expect(cell).to_contain_text("Brandskydd och framkomlighet.")
    expect(cell.get_by_role("link", name="Change")).to_be_focused()
    role_row = UnitPhaseRole.objects.get(project_unit__unit=rescue)
    assert (role_row.phase, role_row.role) == ("design", "consulted")
    axe_check(page)

    # The same cell on a page of its own, as without JavaScript.
    page.goto(f"/en/projekt/nya-kiruna/forvaltningar/{rescue.pk}/design/")
    expect(page.get_by_label("Role in this phase")).to_have_value("consulted")
    axe_check(page)
