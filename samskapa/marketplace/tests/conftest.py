"""Fixtures of the marketplace tests: Gävle buys, two providers respond, time can be moved."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.marketplace import services
from samskapa.marketplace.models import ProcurementRequest, Receipt, Requirement
from samskapa.marketplace.tests.factories import (
    CriterionFactory,
    ProviderFactory,
    RequestFactory,
    RequirementFactory,
)
from samskapa.organisations.models import Organisation, Role
from samskapa.organisations.tests.factories import MembershipFactory

Clock = Callable[[datetime.timedelta], None]


@pytest.fixture(autouse=True)
def _in_english(english: None) -> None:
    """Messages are compared with the msgids in the code; notifications stay in each
    recipient's language (Swedish here)."""


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Move ``timezone.now`` forward: ``clock(timedelta(days=21))``."""
    real = timezone.now
    shift = [datetime.timedelta()]

    def now() -> datetime.datetime:
        return real() + shift[0]

    monkeypatch.setattr(timezone, "now", now)

    def move(delta: datetime.timedelta) -> None:
        shift[0] += delta

    return move


@pytest.fixture
def gavle_second(gavle: Organisation) -> User:
    """A second leader of Gävle: the other pair of eyes at the opening."""
    return MembershipFactory(organisation=gavle, role=Role.PROJECT_LEADER).user


@pytest.fixture
def provider(reference_data: None) -> Organisation:
    return ProviderFactory(name="Bokningsbolaget AB", org_number="559012-3450")


@pytest.fixture
def other_provider(reference_data: None) -> Organisation:
    return ProviderFactory(name="Dialogverkstaden AB", org_number="559123-4561")


@pytest.fixture
def provider_user(provider: Organisation) -> User:
    return MembershipFactory(organisation=provider, role=Role.MEMBER).user


@pytest.fixture
def other_provider_user(other_provider: Organisation) -> User:
    return MembershipFactory(organisation=other_provider, role=Role.MEMBER).user


@pytest.fixture
def procurement(gavle: Organisation) -> ProcurementRequest:
    """Gävle's published request with one must requirement and two criteria (60/40)."""
    request = RequestFactory(buyer=gavle, title="Bokningssystem för Gävles lokaler")
    RequirementFactory(request=request, text="Tjänsten uppfyller WCAG 2.1 AA.")
    CriterionFactory(request=request, name="Användbarhet", weight=60)
    CriterionFactory(request=request, name="Pris", weight=40)
    return request


def answers_for(request: ProcurementRequest, meets: bool = True) -> dict[int, dict[str, object]]:
    return {
        requirement.pk: {"meets": meets, "comment": "Granskad av extern part 2025."}
        for requirement in Requirement.objects.filter(request=request)
    }


SECRET = "Vårt pris är 123 456 kronor och vår hemliga metod heter Blåklint."


def submit(
    user: User, request: ProcurementRequest, provider: Organisation, summary: str = SECRET
) -> Receipt:
    return services.response_submit(
        actor=user,
        request=request,
        provider=provider,
        answers=answers_for(request),
        summary=summary,
    )
