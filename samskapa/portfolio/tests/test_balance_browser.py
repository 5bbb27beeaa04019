"""The portfolio pages in a real browser: the charts are drawn, each has its table, axe passes."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from samskapa.browser_tests.harness import AxeCheck
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative, Level, Stage
from samskapa.programmes.models import Programme
from samskapa.sdg.models import Target

pytestmark = pytest.mark.browser

SLUG = "innovationsprogram-2026-2028"
CHARTS = ["chart-funnel", "chart-stages", "chart-dimensions", "chart-helix", "chart-sdg"]


def _make_sure_the_programme_has_initiatives() -> None:
    """The demo loads the portfolio; should it hold none, a few are added here."""
    programme = Programme.objects.get(slug=SLUG)
    if Initiative.objects.filter(programme=programme).exists():
        return
    lead = programme.organisation
    partner = Organisation.objects.filter(helix_sector=HelixSector.BUSINESS).first()
    for stage, risk in [(Stage.PILOT, Level.LOW), (Stage.PRESTUDY, Level.HIGH)]:
        initiative = Initiative.objects.create(
            title=f"Testinitiativ i {stage.label}",
            summary="Skapat av testet.",
            programme=programme,
            municipality=lead.municipality,
            lead_organisation=lead,
            stage=stage,
            furthest_stage=stage,
            risk=risk,
        )
        initiative.dimensions.set(SustainabilityDimension.objects.filter(code="social"))
        initiative.sdg_targets.set(Target.objects.filter(code="11.3"))
        if partner:
            initiative.partners.add(partner)


def _chart_sizes(page: Page) -> dict[str, list[int] | None]:
    return page.evaluate(
        """ids => Object.fromEntries(ids.map(id => {
            const chart = window.Chart && Chart.getChart(id);
            return [id, chart ? [chart.canvas.width, chart.canvas.height,
                                 chart.data.datasets[0].data.length] : null];
        }))""",
        CHARTS,
    )


def test_programme_portfolio_draws_charts_with_tables(
    page: Page, demo_data: None, axe_check: AxeCheck
) -> None:
    _make_sure_the_programme_has_initiatives()
    page.goto(f"/sv/portfolj/program/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Portfölj: "))

    sizes = _chart_sizes(page)
    for chart_id, size in sizes.items():
        assert size is not None, f"{chart_id} was not drawn"
        width, height, _bars = size
        assert width > 100 and height > 50, f"{chart_id} is {width}x{height}"
    assert sizes["chart-sdg"][2] == 17  # type: ignore[index]
    assert sizes["chart-stages"][2] == 8  # type: ignore[index]
    expect(page.get_by_role("img", name=re.compile("^Initiativ per fas: Idé"))).to_be_visible()

    # Every chart has its figures as a table, folded under "Visa som tabell" once drawn.
    figures = page.locator("figure.portfolio-chart")
    expect(figures).to_have_count(len(CHARTS))
    for index in range(len(CHARTS)):
        figure = figures.nth(index)
        table = figure.get_by_role("table")
        expect(table).to_be_hidden()
        figure.get_by_text("Visa som tabell").click()
        expect(table).to_be_visible()
        expect(table.locator("caption")).not_to_be_empty()
        expect(table.locator("th[scope=row]").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("risk"))).to_be_visible()
    axe_check(page)

    page.goto(f"/en/portfolj/program/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Portfolio: "))
    expect(page.get_by_role("img", name=re.compile("^Initiatives by stage: Idea"))).to_be_visible()
    assert all(size is not None for size in _chart_sizes(page).values())
    axe_check(page)


def test_charts_stay_tables_without_javascript(
    browser: Browser, live_server: Any, site_data: None
) -> None:
    """Without scripts the tables are open and no empty canvas is shown."""
    # A context of its own: the page fixture's context runs scripts.
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/sv/portfolj/")
        expect(page.get_by_role("table", name=re.compile("Från behov"))).to_be_visible()
        expect(page.locator("#chart-funnel")).to_be_hidden()
    finally:
        context.close()


def test_overview_and_municipality_pages(page: Page, demo_data: None, axe_check: AxeCheck) -> None:
    _make_sure_the_programme_has_initiatives()
    page.goto("/sv/portfolj/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Portföljer")
    assert _chart_sizes(page)["chart-funnel"] is not None
    axe_check(page)
    page.get_by_role("link", name="Gävle").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portfölj: Gävle")
    assert all(size is not None for size in _chart_sizes(page).values())
    axe_check(page)
    page.goto("/sv/portfolj/")
    page.get_by_role("link", name=re.compile("^Innovationsprogram .*2026–2028$")).first.click()
    expect(page).to_have_url(re.compile(f"/sv/portfolj/program/{SLUG}/$"))


def test_no_animation_for_reduced_motion(page: Page, demo_data: None) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto("/sv/portfolj/")
    assert page.evaluate("Chart.getChart('chart-funnel').options.animation") is False
