"""``access_*`` of organisations: the object, or 404 for what is not there, 403 for a refused
rule; a unit or membership asked for under another organisation's address is not there."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samskapa.accounts.models import User
from samskapa.organisations.models import Membership, Organisation
from samskapa.organisations.selectors import access_membership, access_organisation, access_unit
from samskapa.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

CHANGE = "organisations.change_organisation"


def test_access_organisation(gavle: Organisation, gavle_admin: User, kiruna_admin: User) -> None:
    assert access_organisation(user=gavle_admin, slug=gavle.slug, rule=CHANGE) == gavle
    with pytest.raises(PermissionDenied):
        access_organisation(user=kiruna_admin, slug=gavle.slug, rule=CHANGE)
    with pytest.raises(Http404):
        access_organisation(user=gavle_admin, slug="finns-inte")


def test_access_unit_only_under_its_own_organisation(
    gavle: Organisation, kiruna: Organisation, gavle_admin: User, kiruna_admin: User
) -> None:
    unit = UnitFactory(organisation=gavle)

    found = access_unit(user=gavle_admin, organisation_slug=gavle.slug, pk=unit.pk, rule=CHANGE)
    assert found == unit
    assert found.organisation == gavle
    with pytest.raises(Http404):
        access_unit(user=kiruna_admin, organisation_slug=kiruna.slug, pk=unit.pk, rule=CHANGE)
    with pytest.raises(PermissionDenied):
        access_unit(user=kiruna_admin, organisation_slug=gavle.slug, pk=unit.pk, rule=CHANGE)


def test_access_membership_only_under_its_own_organisation(
    gavle: Organisation, kiruna: Organisation, gavle_admin: User, kiruna_admin: User
) -> None:
    membership = Membership.objects.get(user=gavle_admin)
    rule = "organisations.manage_members"

    assert (
        access_membership(
            user=gavle_admin, organisation_slug=gavle.slug, pk=membership.pk, rule=rule
        )
        == membership
    )
    with pytest.raises(Http404):
        access_membership(
            user=kiruna_admin, organisation_slug=kiruna.slug, pk=membership.pk, rule=rule
        )
