"""``access_need``, ``access_campaign``, ``access_cluster``, ``access_needs_project``: the
object, 404 for those who may not see it, 403 for those who see it but may not act."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samskapa.accounts.models import User
from samskapa.needs.models import Cluster, Need
from samskapa.needs.selectors import (
    access_campaign,
    access_cluster,
    access_need,
    access_needs_project,
)
from samskapa.needs.tests.factories import CampaignFactory
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def test_access_need(needs: dict[str, Need], resident: User, author: User) -> None:
    private, public = needs["private"], needs["public"]

    assert access_need(user=author, pk=private.pk, rule="needs.change_need") == private
    with pytest.raises(Http404):
        access_need(user=resident, pk=private.pk)
    with pytest.raises(Http404):
        access_need(user=resident, pk=10**12)
    with pytest.raises(PermissionDenied):
        access_need(user=resident, pk=public.pk, rule="needs.change_need")
    assert access_need(user=AnonymousUser(), pk=public.pk) == public


def test_access_campaign(
    naringen: Project, hidden_project: Project, resident: User, gavle_leader: User
) -> None:
    ours, secret = CampaignFactory(project=naringen), CampaignFactory(project=hidden_project)

    assert access_campaign(user=gavle_leader, pk=ours.pk, rule="needs.manage_campaign") == ours
    assert access_campaign(user=resident, pk=ours.pk) == ours
    with pytest.raises(PermissionDenied):
        access_campaign(user=resident, pk=ours.pk, rule="needs.manage_campaign")
    with pytest.raises(Http404):
        access_campaign(user=resident, pk=secret.pk)


def test_access_cluster_is_for_the_project_leaders(
    naringen: Project, resident: User, gavle_leader: User, kiruna_leader: User
) -> None:
    cluster = Cluster.objects.create(project=naringen, name="Cykel")

    assert access_cluster(user=gavle_leader, pk=cluster.pk, rule="needs.prioritise_need") == cluster
    for outsider in (resident, kiruna_leader):
        with pytest.raises(Http404):
            access_cluster(user=outsider, pk=cluster.pk)


def test_access_needs_project(
    naringen: Project, hidden_project: Project, resident: User, gavle_leader: User
) -> None:
    assert access_needs_project(user=resident, slug="naringen", rule="needs.add_need") == naringen
    with pytest.raises(PermissionDenied):
        access_needs_project(user=resident, slug="naringen", rule="needs.manage_clusters")
    with pytest.raises(Http404):
        access_needs_project(user=gavle_leader, slug=hidden_project.slug)
