"""What the methods toolbox offers the workspace: proposals to review in "Mitt arbete", its
part of the site search, and what a person wrote, for their data export."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.search import SearchSource
from samskapa.methods.models import Adaptation, ExperienceReport
from samskapa.methods.selectors import (
    may_curate,
    method_list,
    method_proposals,
    methods_proposed_by,
)


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Method proposals waiting for review, for facilitators; two queries."""
    if not may_curate(user):
        return []
    return [
        inbox_section(
            key="method_proposals",
            template="methods/includes/inbox_section.html",
            queryset=method_proposals(user=user),
        )
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="method",
            heading=_("Methods"),
            empty_text=_("No methods matched."),
            template="methods/includes/search_results.html",
            find=method_list,
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The methods the person proposed and the adaptations and experience reports they wrote."""
    return {
        "proposed_methods": [
            {
                "title": method.title,
                "status": method.status,
                "created": method.created_at.isoformat(),
            }
            for method in methods_proposed_by(user=user)
        ],
        "method_adaptations": [
            {
                "method": adaptation.method.title,
                "title": adaptation.title,
                "changes": adaptation.changes,
                "reasons": adaptation.reasons,
                "written": adaptation.created_at.isoformat(),
            }
            for adaptation in Adaptation.objects.filter(author=user).select_related("method")
        ],
        "method_experience_reports": [
            {
                "method": report.method.title,
                "used_on": report.used_on.isoformat(),
                "place": report.place,
                "outcome": report.outcome,
                "lessons": report.lessons,
                "ratings": {rating.aspect: rating.score for rating in report.ratings.all()},
                "written": report.created_at.isoformat(),
            }
            for report in ExperienceReport.objects.filter(author=user)
            .select_related("method")
            .prefetch_related("ratings")
        ],
    }
