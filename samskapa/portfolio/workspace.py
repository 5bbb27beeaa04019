"""What the portfolio app offers the workspace: gate decisions due, its part of the site search,
the gate decisions a person made, for their data export, and deletion refusals."""

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskapa.accounts.models import User
from samskapa.core.inbox import InboxSection, inbox_section
from samskapa.core.predicates import LEADER_ROLES, has_any_role
from samskapa.core.search import SearchSource
from samskapa.portfolio.models import GateDecision
from samskapa.portfolio.selectors import initiative_list, initiatives_due_for_gate


def inbox_sections(*, user: User, today: datetime.date) -> list[InboxSection]:
    """Initiatives the user leads whose next gate decision is due soon or overdue."""
    if not has_any_role(user, LEADER_ROLES):
        return []
    return [
        inbox_section(
            key="gates_due",
            template="portfolio/includes/inbox_section.html",
            queryset=initiatives_due_for_gate(user=user, today=today),
        )
    ]


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="initiative",
            heading=gettext_lazy("Initiatives"),
            empty_text=gettext_lazy("No initiatives matched."),
            template="portfolio/includes/search_results.html",
            find=initiative_list,
            label=gettext_lazy("Initiative"),
        )
    ]


def personal_data(*, user: User) -> dict[str, Any]:
    """The gate decisions the person made, with the initiative each was about; one query."""
    return {
        "gate_decisions": [
            {
                "initiative": decision.initiative.title,
                "link": decision.initiative.get_absolute_url(),
                "decision": decision.decision,
                "from_stage": decision.from_stage,
                "to_stage": decision.to_stage,
                "rationale": decision.rationale,
                "decided": decision.decided_at.isoformat(),
                "is_correction": decision.corrects_id is not None,
                "board": decision.board.name if decision.board else None,
                "board_decided_on": decision.board_decided_on.isoformat()
                if decision.board_decided_on
                else None,
                "board_reference": decision.board_reference,
            }
            for decision in GateDecision.objects.filter(decided_by=user)
            .select_related("initiative", "board")
            .order_by("decided_at", "pk")
        ]
    }


def deletion_blockers(*, user: User) -> list[str]:
    """Why the account may not be deleted: gate decisions are a record of who decided."""
    if GateDecision.objects.filter(decided_by=user).exists():
        return [
            _(
                "You have made gate decisions in the portfolio. They are kept as a record of who "
                "decided what, so the account cannot be deleted here. Ask the platform "
                "administrator to close it."
            )
        ]
    return []
