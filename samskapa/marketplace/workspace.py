"""What the marketplace offers the workspace: "Mitt arbete", site search, personal data."""

import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import LEADER_ROLES, organisation_ids
from samskapa.core.search import SearchSource
from samskapa.marketplace.models import ProcurementRequest, Question, Receipt
from samskapa.marketplace.selectors import (
    references_to_confirm,
    request_list,
    requests_to_open,
    service_list,
    unanswered_questions_for,
)


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """For leaders of an organisation: questions to answer, responses to open, references to
    confirm; two queries each."""
    if not organisation_ids(user, LEADER_ROLES):
        return []
    return [
        inbox_section(
            key="market_questions_to_answer",
            template="marketplace/includes/inbox_questions.html",
            queryset=unanswered_questions_for(user=user),
        ),
        inbox_section(
            key="market_requests_to_open",
            template="marketplace/includes/inbox_opening.html",
            queryset=requests_to_open(user=user),
        ),
        inbox_section(
            key="market_references_to_confirm",
            template="marketplace/includes/inbox_references.html",
            queryset=references_to_confirm(user=user),
        ),
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="market-request",
            heading=gettext_lazy("Requests in the marketplace"),
            empty_text=gettext_lazy("No requests matched."),
            template="marketplace/includes/request_results.html",
            find=request_list,
        ),
        SearchSource(
            key="market-service",
            heading=gettext_lazy("Digital services"),
            empty_text=gettext_lazy("No services matched."),
            template="marketplace/includes/service_results.html",
            find=service_list,
        ),
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """Questions asked, responses submitted (receipts only: the content is the organisation's
    and stays sealed) and requests followed."""
    return {
        "marketplace_questions": [
            {
                "request": question.request.title,
                "question": question.text,
                "asked_at": question.asked_at.isoformat(),
                "answer": question.answer,
            }
            for question in Question.objects.filter(asked_by=user).select_related("request")
        ],
        "marketplace_receipts": [
            {
                "request": receipt.response.request.title,
                "provider": receipt.response.provider.name,
                "submitted_at": receipt.submitted_at.isoformat(),
                "sha256": receipt.digest,
            }
            for receipt in Receipt.objects.filter(submitted_by=user).select_related(
                "response__request", "response__provider"
            )
        ],
        "marketplace_following": list(
            ProcurementRequest.objects.filter(followers=user).values_list("title", flat=True)
        ),
    }


def deletion_blockers(*, user: User) -> list[str]:
    """Who opened sealed responses is part of the procurement record (four eyes)."""
    opened = ProcurementRequest.objects.filter(Q(opening_started_by=user) | Q(opened_by=user))
    titles = list(opened.values_list("title", flat=True)[:5])
    if not titles:
        return []
    return [
        _(
            "You took part in opening the responses of %(requests)s; the procurement record "
            "keeps who opened them. Ask a platform administrator to deactivate your account "
            "instead."
        )
        % {"requests": ", ".join(f"“{title}”" for title in titles)}
    ]
