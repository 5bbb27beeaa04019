"""What the needs app offers the workspace: its part of "Mitt arbete" and of the site search,
and the needs a person submitted, supported and reported, for their data export."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import MODERATOR_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.needs.models import ModerationEvent, Need, NeedReport, NeedSupport
from samskapa.needs.selectors import moderation_queue, need_list

# A need waits for a moderator's eye this long after it was submitted.
NEW_NEED_DAYS = 14


def needs_to_moderate(*, user: User, today: datetime.date) -> QuerySet[Need]:
    """Needs in the projects ``user`` moderates or leads that wait for a moderator.

    That is, among the needs not hidden: those awaiting approval (pre-moderated campaigns) and
    those with open reports, whatever their age; and, since other needs are published at once
    and moderated afterwards, those submitted in the last ``NEW_NEED_DAYS`` days that no
    moderator has acted on yet.
    """
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=NEW_NEED_DAYS), datetime.time())
    )
    unseen = Q(created_at__gte=since) & ~Exists(ModerationEvent.objects.filter(need=OuterRef("pk")))
    return moderation_queue(user=user).filter(
        Q(awaiting_approval=True) | Q(open_report_count__gt=0) | unseen, is_hidden=False
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
            label=_("Need"),
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The needs the person submitted, supported and reported; three queries however many.

    Only what they wrote or did: a need of someone else appears by its title alone, as what
    their support or report was about.
    """
    return {
        "needs": [
            {
                "title": need.title,
                "description": need.description,
                "project": need.project.name,
                "campaign": need.campaign.title if need.campaign else None,
                "place": need.area,
                "on_behalf_of": need.organisation.name if need.organisation else None,
                "visibility": need.visibility,
                "awaiting_approval": need.awaiting_approval,
                "hidden": need.is_hidden,
                "submitted": need.created_at.isoformat(),
                "updated": need.updated_at.isoformat(),
                "link": need.get_absolute_url(),
            }
            for need in Need.objects.filter(author=user)
            .select_related("project", "campaign", "organisation")
            .order_by("created_at", "pk")
        ],
        "need_supports": [
            {
                "need": support.need.title,
                "link": support.need.get_absolute_url(),
                "supported": support.created_at.isoformat(),
            }
            for support in NeedSupport.objects.filter(user=user)
            .select_related("need")
            .order_by("created_at", "pk")
        ],
        "need_reports": [
            {
                "need": report.need.title,
                "link": report.need.get_absolute_url(),
                "reason": report.reason,
                "reported": report.created_at.isoformat(),
                "handled": report.resolved_at.isoformat() if report.resolved_at else None,
            }
            for report in NeedReport.objects.filter(reporter=user)
            .select_related("need")
            .order_by("created_at", "pk")
        ],
    }
