"""What the needs app offers the workspace: its part of "Mitt arbete" and of the site search."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import MODERATOR_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.needs.models import ModerationEvent, Need
from samskapa.needs.selectors import moderation_queue, need_list

# A need waits for a moderator's eye this long after it was submitted.
NEW_NEED_DAYS = 14


def needs_to_moderate(*, user: User, today: datetime.date) -> QuerySet[Need]:
    """New needs in the projects ``user`` moderates or leads that no moderator has acted on.

    Needs are published at once and moderated afterwards, so "to moderate" means: submitted in
    the last ``NEW_NEED_DAYS`` days, not hidden, and without any moderation event yet.
    """
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=NEW_NEED_DAYS), datetime.time())
    )
    return moderation_queue(user=user).filter(
        ~Exists(ModerationEvent.objects.filter(need=OuterRef("pk"))),
        is_hidden=False,
        created_at__gte=since,
    )


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Needs to moderate, for those who moderate or lead anything; two queries."""
    if not has_any_role(user, MODERATOR_ROLES):
        return []
    return [
        inbox_section(
            key="needs_to_moderate",
            template="needs/includes/inbox_section.html",
            queryset=needs_to_moderate(user=user, today=today),
        )
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="need",
            heading=_("Needs"),
            empty_text=_("No needs matched."),
            template="needs/includes/search_results.html",
            find=need_list,
        )
    ]
