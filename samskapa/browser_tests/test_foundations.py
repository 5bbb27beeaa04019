"""The foundations in a real browser: the first visit, accessibility of every page, keyboard use."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import (
    CSP_VIOLATION_PREFIX,
    AxeCheck,
    LogIn,
    PageProblems,
)

pytestmark = pytest.mark.browser

LEADER_GAVLE = "projektledare.gavle@samskapa.example"


def _confirmation_link(email: str) -> str:
    """The link in the confirmation e-mail that allauth sent to ``email``.

    The live server runs in a thread of this process, so its locmem outbox is this one.
    """
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"no e-mail to {email}; outbox: {[m.to for m in mail.outbox]}"
    # The link is under SITE_URL, the site's public address; the path is opened on the test server.
    match = re.search(r"https?://[^/\s]+(/\S*/konto/confirm-email/\S+/)", messages[-1].body)
    assert match, f"no confirmation link in:\n{messages[-1].body}"
    return match.group(1)


def test_new_person_registers_an_organisation_and_starts_a_project(
    page: Page, axe_check: AxeCheck
) -> None:
    email = "ny.person@example.se"
    password = "Stadsdel-i-Gävle-2031"

    # Sign up from the start page.
    page.goto("/sv/")
    page.get_by_role("banner").get_by_role("link", name="Skapa konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa konto")
    page.get_by_role("textbox", name="E-postadress", exact=True).fill(email)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill(password)
    page.get_by_role("textbox", name="Lösenord (igen)", exact=True).fill(password)
    page.get_by_role("textbox", name="Visningsnamn", exact=True).fill("Ny i Gävle")
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din e-postadress")

    # Confirm the address through the link in the e-mail.
    page.goto(_confirmation_link(email))
    axe_check(page)
    page.get_by_role("button", name="Bekräfta").click()

    # Confirming in the browser that signed up logs the person in.
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()

    # Register an organisation; a mistyped organisation number is caught and nothing is lost.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organisationer"
    ).click()
    page.get_by_role("link", name="Registrera en organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera en organisation")
    page.get_by_role("textbox", name="Namn", exact=True).fill("Testbolaget Norr AB")
    page.get_by_role("combobox", name="Typ", exact=True).select_option(label="Företag")
    page.get_by_role("combobox", name="Helixsektor", exact=True).select_option(label="Näringsliv")
    org_number = page.get_by_role("textbox", name="Organisationsnummer", exact=True)
    org_number.fill("556677-8890")
    page.get_by_role("button", name="Registrera").click()

    expect(page.get_by_role("alert")).to_contain_text("Organisationsnummer")
    expect(org_number).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("textbox", name="Namn", exact=True)).to_have_value(
        "Testbolaget Norr AB"
    )
    axe_check(page)

    org_number.fill("556677-8899")
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testbolaget Norr AB")

    # Start a project for it.
    page.get_by_role("link", name="Starta ett projekt").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starta ett projekt")
    # Started from the organisation's page, so the organisation is already chosen.
    organisation = page.get_by_role("combobox", name="Ansvarig organisation", exact=True)
    expect(organisation.locator("option:checked")).to_have_text("Testbolaget Norr AB")
    page.get_by_role("textbox", name="Namn", exact=True).fill("Sensorer på Näringen")
    page.get_by_role("combobox", name="Kommun", exact=True).select_option(label="Gävle")
    page.get_by_role("textbox", name="Startdatum", exact=True).fill("2026-01-15")
    page.get_by_role("textbox", name="Slutdatum", exact=True).fill("2027-06-30")
    page.get_by_role("button", name="Skapa projektet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sensorer på Näringen")
    expect(page).to_have_url(re.compile(r"/sv/projekt/sensorer-pa-naringen/$"))
    expect(page.get_by_role("main")).to_contain_text("Gävle")
    expect(page.get_by_role("main")).to_contain_text("Testbolaget Norr AB")


# Every page that exists: (path, who is logged in, a text the page must show, so that the scan
# sees the page with content). Add new pages here as they are built.
PAGES = [
    pytest.param("/sv/", None, "Senaste projekten", id="start"),
    pytest.param("/sv/projekt/", None, "Näringen", id="project-list"),
    pytest.param("/sv/projekt/naringen/", None, "Gävle kommun", id="project-detail"),
    pytest.param("/sv/organisationer/", None, "Gävle kommun", id="organisation-list"),
    pytest.param("/sv/organisationer/gavle-kommun/", None, "Näringen", id="organisation-detail"),
    pytest.param("/sv/sok/?q=innovationsstrategi", None, "Näringen", id="search"),
    pytest.param("/sv/konto/login/", None, "", id="login"),
    pytest.param("/sv/konto/signup/", None, "", id="signup"),
    pytest.param("/sv/konto/password/reset/", None, "", id="password-reset"),
    pytest.param("/sv/mitt-arbete/", LEADER_GAVLE, "Näringen", id="my-work"),
    pytest.param("/sv/notiser/", LEADER_GAVLE, "", id="notifications"),
    pytest.param("/sv/ideer/moderering/", LEADER_GAVLE, "Vattenlek för barn", id="idea-moderation"),
    pytest.param("/sv/projekt/naringen/", LEADER_GAVLE, "", id="project-detail-as-leader"),
    pytest.param("/sv/projekt/naringen/andra/", LEADER_GAVLE, "", id="project-edit"),
    pytest.param("/sv/projekt/nytt/", LEADER_GAVLE, "", id="project-create"),
    pytest.param(
        "/sv/organisationer/gavle-kommun/", LEADER_GAVLE, "", id="organisation-detail-as-member"
    ),
    pytest.param("/sv/organisationer/ny/", LEADER_GAVLE, "", id="organisation-create"),
    pytest.param("/en/", None, "Latest projects", id="start-en"),
]


@pytest.mark.parametrize(("path", "user", "shows"), PAGES)
def test_page_is_accessible(
    page: Page,
    demo_data: None,
    login: LogIn,
    axe_check: AxeCheck,
    path: str,
    user: str | None,
    shows: str,
) -> None:
    if user:
        login(page, user)
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text(shows)
    axe_check(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page: Page) -> None:
    page.goto("/sv/projekt/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip_link, f"the first Tab went to {_focused(page)}").to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), (
        f"the Tab after the skip link went outside main, to {_focused(page)}"
    )


def _focused(page: Page) -> str:
    return page.evaluate("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'")


def test_stylesheets_load(page: Page) -> None:
    page.goto("/sv/")
    rule_counts = dict(
        page.evaluate(
            """() => [...document.styleSheets]
                .filter(sheet => sheet.href)
                .map(sheet => [new URL(sheet.href).pathname, sheet.cssRules.length])"""
        )
    )
    for path in ("/static/vendor/designsystemet/designsystemet.css", "/static/css/samskapa.css"):
        assert rule_counts.get(path, 0) > 0, f"{path} did not load: {rule_counts}"
    # Designsystemet hides the skip link until it has focus.
    expect(page.get_by_role("link", name="Hoppa till huvudinnehållet")).not_to_be_in_viewport()


def test_axe_check_reports_violations(page: Page, axe_check: AxeCheck) -> None:
    """The harness itself: a page with an unlabelled field must not pass."""
    page.goto("/sv/")
    page.locator("main").evaluate(
        """main => main.insertAdjacentHTML("beforeend", '<input type="text" id="unlabelled">')"""
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page)
    message = str(failure.value)
    assert "label (critical)" in message
    assert "#unlabelled" in message

    axe_check(page, exclude=["#unlabelled"])


@pytest.mark.parametrize(
    ("injection", "directive"),
    [
        pytest.param(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.ranInjectedCode = true";
                document.body.append(script);
            }""",
            "script-src-elem",
            id="inline-script",
        ),
        pytest.param(
            """() => {
                document.querySelector("main").insertAdjacentHTML(
                    "beforeend", '<button id="evil" onclick="window.ranInjectedCode = true">x</button>'
                );
                document.getElementById("evil").click();
            }""",
            "script-src-attr",
            id="inline-event-handler",
        ),
        pytest.param(
            """() => {
                document.querySelector("main").insertAdjacentHTML(
                    "beforeend", '<p style="color: red">injected</p>'
                );
            }""",
            "style-src-attr",
            id="style-attribute",
        ),
    ],
)
def test_csp_refuses_injected_inline_code_and_the_harness_reports_it(
    page: Page, page_problems: PageProblems, injection: str, directive: str
) -> None:
    """The harness itself: what the policy refuses must fail the test, or the check is idle."""
    page.goto("/sv/")

    with page.expect_console_message(lambda message: CSP_VIOLATION_PREFIX in message.text):
        page.evaluate(injection)

    assert page.evaluate("window.ranInjectedCode") is None
    assert len(page_problems.errors) == 1, page_problems.errors
    assert page_problems.errors[0].startswith(f"{CSP_VIOLATION_PREFIX} {directive} refused")
    page_problems.errors.clear()  # reported as it should be: let the page fixture pass
