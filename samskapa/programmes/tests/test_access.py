"""``access_*`` of programmes: the object, or 404 for what the reader may not see (a
members-only programme never leaks), 403 for a refused rule; a participant, phase or milestone
asked for under another programme is not there."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samskapa.accounts.models import User
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import Milestone, Phase, Programme
from samskapa.programmes.selectors import (
    access_milestone,
    access_participant,
    access_phase,
    access_programme,
)
from samskapa.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

CHANGE = "programmes.change_programme"


def test_access_programme(
    programme: Programme,
    members_programme: Programme,
    gavle_leader: User,
    kiruna_admin: User,
    partner_member: User,
) -> None:
    assert access_programme(user=gavle_leader, slug=programme.slug, rule=CHANGE) == programme
    with pytest.raises(PermissionDenied):
        access_programme(user=kiruna_admin, slug=programme.slug, rule=CHANGE)
    with pytest.raises(Http404):
        access_programme(user=gavle_leader, slug=members_programme.slug)
    assert access_programme(user=partner_member, slug=members_programme.slug) == members_programme
    with pytest.raises(PermissionDenied):
        access_programme(user=partner_member, slug=members_programme.slug, rule=CHANGE)


def test_parts_are_found_only_under_their_own_programme(
    programme: Programme,
    phase: Phase,
    late_milestone: Milestone,
    gavle: Organisation,
    gavle_leader: User,
    kiruna_admin: User,
) -> None:
    other = ProgrammeFactory(organisation=gavle)
    lead = programme.participants.get()
    parts = [
        (access_participant, lead),
        (access_phase, phase),
        (access_milestone, late_milestone),
    ]
    for access_part, part in parts:
        found = access_part(
            user=gavle_leader, programme_slug=programme.slug, pk=part.pk, rule=CHANGE
        )
        assert found == part
        assert found.programme == programme
        with pytest.raises(Http404):
            access_part(user=gavle_leader, programme_slug=other.slug, pk=part.pk, rule=CHANGE)
        with pytest.raises(PermissionDenied):
            access_part(user=kiruna_admin, programme_slug=programme.slug, pk=part.pk, rule=CHANGE)
