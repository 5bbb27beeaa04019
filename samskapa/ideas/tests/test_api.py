"""The ideas API: pagination, filters, 4xx JSON, 401/403, and hidden ideas never leaking."""

import datetime

import pytest
from rest_framework.test import APIClient

from samskapa.accounts.models import User
from samskapa.accounts.tests.factories import UserFactory
from samskapa.ideas.models import Challenge, Idea
from samskapa.ideas.tests.factories import ChallengeFactory, IdeaFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def test_list_is_paginated_and_filtered(api_client: APIClient, challenge: Challenge) -> None:
    IdeaFactory.create_batch(30)
    IdeaFactory(challenge=challenge, project=challenge.project, support_count=3)
    response = api_client.get("/api/v1/ideas/")
    assert response.status_code == 200
    assert response.json()["count"] == 31
    assert len(response.json()["results"]) == 25
    response = api_client.get(f"/api/v1/ideas/?challenge={challenge.pk}&ordering=-support_count")
    assert [row["support_count"] for row in response.json()["results"]] == [3]


@pytest.mark.parametrize("query", ["?challenge=abc", "?ordering=title", "?page=999"])
def test_bad_query_answers_4xx_json(api_client: APIClient, query: str) -> None:
    response = api_client.get(f"/api/v1/ideas/{query}")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_hidden_idea_never_leaks(api_client: APIClient, idea: Idea) -> None:
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    assert api_client.get("/api/v1/ideas/").json()["count"] == 0
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/comments/").status_code == 404


def test_create_needs_login(api_client: APIClient) -> None:
    response = api_client.post("/api/v1/ideas/", {"title": "x"}, format="json")
    assert response.status_code == 401


def test_create_and_bad_input(api_client: APIClient, resident: User, challenge: Challenge) -> None:
    api_client.force_authenticate(resident)
    response = api_client.post(
        "/api/v1/ideas/",
        {
            "title": "Solceller",
            "summary": "På taken",
            "description": "Text",
            "challenge": challenge.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["project"] == challenge.project.slug
    response = api_client.post(
        "/api/v1/ideas/",
        {"title": "Utan kommun", "summary": "x", "description": "y", "co_authors": ["nej@x.se"]},
        format="json",
    )
    assert response.status_code == 400
    assert "co_authors" in response.json()


def test_closed_challenge_answers_400(
    api_client: APIClient, resident: User, naringen: Project
) -> None:
    closed = ChallengeFactory(project=naringen, opens_on=None, deadline=datetime.date(2020, 1, 1))
    api_client.force_authenticate(resident)
    response = api_client.post(
        "/api/v1/ideas/",
        {"title": "Sen", "summary": "x", "description": "y", "challenge": closed.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "challenge" in response.json()


def test_update_only_by_authors(
    api_client: APIClient, idea: Idea, author: User, resident: User
) -> None:
    api_client.force_authenticate(resident)
    assert (
        api_client.patch(f"/api/v1/ideas/{idea.pk}/", {"title": "Kapad"}, format="json").status_code
        == 403
    )
    api_client.force_authenticate(author)
    response = api_client.patch(f"/api/v1/ideas/{idea.pk}/", {"title": "Bättre"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Bättre"


def test_support_follow_and_comments(api_client: APIClient, idea: Idea, resident: User) -> None:
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/support/").status_code == 401
    api_client.force_authenticate(resident)
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/support/").json() == {
        "supported": True,
        "support_count": 1,
    }
    assert api_client.delete(f"/api/v1/ideas/{idea.pk}/support/").json()["support_count"] == 0
    assert api_client.post(f"/api/v1/ideas/{idea.pk}/follow/").json() == {"following": True}
    top = api_client.post(f"/api/v1/ideas/{idea.pk}/comments/", {"text": "Bra"}, format="json")
    assert top.status_code == 201
    reply = api_client.post(
        f"/api/v1/ideas/{idea.pk}/comments/",
        {"text": "Ja", "parent": top.json()["id"]},
        format="json",
    )
    assert reply.json()["parent"] == top.json()["id"]
    assert api_client.get(f"/api/v1/ideas/{idea.pk}/comments/").json()["count"] == 2
    assert (
        api_client.post(f"/api/v1/ideas/{idea.pk}/comments/", {}, format="json").status_code == 400
    )


def test_challenges_create_by_leader_only(
    api_client: APIClient, gavle_leader: User, naringen: Project
) -> None:
    data = {
        "project": naringen.slug,
        "title": "Mötesplatser",
        "description": "Var?",
        "opens_on": "2030-02-01",
        "deadline": "2030-01-01",
    }
    api_client.force_authenticate(UserFactory())
    assert api_client.post("/api/v1/challenges/", data, format="json").status_code in (400, 403)
    api_client.force_authenticate(gavle_leader)
    assert api_client.post("/api/v1/challenges/", data, format="json").status_code == 400
    data["deadline"] = "2030-03-01"
    assert api_client.post("/api/v1/challenges/", data, format="json").status_code == 201
    assert api_client.get("/api/v1/challenges/").json()["count"] == 1


def test_list_queries_constant(
    api_client: APIClient, django_assert_max_num_queries: object
) -> None:
    IdeaFactory.create_batch(3)
    with django_assert_max_num_queries(6) as small:  # type: ignore[operator]
        api_client.get("/api/v1/ideas/")
    IdeaFactory.create_batch(40)
    with django_assert_max_num_queries(len(small.captured_queries)):  # type: ignore[operator]
        api_client.get("/api/v1/ideas/")


def test_support_and_follow_twice_count_once(
    api_client: APIClient, idea: Idea, resident: User
) -> None:
    api_client.force_authenticate(resident)
    support, follow = f"/api/v1/ideas/{idea.pk}/support/", f"/api/v1/ideas/{idea.pk}/follow/"

    never = api_client.delete(support)
    first, again = api_client.post(support), api_client.post(support)
    api_client.post(follow)
    api_client.post(follow)
    unfollowed, unfollowed_again = api_client.delete(follow), api_client.delete(follow)

    assert never.status_code == 200
    assert never.json() == {"supported": False, "support_count": 0}
    assert first.json() == again.json() == {"supported": True, "support_count": 1}
    assert again.status_code == 200
    assert unfollowed_again.status_code == 200
    assert unfollowed.json() == unfollowed_again.json() == {"following": False}
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert not idea.follows.filter(user=resident).exists()
