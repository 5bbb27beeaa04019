"""Matching (matchning): which services fit a request, and which open requests fit a service.

A match is a score with its reasons, so that a buyer or a provider sees why: the same category,
the facts a buyer usually requires (personal data in the EU/EEA, a processor agreement, WCAG 2.1
AA), and words the texts share after Swedish stemming. Candidates are read in two queries; the
scoring is plain Python over at most ``CANDIDATES`` rows.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from samskapa.core.access import Viewer
from samskapa.core.search import search_terms
from samskapa.marketplace.models import (
    DataLocation,
    ProcurementRequest,
    Service,
    WcagLevel,
)
from samskapa.marketplace.selectors import open_requests, requests_visible_to, services_visible_to

CANDIDATES = 200
SHOWN = 5


@dataclass
class Match:
    item: Any
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _stems(*texts: str) -> set[str]:
    return {stem for text in texts for stem in search_terms(text or "") if len(stem) > 3}


def _score(request: ProcurementRequest, service: Service, request_stems: set[str]) -> Match:
    match = Match(item=service)
    if service.category == request.category:
        match.score += 3
        match.reasons.append(
            _("Same category: %(category)s") % {"category": service.get_category_display()}
        )
    if service.data_location in (DataLocation.SWEDEN, DataLocation.EU, DataLocation.EEA):
        match.score += 1
        match.reasons.append(_("Personal data stays in the EU/EEA"))
    if service.has_processor_agreement:
        match.score += 1
        match.reasons.append(_("Processor agreement available"))
    if service.wcag_level in (WcagLevel.AA, WcagLevel.AAA):
        match.score += 1
        match.reasons.append(_("Conforms to WCAG 2.1 AA"))
    shared = request_stems & _stems(
        service.name, service.summary, service.description, service.target_users
    )
    if shared:
        match.score += min(3, len(shared))
        match.reasons.append(
            _("Shared words: %(words)s") % {"words": ", ".join(sorted(shared)[:5])}
        )
    return match


def services_for_request(*, user: Viewer, request: ProcurementRequest) -> list[Match]:
    """Published services that may fit ``request``, best first, with the reasons."""
    texts = [request.title, request.summary, request.description]
    texts += [requirement.text for requirement in request.requirements.all()]
    request_stems = _stems(*texts)
    words = Q()
    for stem in sorted(request_stems)[:10]:
        words |= Q(summary__icontains=stem) | Q(name__icontains=stem)
    candidates = (
        services_visible_to(user=user)
        .filter(is_published=True)
        .filter(Q(category=request.category) | words)
        .select_related("provider")
        .order_by("pk")[:CANDIDATES]
    )
    matches = [_score(request, service, request_stems) for service in candidates]
    matches.sort(key=lambda m: (-m.score, m.item.name))
    return matches[:SHOWN]


def requests_for_service(*, user: Viewer, service: Service) -> list[Match]:
    """Open requests that may fit ``service``: its category, or words its texts share."""
    service_stems = _stems(service.name, service.summary, service.description)
    candidates = (
        open_requests()
        .filter(pk__in=requests_visible_to(user=user).values("pk"), category=service.category)
        .select_related("buyer")
        .order_by("response_deadline", "pk")[:CANDIDATES]
    )
    matches = []
    for request in candidates:
        match = Match(item=request, score=3)
        match.reasons.append(
            _("Same category: %(category)s") % {"category": service.get_category_display()}
        )
        shared = service_stems & _stems(request.title, request.summary, request.description)
        if shared:
            match.score += min(3, len(shared))
            match.reasons.append(
                _("Shared words: %(words)s") % {"words": ", ".join(sorted(shared)[:5])}
            )
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.item.response_deadline))
    return matches[:SHOWN]
