"""Reads of the toolbox: visibility of proposals, ratings summary, methods for a need."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskapa.accounts.models import User
from samskapa.core.models import StakeholderGroup, SustainabilityDimension
from samskapa.methods.models import Method, MethodStatus
from samskapa.methods.selectors import (
    access_method,
    method_list,
    methods_for_need,
    methods_visible_to,
    rating_summary,
)
from samskapa.methods.tests.factories import MethodFactory, RatingFactory, ReportFactory
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_proposals_are_seen_by_their_proposer_and_facilitators(
    proposal: Method, resident: User, facilitator: User, kungalv_member: User
) -> None:
    assert proposal in methods_visible_to(user=resident)
    assert proposal in methods_visible_to(user=facilitator)
    assert proposal not in methods_visible_to(user=kungalv_member)
    assert proposal not in methods_visible_to(user=AnonymousUser())


def test_retired_methods_stay_readable_but_leave_the_list(method: Method) -> None:
    method.status = MethodStatus.RETIRED
    method.save()
    anonymous = AnonymousUser()
    assert access_method(user=anonymous, slug=method.slug) == method
    assert method not in method_list(user=anonymous)


def test_rating_summary_gives_average_and_distribution(
    method: Method, kungalv: Organisation
) -> None:
    for score in (5, 5, 3):
        RatingFactory(report=ReportFactory(method=method, organisation=kungalv), score=score)
    loaded = access_method(user=AnonymousUser(), slug=method.slug)
    usefulness = next(s for s in rating_summary(method=loaded) if s.aspect == "usefulness")
    assert usefulness.average == 4.3 and usefulness.count == 3
    assert [count for _score, count, _share in usefulness.distribution] == [0, 0, 1, 0, 2]


def test_methods_for_a_need_prefer_the_same_target_group(reference_data: None) -> None:
    older = StakeholderGroup.objects.get(code="older-people")
    social = SustainabilityDimension.objects.get(code="social")
    by_group = MethodFactory(title="B")
    by_group.target_groups.add(older)
    by_dimension = MethodFactory(title="A")
    by_dimension.dimensions.add(social)
    MethodFactory(title="C")
    MethodFactory(title="D", status=MethodStatus.PROPOSED).target_groups.add(older)
    found = methods_for_need(stakeholder_group_id=older.pk, dimension_ids=[social.pk])
    assert found == [by_group, by_dimension]
    assert methods_for_need(stakeholder_group_id=None, dimension_ids=[]) == []
