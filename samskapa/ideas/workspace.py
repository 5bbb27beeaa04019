"""What the ideas app offers the workspace: ideas and comments to moderate in "Mitt arbete",
and its part of the site search: ideas and challenges; and what a person wrote, supported,
followed and reported, for their data export."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import MODERATOR_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.ideas.models import Comment, Follow, Idea, Report, Support
from samskapa.ideas.selectors import challenge_search, idea_list, ideas_to_moderate


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Ideas awaiting approval and reported ideas and comments, for those who moderate or
    lead anything; two queries."""
    if not has_any_role(user, MODERATOR_ROLES):
        return []
    return [
        inbox_section(
            key="ideas_to_moderate",
            template="ideas/includes/inbox_section.html",
            queryset=ideas_to_moderate(user=user),
        )
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="idea",
            heading=_("Ideas"),
            empty_text=_("No ideas matched."),
            template="ideas/includes/search_results.html",
            find=idea_list,
            label=_("Idea"),
        ),
        SearchSource(
            key="challenge",
            heading=_("Challenges"),
            empty_text=_("No challenges matched."),
            template="ideas/includes/challenge_search_results.html",
            find=challenge_search,
            label=_("Challenge"),
        ),
    ]


def _idea_ref(idea: Idea) -> dict[str, str]:
    return {"idea": idea.title, "link": idea.get_absolute_url()}


def personal_data(*, user: User) -> dict[str, Any]:
    """The ideas the person wrote or co-wrote, their comments, and the ideas they supported,
    followed and reported; six queries however many.

    Only what they wrote or did: comments of others on their ideas are left out, and a
    reported comment is named by the idea it was written on, not by its text.
    """
    return {
        "ideas": [
            {
                "title": idea.title,
                "summary": idea.summary,
                "description": idea.description,
                "challenge": idea.challenge.title if idea.challenge else None,
                "project": idea.project.name if idea.project else None,
                "on_behalf_of": idea.organisation.name if idea.organisation else None,
                "awaiting_approval": idea.awaiting_approval,
                "hidden": idea.is_hidden,
                "submitted": idea.created_at.isoformat(),
                "updated": idea.updated_at.isoformat(),
                "link": idea.get_absolute_url(),
            }
            for idea in Idea.objects.filter(author=user)
            .select_related("challenge", "project", "organisation")
            .order_by("created_at", "pk")
        ],
        "co_authored_ideas": [
            _idea_ref(idea)
            for idea in Idea.objects.filter(co_authors=user).order_by("created_at", "pk")
        ],
        "idea_comments": [
            {
                **_idea_ref(comment.idea),
                "text": comment.text,
                "reply": comment.parent_id is not None,
                "hidden": comment.is_hidden,
                "written": comment.created_at.isoformat(),
            }
            for comment in Comment.objects.filter(author=user)
            .select_related("idea")
            .order_by("created_at", "pk")
        ],
        "idea_supports": [
            {**_idea_ref(support.idea), "supported": support.created_at.isoformat()}
            for support in Support.objects.filter(user=user)
            .select_related("idea")
            .order_by("created_at", "pk")
        ],
        "idea_follows": [
            {**_idea_ref(follow.idea), "followed": follow.created_at.isoformat()}
            for follow in Follow.objects.filter(user=user)
            .select_related("idea")
            .order_by("created_at", "pk")
        ],
        "idea_reports": [
            {
                **_idea_ref(report.idea),
                "about": "comment" if report.comment_id else "idea",
                "reason": report.reason,
                "reported": report.created_at.isoformat(),
                "handled": report.resolved_at.isoformat() if report.resolved_at else None,
            }
            for report in Report.objects.filter(reporter=user)
            .select_related("idea")
            .order_by("created_at", "pk")
        ],
    }
