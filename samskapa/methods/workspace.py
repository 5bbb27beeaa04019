"""What the methods toolbox offers the workspace: proposals to review and lab workshops coming
up in "Mitt arbete", its part of the site search (methods and lab workshops), and what a person
wrote and took part in, for their data export."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.search import SearchSource
from samskapa.methods.models import Adaptation, ExperienceReport
from samskapa.methods.selectors import (
    lab_list,
    lab_participations_of,
    labs_of,
    may_curate,
    method_list,
    method_proposals,
    methods_proposed_by,
)


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Method proposals waiting for review, for facilitators, and the lab workshops the person
    takes part in or facilitates that have not ended (shown only if there are some); two
    queries each."""
    sections = []
    if may_curate(user):
        sections.append(
            inbox_section(
                key="method_proposals",
                template="methods/includes/inbox_section.html",
                queryset=method_proposals(user=user),
            )
        )
    labs = inbox_section(
        key="method_labs",
        template="methods/includes/labs_inbox_section.html",
        queryset=labs_of(user=user, today=today),
    )
    if labs.count:
        sections.append(labs)
    return sections


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="method",
            heading=_("Methods"),
            empty_text=_("No methods matched."),
            template="methods/includes/search_results.html",
            find=method_list,
        ),
        SearchSource(
            key="method_lab",
            heading=_("Lab workshops"),
            empty_text=_("No lab workshops matched."),
            template="methods/includes/lab_search_results.html",
            find=lab_list,
        ),
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The methods the person proposed, the adaptations and experience reports they wrote, and
    the lab workshops they took part in."""
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
        "method_lab_participations": [
            {
                "lab": participation.lab.title,
                "date": participation.lab.starts_on.isoformat(),
                "place": participation.lab.place,
                "name": participation.name,
                "organisation": participation.organisation.name,
                "department": participation.department,
                "added": participation.added_at.isoformat(),
            }
            for participation in lab_participations_of(user=user)
        ],
    }
