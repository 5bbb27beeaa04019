"""Who sees which need: the visibility matrix, through the selector and the rule alike."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.needs import selectors
from samskapa.needs.models import Need
from samskapa.needs.tests.factories import NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db

MATRIX = {
    "anonymous": {"public"},
    "resident": {"public"},
    "author": {"public", "members", "private"},
    "other_member": {"public"},
    "gavle_member": {"public", "members"},
    "gavle_leader": {"public", "members", "private", "hidden"},
    "moderator": {"public", "members", "private", "hidden"},
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_visibility_matrix(
    request: pytest.FixtureRequest, needs: dict[str, Need], who: str
) -> None:
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    by_pk = {need.pk: key for key, need in needs.items()}

    listed = {by_pk[n.pk] for n in selectors.needs_visible_to(user=user)}
    searched = {by_pk[n.pk] for n in selectors.need_list(user=user, query="behov")}
    allowed = {key for key, need in needs.items() if user.has_perm("needs.view_need", need)}

    assert listed == MATRIX[who]
    assert searched == MATRIX[who]
    assert allowed == MATRIX[who]
    assert selectors.need_list(user=user).count() == len(MATRIX[who])


def test_public_need_of_members_only_project_stays_inside(
    hidden_project: Project, resident: User
) -> None:
    NeedFactory(project=hidden_project)

    assert not selectors.needs_visible_to(user=resident).exists()
    assert not selectors.needs_visible_to(user=AnonymousUser()).exists()


def test_similar_needs_finds_overlapping_words_of_visible_needs(
    naringen: Project, resident: User, author: User
) -> None:
    cycle = NeedFactory(project=naringen, title="Trygga cykelbanor", description="Vi vill cykla.")
    NeedFactory(project=naringen, title="Fler förskoleplatser", description="Förskola nära.")
    NeedFactory(
        project=naringen,
        title="Privata cykelbanor",
        description="cykelbanor",
        author=author,
        visibility="private",
    )

    found = selectors.similar_needs(user=resident, project=naringen, text="cykelbanor längs ån")

    assert [need.pk for need in found] == [cycle.pk]
    assert selectors.similar_needs(user=resident, project=naringen, text="och att") == []


def test_ranking_is_weighted_mean_with_reasons(naringen: Project, gavle_leader: User) -> None:
    top = NeedFactory(project=naringen, reach=5, urgency=5, goal_fit=5, support_count=2)
    middle = NeedFactory(project=naringen, reach=3, urgency=None, goal_fit=3, support_count=0)
    unscored = NeedFactory(project=naringen)

    ranked = list(selectors.needs_ranked(user=gavle_leader, project=naringen))

    assert [need.pk for need in ranked] == [top.pk, middle.pk, unscored.pk]
    # Default weights 3, 3, 3, 1; top has the most support, so support scores 5.
    assert ranked[0].priority_score == pytest.approx(5.0)
    # (3*3 + 3*3 + 1*1) / (3 + 3 + 1): urgency is not scored and leaves the mean.
    assert ranked[1].priority_score == pytest.approx(19 / 7)
    assert ranked[2].priority_score is None
    weights = selectors.priority_weights_of(project=naringen)
    parts = {c.name: (c.value, c.weight) for c in selectors.score_components(ranked[1], weights)}
    assert parts == {
        "reach": (3, 3),
        "urgency": (None, 3),
        "goal_fit": (3, 3),
        "support": (1.0, 1),
    }


def test_need_list_query_count_does_not_grow(
    naringen: Project, resident: User, django_assert_max_num_queries: object
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(resident)
    NeedFactory.create_batch(3, project=naringen)
    with django_assert_max_num_queries(12) as few:  # type: ignore[operator]
        client.get("/sv/behov/")
    NeedFactory.create_batch(15, project=naringen)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        client.get("/sv/behov/")
