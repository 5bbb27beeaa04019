"""The application started as in production with Redis or PostgreSQL unreachable.

Each test serves the application with gunicorn in a subprocess (see ``outage.running_app``)
whose ``REDIS_URL`` or ``DATABASE_URL`` points at a port where nothing listens, or at a socket
that never answers, and talks to it over HTTP as a browser and an API client would.
"""

import re
import statistics

import pytest
from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import PASSWORD, UserFactory
from samskapa.core.models import Notification
from samskapa.core.tests.outage import REFUSED, Answer, Browser, running_app, silent_server
from samskapa.ideas import services as idea_services
from samskapa.ideas.models import Comment, Idea
from samskapa.ideas.tests.factories import IdeaFactory
from samskapa.projects.models import Project

PUBLIC_PAGES = [
    "/sv/",
    "/en/",
    "/sv/behov/",
    "/sv/ideer/",
    "/sv/projekt/",
    "/sv/sok/?q=str%C3%A5k",
    "/sv/portfolj/",  # its counts are cached
]


def person(email: str) -> User:
    """Someone with a confirmed e-mail address, who can log in through the login form."""
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(browser: Browser, email: str) -> Answer:
    return browser.post_form(
        "/sv/konto/login/", "/sv/konto/login/", {"login": email, "password": PASSWORD}
    )


def health_timings(browser: Browser, calls: int = 10) -> tuple[list[Answer], float]:
    answers = [browser.get("/health/") for _ in range(calls)]
    return answers, statistics.median(answer.seconds for answer in answers)


@pytest.mark.django_db(transaction=True)
def test_everything_works_with_redis_unreachable(naringen: Project) -> None:
    author = person("idea.author@example.se")
    commenter = person("commenter@example.se")
    idea = IdeaFactory(author=author, title="Belysning längs ån")
    idea_services.idea_follow(actor=author, idea=idea)
    token = Token.objects.create(user=commenter)

    with running_app(REDIS_URL=f"redis://{REFUSED}/0") as browser:
        health = browser.get("/health/")  # also waits for the worker to load the application
        for path in [*PUBLIC_PAGES, idea.get_absolute_url()]:
            assert browser.get(path).status == 200, path

        # Log in through the form: allauth's rate limits and the session store use the cache.
        login = log_in(browser, commenter.email)
        assert login.status == 302, login.body[:500]
        assert "/konto/login/" not in login.headers["Location"]
        dashboard = browser.get("/sv/mitt-arbete/")
        assert dashboard.status == 200
        assert commenter.full_name in dashboard.body

        # The comment form: its notification to the follower cannot be queued, and that is all.
        comment = browser.post_form(
            f"/sv/ideer/{idea.pk}/kommentarer/", idea.get_absolute_url(), {"text": "Bra idé!"}
        )
        assert comment.status == 302, comment.body[:500]

        # The API, anonymous and with a token (DRF's throttles keep their counters in Redis).
        api = Browser(browser.base_url)
        assert api.get("/api/v1/municipalities/").status == 200
        with_token = {"Authorization": f"Token {token.key}"}
        support = api.request(f"/api/v1/ideas/{idea.pk}/support/", body=b"", headers=with_token)
        assert support.status == 200, support.body
        assert support.json() == {"supported": True, "support_count": 1}

        answers, median = health_timings(browser)

    assert health.status == 200 and health.json()["status"] == "degraded"
    assert all(answer.status == 200 for answer in answers)
    assert median < 0.1, f"/health/ took {median * 1000:.0f} ms (median)"
    assert Comment.objects.filter(idea=idea, author=commenter, text="Bra idé!").exists()
    (notification,) = Notification.objects.filter(recipient=author)
    assert notification.emailed_at is None  # not sent, and not marked as sent
    assert Idea.objects.get(pk=idea.pk).support_count == 1


@pytest.mark.django_db(transaction=True)
def test_pages_stay_fast_when_redis_hangs(naringen: Project) -> None:
    resident = person("resident@example.se")

    with silent_server() as location, running_app(REDIS_URL=f"redis://{location}/0") as browser:
        browser.get("/health/")  # the worker loads the application
        login = log_in(browser, resident.email)
        answers = [browser.get(path) for path in [*PUBLIC_PAGES, "/sv/mitt-arbete/"] * 3]
        _, health_median = health_timings(browser)

    assert login.status == 302

    assert all(answer.status == 200 for answer in answers)
    # The first call waits out one socket timeout; the cache then stops asking for a while.
    total = sum(answer.seconds for answer in answers)
    assert total < 0.5 * len(answers), [round(answer.seconds, 3) for answer in answers]
    assert health_median < 0.5


def test_without_the_database_pages_and_api_answer_503_try_again() -> None:
    with running_app(DATABASE_URL=f"postgres://postgres@{REFUSED}/samskapa") as browser:
        health = browser.get("/health/")
        swedish = browser.get("/sv/behov/")
        english = browser.get("/en/")
        api = browser.get("/api/v1/municipalities/", headers={"Accept-Language": "en"})
        logged_in = browser.get("/sv/mitt-arbete/", headers={"Cookie": "sessionid=" + "a" * 32})
        answers, median = health_timings(browser)

    assert swedish.status == 503
    assert swedish.headers["Retry-After"] == "30"
    assert "Samskapa når inte sin databas just nu" in swedish.body
    assert english.status == 503
    assert "Samskapa cannot reach its database right now" in english.body
    assert api.status == 503
    assert api.headers["Retry-After"] == "30"
    assert api.headers["Content-Type"] == "application/json"
    assert "try again" in api.json()["detail"]  # type: ignore[index]
    assert logged_in.status == 503

    assert health.status == 503
    body = health.json()
    assert body["status"] == "error"  # type: ignore[index]
    assert body["checks"]["database"] == {"status": "error"}  # type: ignore[index]
    assert body["checks"]["redis"] == {"status": "ok"}  # type: ignore[index]
    # Statuses only: no error text, host or port for the public.
    assert all(list(check) == ["status"] for check in body["checks"].values())  # type: ignore[index]
    assert all(answer.status == 503 for answer in answers)
    assert median < 0.1, f"/health/ took {median * 1000:.0f} ms (median)"
    assert not re.search(r"127\.0\.0\.1|port|refused", health.body)
