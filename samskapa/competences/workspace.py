"""What competence matchmaking offers the workspace: inbox, site search, personal data."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.competences.models import InterestRequest, Message, Profile
from samskapa.competences.selectors import (
    competence_need_list,
    profile_list,
    profiles_owned_by,
    requests_to_answer,
)
from samskapa.core.access import Viewer
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.search import SearchSource, search


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Interest requests waiting for the user's answer, for those who have a profile to answer
    for; two queries."""
    if not profiles_owned_by(user=user).exists():
        return []
    requests = requests_to_answer(user=user)
    return [
        inbox_section(
            key="interest_requests_to_answer",
            template="competences/includes/inbox_section.html",
            queryset=requests,
        )
    ]


def find_profiles(*, user: Viewer, query: str) -> QuerySet[Profile]:
    """Published profiles matching ``query``: nothing for visitors (registered users only)."""
    return search(
        profile_list(user=user).filter(is_published=True),
        query,
        fields=["title", "offers", "seeks", "other_competences"],
    )


def find_needs(*, user: Viewer, query: str) -> QuerySet[Any]:
    return search(competence_need_list(user=user), query, fields=["title", "description"])


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="competence-profile",
            heading=_("Competence profiles"),
            empty_text=_("No competence profiles matched."),
            template="competences/includes/search_profiles.html",
            find=find_profiles,
        ),
        SearchSource(
            key="competence-need",
            heading=_("Needs for competence"),
            empty_text=_("No needs for competence matched."),
            template="competences/includes/search_needs.html",
            find=find_needs,
        ),
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The person's own profile, the requests they sent and received, and their messages."""
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related("competences", "dimensions", "municipalities", "regions")
        .first()
    )
    data: dict[str, Any] = {"competence_profile": None}
    if profile is not None:
        data["competence_profile"] = {
            "title": profile.title,
            "helix_sector": profile.helix_sector,
            "offers": profile.offers,
            "seeks": profile.seeks,
            "other_competences": profile.other_competences,
            "competences": [concept.label for concept in profile.competences.all()],
            "dimensions": [dimension.code for dimension in profile.dimensions.all()],
            "whole_country": profile.whole_country,
            "municipalities": [m.code for m in profile.municipalities.all()],
            "regions": [r.code for r in profile.regions.all()],
            "languages": profile.languages,
            "available_from": profile.available_from.isoformat()
            if profile.available_from
            else None,
            "available_until": profile.available_until.isoformat()
            if profile.available_until
            else None,
            "share_of_time": profile.share_of_time,
            "contact_email": profile.contact_email,
            "contact_phone": profile.contact_phone,
            "is_published": profile.is_published,
        }
    sent = InterestRequest.objects.filter(sender=user).select_related("need")
    # Received: the status is the person's own answer, so a decline they made is theirs to see.
    received = InterestRequest.objects.filter(profile__user=user).select_related("need")
    data["interest_requests_sent"] = [
        {
            "need": request.need.title,
            "message": request.message,
            "sent": request.created_at.isoformat(),
            # A sender never learns of a decline, not even from their export.
            "status": "pending" if request.status == "declined" else request.status,
        }
        for request in sent
    ]
    data["interest_requests_received"] = [
        {
            "need": request.need.title,
            "message": request.message,
            "sent": request.created_at.isoformat(),
            "status": request.status,
        }
        for request in received
    ]
    data["competence_messages"] = [
        {"body": message.body, "sent": message.created_at.isoformat()}
        for message in Message.objects.filter(author=user).order_by("created_at")
    ]
    return data
