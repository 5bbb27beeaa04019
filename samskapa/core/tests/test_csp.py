"""The Content-Security-Policy: on every response, and no template relies on what it refuses.

The browser tests fail on every violation the browser reports on the pages they visit; this
reads every template, so that a page no browser test visits cannot bring inline code back.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from samskapa.organisations.models import Organisation

PACKAGE = Path(settings.PACKAGE_DIR)
TEMPLATES = sorted(path for path in PACKAGE.rglob("*.html") if "templates" in path.parts)
NONCE_ATTRIBUTE = 'nonce="{{ request.csp_nonce }}"'

# An inline script: <script> without src, unless it is a data island (type="application/json").
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
# htmx runs these as code (new Function), which the policy refuses: hx-on, js: values, event
# filters in brackets; and javascript: links anywhere.
HTMX_INLINE_CODE = re.compile(
    r"\shx-on[:-]|\shx-(vals|vars)\s*=\s*['\"]\s*js:|\shx-trigger\s*=\s*['\"][^'\"]*\[|javascript:",
    re.IGNORECASE,
)


def _without_comments(text: str) -> str:
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.DOTALL)
    return re.sub(r"{#.*?#}", "", text, flags=re.DOTALL)


def _problems(path: Path) -> list[str]:
    text = _without_comments(path.read_text(encoding="utf-8"))
    problems = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        if (
            "src=" not in attributes
            and "application/json" not in attributes
            and NONCE_ATTRIBUTE not in attributes
        ):
            problems.append(f"inline script: {match.group(0)}")
    for match in STYLE_TAG.finditer(text):
        if NONCE_ATTRIBUTE not in match.group(1):
            problems.append(f"inline <style>: {match.group(0)}")
    problems += [f"event handler attribute: {m.group(0)}" for m in EVENT_HANDLER.finditer(text)]
    problems += [f"style attribute: {m.group(0)}" for m in STYLE_ATTRIBUTE.finditer(text)]
    problems += [f"inline code for htmx: {m.group(0)}" for m in HTMX_INLINE_CODE.finditer(text)]
    return problems


def test_the_check_finds_what_the_policy_refuses(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<script>alert(1)</script><button onclick='x()'>x</button><p style='color: red'></p>"
        "<style>p {}</style><a href='javascript:x()'>x</a><div hx-on:click='x()'></div>"
        "<input hx-trigger=\"keyup[key=='Enter']\">"
        '<input hx-trigger="keyup changed delay:500ms from:#id_title">'
        "{% comment %}<script>ignored()</script>{% endcomment %}"
        '<script src="/static/ok.js"></script><script type="application/json">{}</script>'
    )

    assert len(_problems(page)) == 7


def test_no_template_has_inline_scripts_handlers_or_styles() -> None:
    assert len(TEMPLATES) > 50
    found = {
        str(path.relative_to(PACKAGE)): problems
        for path in TEMPLATES
        if (problems := _problems(path))
    }

    assert found == {}


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().partition(" ")[::2] for part in policy.split(";"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sv/", "/en/projekt/", "/sv/konto/login/", "/sv/behov/"])
def test_pages_get_the_strict_policy(client: Client, reference_data: None, path: str) -> None:
    response = client.get(path)

    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "worker-src" not in policy


@pytest.mark.django_db
def test_error_pages_and_downloads_get_it_too(client: Client, reference_data: None) -> None:
    assert "script-src 'self'" in client.get("/sv/finns-inte/")["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/sv/behov/behov.csv")["Content-Security-Policy"]


@pytest.mark.django_db
def test_swagger_ui_gets_a_fresh_nonce_for_its_own_inline_script(client: Client) -> None:
    first, second = client.get("/api/docs/"), client.get("/api/docs/")

    policy = _directives(first["Content-Security-Policy"])
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"])
    assert nonce is not None
    assert f'<script nonce="{nonce.group(1)}">' in first.content.decode()
    assert "unsafe-inline" not in first["Content-Security-Policy"]
    assert nonce.group(1) not in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_only_redoc_may_use_inline_styles_and_blob_workers(client: Client) -> None:
    policy = _directives(client.get("/api/redoc/")["Content-Security-Policy"])

    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["worker-src"] == "'self' blob:"
    assert "unsafe-inline" not in policy["script-src"]
    assert "fonts.googleapis.com" not in client.get("/api/redoc/").content.decode()


@pytest.mark.django_db
def test_the_api_answers_with_the_policy_as_well(client: Client, gavle: Organisation) -> None:
    response = client.get("/api/v1/organisations/")

    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
