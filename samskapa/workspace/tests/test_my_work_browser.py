""" "My work" in a real browser, for a project leader and an assessor, in both languages."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment
from samskapa.browser_tests.harness import AxeCheck, LogIn
from samskapa.ideas.models import Idea
from samskapa.workspace.selectors import work_inbox

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"
ASSESSOR = "bedomare@samskapa.example"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_leader_sees_the_task_inbox(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck, language: str
) -> None:
    leader = User.objects.get(email=LEADER_GAVLE)
    sections = work_inbox(user=leader, today=timezone.localdate()).sections
    assert len(sections) >= 3
    login(page, LEADER_GAVLE)
    page.goto(f"/{language}/mitt-arbete/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    headings = page.get_by_role("heading", level=2)
    # One heading with its count per section that applies to the leader, none for the others.
    expect(headings.filter(has_text=re.compile(r"\(\d+\+?\)"))).to_have_count(len(sections))
    expect(page.locator("#inbox-moderation-heading + p + ul a").first).to_be_visible()
    axe_check(page)


def test_assessor_follows_a_task_to_the_idea(
    page: Page, demo_data: None, login: LogIn, axe_check: AxeCheck
) -> None:
    assessor = User.objects.get(email=ASSESSOR)
    idea = Idea.objects.filter(challenge__isnull=False).exclude(assignments__assessor=assessor)[0]
    Assignment.objects.create(idea=idea, assessor=assessor)
    login(page, ASSESSOR)
    page.goto("/en/mitt-arbete/")

    expect(page.locator("#inbox-moderation-heading")).to_have_count(0)
    expect(page.locator("#inbox-gates-heading")).to_have_count(0)
    expect(page.locator("#inbox-assessment-heading")).to_have_text(
        re.compile(r"Ideas to assess \(\d+\)")
    )
    axe_check(page)
    page.locator("#inbox-assessment-heading + ul").get_by_role("link", name=idea.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(idea.title)
