"""A person's data across the apps: the export they may download, and deleting the account."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from samskapa.accounts import selectors as accounts
from samskapa.accounts.models import User
from samskapa.accounts.services import user_delete
from samskapa.assessment import workspace as assessment
from samskapa.competences import workspace as competences
from samskapa.core import selectors as core
from samskapa.events import workspace as events
from samskapa.ideas import workspace as ideas
from samskapa.indicators import workspace as indicators
from samskapa.learning import workspace as learning
from samskapa.marketplace import workspace as marketplace
from samskapa.methods import workspace as methods
from samskapa.needs import workspace as needs
from samskapa.organisations import workspace as organisations
from samskapa.portfolio import workspace as portfolio
from samskapa.sdg import selectors as sdg
from samskapa.strategy import workspace as strategy

# What each app holds about a person, in the order it appears in the export.
PERSONAL_DATA: list[Callable[..., dict[str, Any]]] = [
    accounts.personal_data,
    organisations.personal_data,
    needs.personal_data,
    ideas.personal_data,
    assessment.personal_data,
    portfolio.personal_data,
    methods.personal_data,
    events.personal_data,
    learning.personal_data,
    competences.personal_data,
    core.personal_data,
    sdg.personal_data,
    indicators.personal_data,
    strategy.personal_data,
    marketplace.personal_data,
]

# What may forbid deleting an account, asked in this order.
DELETION_BLOCKERS: list[Callable[..., list[str]]] = [
    organisations.deletion_blockers,
    portfolio.deletion_blockers,
    marketplace.deletion_blockers,
    learning.deletion_blockers,
]


def personal_data_export(*, actor: User) -> dict[str, Any]:
    """Everything Samskapa holds about the actor, as data they can download (GDPR art. 15, 20)."""
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    for part in PERSONAL_DATA:
        data.update(part(user=actor))
    return data


@transaction.atomic
def account_delete(*, actor: User) -> None:
    """Delete the actor's account and personal data, unless an app gives a reason not to.

    Refused while they are the last administrator of an organisation, or when they decided at
    a gate; the messages say why and what to do.
    """
    reasons = [reason for blockers in DELETION_BLOCKERS for reason in blockers(user=actor)]
    if reasons:
        raise ValidationError(reasons)
    user_delete(actor=actor)
