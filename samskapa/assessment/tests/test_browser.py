"""In the browser: an idea is submitted to a challenge, assessed by two assessors who score
independently, and taken through a gate; axe on every assessment page in Swedish and English.

The assertions on texts use the English pages, whose texts are the msgids in the code; the
Swedish pages are checked with axe.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from samskapa.assessment.models import Criterion, CriterionSet
from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.ideas.models import Challenge, Idea
from samskapa.portfolio.models import Initiative

pytestmark = pytest.mark.browser

LEADER = "projektledare.gavle@samskapa.example"
RESIDENT = "invanare@samskapa.example"
ASSESSORS = ("bedomare@samskapa.example", "processledare@samskapa.example")
CHALLENGE = "Mötesplatser för grannar i en ny stadsdel"
IDEA = "Lekplats som grannarna bygger tillsammans"

# Scores on the programme's five criteria (weights 3, 2, 2, 1.5 and 1; 9.5 in all).
FIRST_SCORES = [5, 5, 4, 4, 4]  # 43 / 9.5 = 4.53
SECOND_SCORES = [2, 3, 4, 3, 2]  # 26.5 / 9.5 = 2.79
FIRST_COMMENT = "Starkt lokalt engagemang bland grannarna."


def _log_in_as(page: Page, login: LogIn, email: str) -> None:
    page.context.clear_cookies()
    login(page, email)


def _both_languages(page: Page, axe_check: AxeCheck, path: str) -> None:
    """axe on the page at ``path`` (an /en/ path) and on its Swedish twin."""
    for language in ("sv", "en"):
        page.goto(re.sub(r"^/en/", f"/{language}/", path))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_check(page)


def _score(page: Page, criteria: list[Criterion], values: list[int], comment: str) -> None:
    for criterion, value in zip(criteria, values, strict=True):
        page.locator(f"#id_criterion_{criterion.pk}").fill(str(value))
    page.locator(f"#id_comment_{criteria[0].pk}").fill(comment)
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Confirm and submit").click()
    expect(page.get_by_text("Your assessment has been submitted.")).to_be_visible()


def test_idea_assessed_by_two_assessors_and_taken_through_a_gate(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    challenge = Challenge.objects.get(title=CHALLENGE)

    # A registered resident answers the challenge.
    _log_in_as(page, login, RESIDENT)
    page.goto(challenge.get_absolute_url())
    page.get_by_role("link", name="Skicka in en idé").click()
    page.get_by_label("Rubrik").fill(IDEA)
    page.get_by_label("Sammanfattning").fill("En lekplats som grannarna ritar och bygger.")
    page.get_by_label("Beskrivning").fill("Barn och vuxna bygger lekplatsen på en helg.")
    page.get_by_role("button", name="Publicera idén").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    idea = Idea.objects.get(title=IDEA)

    # The leader sees that the programme's shared criteria apply. They have been scored on
    # already, so the challenge keeps them: criteria of its own are not offered.
    _log_in_as(page, login, LEADER)
    manage = f"/en/bedomning/utmaningar/{challenge.pk}/"
    page.goto(manage)
    expect(page.get_by_text("assessed on the shared criteria of the programme")).to_be_visible()
    shared = page.get_by_role("table", name="Criteria of the programme that apply")
    expect(shared).to_contain_text("Spridningspotential")
    axe_check(page)
    expect(page.get_by_text("so the challenge keeps them")).to_be_visible()
    expect(page.get_by_role("button", name="Give the challenge criteria of its own")).to_have_count(
        0
    )

    # ... and invites two assessors to the new idea only, in one go.
    ideas = page.get_by_role("group", name="Ideas to assess")
    for checkbox in ideas.get_by_role("checkbox").all():
        checkbox.set_checked(checkbox.get_attribute("value") == str(idea.pk))
    page.get_by_label("E-mail addresses of the assessors").fill(", ".join(ASSESSORS))
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(
        page.get_by_text("Assessments assigned: 2. Invitations sent by e-mail: 0.")
    ).to_be_visible()
    _both_languages(page, axe_check, manage)
    criteria = list(
        CriterionSet.objects.get(programme=challenge.programme).criteria.order_by("position")
    )

    # Each assessor scores on their own; neither sees the other's scores before submitting.
    _log_in_as(page, login, ASSESSORS[0])
    page.goto("/en/bedomning/")
    page.get_by_role("link", name=IDEA).click()
    scoring = page.url.replace(page.url.split("/en/")[0], "")
    expect(page.get_by_text("once you have submitted your own")).to_be_visible()
    _both_languages(page, axe_check, scoring)
    page.goto(scoring)
    _score(page, criteria, FIRST_SCORES, FIRST_COMMENT)

    _log_in_as(page, login, ASSESSORS[1])
    page.goto("/en/bedomning/")
    page.get_by_role("link", name=IDEA).click()
    expect(page.get_by_text("once you have submitted your own")).to_be_visible()
    expect(page.get_by_text(FIRST_COMMENT)).to_have_count(0)
    _score(page, criteria, SECOND_SCORES, "Svårt att hitta mark.")
    others = page.get_by_role("table", name="The other assessors' scores per criterion")
    expect(others.get_by_role("columnheader", name=re.compile("Bertil Bedömare"))).to_be_visible()
    expect(others.get_by_role("row", name=re.compile("Värde för invånarna"))).to_contain_text("5")
    expect(page.get_by_text(FIRST_COMMENT)).to_be_visible()

    # The leader sees the weighted mean, the spread between the assessors and the flag.
    _log_in_as(page, login, LEADER)
    results = f"/en/bedomning/utmaningar/{challenge.pk}/resultat/"
    page.goto(results)
    row = page.get_by_role("table", name="Ideas ranked by weighted mean").get_by_role(
        "row", name=re.compile(IDEA)
    )
    expect(row).to_contain_text("3.66")  # (43 + 26.5) / 19
    expect(row).to_contain_text("2.79 to 4.53")
    expect(row).to_contain_text("2 submitted, 0 pending, 0 excluded")
    expect(row).to_contain_text("Disagreement")
    spread = page.get_by_role("table", name=f"Spread per criterion for {IDEA}")
    expect(spread.get_by_role("row", name=re.compile("Värde för invånarna"))).to_contain_text(
        "Disagreement"
    )
    _both_languages(page, axe_check, results)

    # The leader takes the idea forward and decides "go" at the first gate.
    page.goto(results)
    page.get_by_role("link", name=f"Take “{IDEA}” forward as an initiative").click()
    page.get_by_role("button", name="Create initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    initiative = Initiative.objects.get(idea=idea)
    page.goto(f"/en/portfolj/initiativ/{initiative.pk}/grindbeslut/")
    page.get_by_label(re.compile("^Go: on to pre-study")).check()
    page.get_by_label("Rationale").fill("Högst bedömd idé; prövas i en förstudie med föreningen.")
    page.get_by_role("button", name="Log gate decision").click()
    expect(page.get_by_role("heading", name="Stage: Pre-study")).to_be_visible()
    expect(page.locator("#gate-log")).to_contain_text(
        "Högst bedömd idé; prövas i en förstudie med föreningen."
    )
    initiative.refresh_from_db()
    assert initiative.stage == "prestudy"
