"""Reads of the marketplace: who sees a response, the evaluation table, Mitt arbete."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.marketplace import services
from samskapa.marketplace.models import ProcurementRequest, Response
from samskapa.marketplace.selectors import (
    access_response,
    evaluation_table,
    responses_visible_to,
)
from samskapa.marketplace.tests.conftest import Clock, submit
from samskapa.marketplace.workspace import inbox_sections
from samskapa.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_who_sees_a_response_before_and_after_the_opening(
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    other_provider_user: User,
    gavle_leader: User,
    gavle_second: User,
    kiruna_leader: User,
    platform_admin: User,
    resident: User,
    clock: Clock,
) -> None:
    submit(provider_user, procurement, provider)
    response = Response.objects.get()

    def readers() -> set[int]:
        people = [
            provider_user,
            other_provider_user,
            gavle_leader,
            kiruna_leader,
            platform_admin,
            resident,
        ]
        for person in people:
            person.__dict__.pop("_samskapa_memberships", None)
        listed = {
            p.pk for p in people if responses_visible_to(user=p).filter(pk=response.pk).exists()
        }
        allowed = set()
        for person in people:
            try:
                access_response(user=person, pk=response.pk)
                allowed.add(person.pk)
            except Http404:
                pass
        assert listed == allowed
        return listed

    assert readers() == {provider_user.pk}
    clock(21 * DAY)
    services.opening_start(actor=gavle_leader, request=procurement)
    assert readers() == {provider_user.pk}
    services.opening_confirm(actor=gavle_second, request=procurement)
    assert readers() == {provider_user.pk, gavle_leader.pk}


def test_evaluation_ranks_by_weighted_score_and_marks_incomplete(
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    other_provider_user: User,
    other_provider: Organisation,
    gavle_leader: User,
    gavle_second: User,
    clock: Clock,
) -> None:
    submit(provider_user, procurement, provider)
    submit(other_provider_user, procurement, other_provider)
    clock(21 * DAY)
    services.opening_start(actor=gavle_leader, request=procurement)
    services.opening_confirm(actor=gavle_second, request=procurement)
    usability, price = procurement.criteria.order_by("-weight")
    first = Response.objects.get(provider=provider)
    second = Response.objects.get(provider=other_provider)
    services.score_set(actor=gavle_leader, response=first, criterion=usability, score=3)
    services.score_set(actor=gavle_leader, response=first, criterion=price, score=5)
    services.score_set(actor=gavle_leader, response=second, criterion=usability, score=5)
    rows = evaluation_table(request=procurement)
    assert [row.response.pk for row in rows] == [first.pk, second.pk]
    assert str(rows[0].total) == "3.80" and rows[0].complete
    assert not rows[1].complete


def test_inbox_shows_questions_and_requests_to_open(
    procurement: ProcurementRequest,
    provider_user: User,
    provider: Organisation,
    gavle_leader: User,
    kiruna_leader: User,
    clock: Clock,
) -> None:
    services.question_ask(actor=provider_user, request=procurement, text="Pris?")
    submit(provider_user, procurement, provider)
    today = timezone.localdate()
    sections = {s.key: s for s in inbox_sections(user=gavle_leader, today=today)}
    assert sections["market_questions_to_answer"].count == 1
    assert sections["market_requests_to_open"].count == 0
    clock(21 * DAY)
    sections = {s.key: s for s in inbox_sections(user=gavle_leader, today=today)}
    assert sections["market_requests_to_open"].items == [procurement]
    others = {s.key: s.count for s in inbox_sections(user=kiruna_leader, today=today)}
    assert others["market_questions_to_answer"] == 0
    assert inbox_sections(user=provider_user, today=today) == []
