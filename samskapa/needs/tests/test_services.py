"""Writes of the needs inventory: who may, what is refused, what is logged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.needs import selectors, services
from samskapa.needs.models import ModerationEvent, Need
from samskapa.needs.tests.factories import CampaignFactory, NeedFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def test_resident_submits_need_with_project_municipality(naringen: Project, resident: User) -> None:
    need = services.need_submit(
        actor=resident, project=naringen, title="Bänkar", description="Vila"
    )

    assert need.municipality_id == naringen.municipality_id
    assert need.author == resident


def test_campaign_by_leader_only_and_dates_in_order(
    naringen: Project, gavle_leader: User, resident: User
) -> None:
    day = datetime.date(2026, 1, 1)
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=resident, project=naringen, title="X", opens_on=day, closes_on=day
        )
    with pytest.raises(ValidationError):
        services.campaign_create(
            actor=gavle_leader,
            project=naringen,
            title="X",
            opens_on=day,
            closes_on=day - datetime.timedelta(days=1),
        )
    campaign = services.campaign_create(
        actor=gavle_leader, project=naringen, title="Vår", opens_on=day, closes_on=day
    )
    assert campaign.project == naringen


def test_closed_campaign_refuses_needs(naringen: Project, resident: User) -> None:
    closed = CampaignFactory(
        project=naringen,
        opens_on=datetime.date(2020, 1, 1),
        closes_on=datetime.date(2020, 2, 1),
    )
    with pytest.raises(ValidationError):
        services.need_submit(
            actor=resident, project=naringen, title="T", description="D", campaign=closed
        )


def test_support_once_and_withdraw(naringen: Project, resident: User) -> None:
    need = NeedFactory(project=naringen)

    assert services.need_support(actor=resident, need=need) is True
    assert services.need_support(actor=resident, need=need) is False
    need.refresh_from_db()
    assert need.support_count == 1
    assert services.need_support_withdraw(actor=resident, need=need) is True
    need.refresh_from_db()
    assert need.support_count == 0


def test_moderation_needs_reason_and_role(
    naringen: Project, moderator: User, resident: User, author: User
) -> None:
    need = NeedFactory(project=naringen, author=author)
    with pytest.raises(PermissionDenied):
        services.need_moderate(actor=resident, need=need, action="hide", reason="Spam")
    with pytest.raises(ValidationError):
        services.need_moderate(actor=moderator, need=need, action="hide", reason="  ")

    services.need_moderate(actor=moderator, need=need, action="hide", reason="Personuppgifter")

    assert need.is_hidden
    assert list(ModerationEvent.objects.values_list("action", "reason")) == [
        ("hide", "Personuppgifter")
    ]
    assert not selectors.needs_visible_to(user=author).filter(pk=need.pk).exists()
    # The author may no longer edit a hidden need.
    assert not author.has_perm("needs.change_need", need)


def test_clusters_create_merge_split_move(
    naringen: Project, gavle_leader: User, resident: User
) -> None:
    a, b, c = NeedFactory.create_batch(3, project=naringen)
    with pytest.raises(PermissionDenied):
        services.cluster_create(actor=resident, project=naringen, name="X", needs=[a])
    first = services.cluster_create(
        actor=gavle_leader, project=naringen, name="Cykel", needs=[a, b]
    )
    second = services.cluster_create(actor=gavle_leader, project=naringen, name="Skola", needs=[c])

    services.cluster_merge(actor=gavle_leader, source=second, target=first)
    assert set(first.needs.all()) == {a, b, c}
    c.refresh_from_db()
    split = services.cluster_split(actor=gavle_leader, cluster=first, needs=[c], name="Förskola")
    assert list(split.needs.all()) == [c]
    services.need_move_to_cluster(actor=gavle_leader, need=a, cluster=None)
    assert Need.objects.get(pk=a.pk).cluster is None
    services.cluster_rename(actor=gavle_leader, cluster=split, name="Förskolor")
    assert split.name == "Förskolor"


def test_weights_all_zero_refused(naringen: Project, gavle_leader: User) -> None:
    with pytest.raises(ValidationError):
        services.priority_weights_set(
            actor=gavle_leader, project=naringen, reach=0, urgency=0, goal_fit=0, support=0
        )


def test_cluster_score_applies_to_its_needs(naringen: Project, gavle_leader: User) -> None:
    a, b = NeedFactory.create_batch(2, project=naringen)
    cluster = services.cluster_create(actor=gavle_leader, project=naringen, name="K", needs=[a, b])

    assert (
        services.cluster_score(actor=gavle_leader, cluster=cluster, reach=4, urgency=2, goal_fit=5)
        == 2
    )
    assert set(Need.objects.values_list("reach", "urgency", "goal_fit")) == {(4, 2, 5)}
