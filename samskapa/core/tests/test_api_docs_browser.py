"""The API documentation pages (Swagger UI, Redoc) work under the Content-Security-Policy."""

import pytest
from playwright.sync_api import Page, expect

from samskapa.browser_tests.harness import CSP_VIOLATION_PREFIX, PageProblems

pytestmark = pytest.mark.browser

# Redoc renders the whole description before it shows anything: seconds on a small machine.
REDOC_TIMEOUT_MS = 60_000


def test_swagger_ui_lists_the_operations(page: Page) -> None:
    # Swagger UI draws only the operations in view; the deep link scrolls to the one asked for.
    response = page.goto("/api/docs/#/v1/v1_projects_list")

    assert response is not None and response.ok
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy
    assert "unsafe-inline" not in policy
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Samskapa API")
    expect(page.locator("#operations-v1-v1_projects_list")).to_contain_text("/api/v1/projects/")


def test_redoc_lists_the_operations(page: Page, page_problems: PageProblems) -> None:
    def refused_logo(message: object) -> bool:
        text = getattr(message, "text", "")
        return text.startswith(CSP_VIOLATION_PREFIX) and "cdn.redoc.ly" in text

    with page.expect_console_message(refused_logo, timeout=REDOC_TIMEOUT_MS):
        response = page.goto("/api/redoc/")
        assert response is not None and response.ok
        expect(page.get_by_role("heading", name="Samskapa API", level=1)).to_be_visible(
            timeout=REDOC_TIMEOUT_MS
        )
    expect(page.get_by_text("/api/v1/projects/").first).to_be_attached()

    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    # Redocly's logo comes from its CDN: refused on purpose, no visitor's address goes there.
    # Anything else the policy refused still fails the test.
    page_problems.errors[:] = [
        error for error in page_problems.errors if "cdn.redoc.ly" not in error
    ]
