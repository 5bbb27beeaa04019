"""Reads of the marketplace: visibility, lists, detail querysets, the evaluation table.

``services_visible_to``, ``requests_visible_to`` and ``responses_visible_to`` are the rules
``marketplace.view_service``, ``view_request`` and ``view_response`` as queries; change each
together with its rule in ``marketplace/rules.py``.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskapa.core.access import Viewer, access, require
from samskapa.core.predicates import (
    LEADER_ROLES,
    is_superuser,
    leads_organisation,
    organisation_ids,
)
from samskapa.core.search import search
from samskapa.marketplace.models import (
    Criterion,
    ProcurementRequest,
    Question,
    Receipt,
    RequestEvent,
    RequestStatus,
    Requirement,
    Response,
    Score,
    Service,
    ServiceReference,
)
from samskapa.organisations.models import Organisation

SERVICE_SEARCH_FIELDS = ["name", "summary", "description", "target_users"]
REQUEST_SEARCH_FIELDS = ["title", "summary", "description"]
# The comparison shows at most this many services side by side.
COMPARE_LIMIT = 4


# --- Services ----------------------------------------------------------------------------------


def services_visible_to(*, user: Viewer) -> QuerySet[Service]:
    """Published services, plus the unpublished ones of the user's organisations."""
    if is_superuser(user):
        return Service.objects.all()
    return Service.objects.filter(Q(is_published=True) | Q(provider_id__in=organisation_ids(user)))


def service_list(*, user: Viewer, query: str = "") -> QuerySet[Service]:
    services = services_visible_to(user=user).select_related("provider").order_by("name", "pk")
    if query:
        services = search(services, query, fields=SERVICE_SEARCH_FIELDS)
    return services


def references_shown_to(*, user: Viewer) -> QuerySet[ServiceReference]:
    """Confirmed references, plus unconfirmed ones to the provider and the municipality."""
    references = ServiceReference.objects.select_related("municipality")
    if is_superuser(user):
        return references
    mine = organisation_ids(user)
    return references.filter(
        Q(confirmed_at__isnull=False)
        | Q(service__provider_id__in=mine)
        | Q(municipality_id__in=mine)
    )


def service_detail_queryset(*, user: Viewer) -> QuerySet[Service]:
    return (
        services_visible_to(user=user)
        .select_related("provider")
        .prefetch_related(
            "dimensions",
            "goals",
            Prefetch(
                "references",
                queryset=references_shown_to(user=user).order_by("municipality__name", "pk"),
                to_attr="shown_references",
            ),
        )
    )


def access_service(*, user: Viewer, slug: str, rule: str | None = None) -> Service:
    return access(
        service_detail_queryset(user=user),
        user=user,
        view_permission="marketplace.view_service",
        permission=rule,
        slug=slug,
    )


def access_reference(*, user: Viewer, pk: int, rule: str | None = None) -> ServiceReference:
    """A reference; 404 unless its service is visible, 403 unless ``rule`` allows."""
    reference = get_object_or_404(ServiceReference.objects.select_related("service"), pk=pk)
    access_service(user=user, slug=reference.service.slug)
    if rule is not None:
        require(user, rule, reference)
    return reference


def services_to_compare(*, user: Viewer, slugs: list[str]) -> list[Service]:
    """Up to four visible services, in the order asked for; unknown ones are left out."""
    wanted = list(dict.fromkeys(slug for slug in slugs if slug))[:COMPARE_LIMIT]
    found = {
        service.slug: service
        for service in service_detail_queryset(user=user).filter(slug__in=wanted)
    }
    return [found[slug] for slug in wanted if slug in found]


def references_to_confirm(*, user: Viewer) -> QuerySet[ServiceReference]:
    """References naming a municipality ``user`` leads, not yet confirmed."""
    return (
        ServiceReference.objects.filter(
            municipality_id__in=organisation_ids(user, LEADER_ROLES), confirmed_at__isnull=True
        )
        .select_related("service__provider", "municipality")
        .order_by("pk")
    )


# --- Requests ----------------------------------------------------------------------------------


def requests_visible_to(*, user: Viewer) -> QuerySet[ProcurementRequest]:
    """Published and closed requests, plus the drafts of the user's organisations."""
    if is_superuser(user):
        return ProcurementRequest.objects.all()
    return ProcurementRequest.objects.filter(
        ~Q(status=RequestStatus.DRAFT) | Q(buyer_id__in=organisation_ids(user))
    )


def request_list(*, user: Viewer, query: str = "") -> QuerySet[ProcurementRequest]:
    requests = requests_visible_to(user=user).select_related("buyer")
    requests = requests.order_by("-published_at", "-pk")
    if query:
        requests = search(requests, query, fields=REQUEST_SEARCH_FIELDS)
    return requests


def answered_questions() -> QuerySet[Question]:
    """Answers published to all: the question and the answer, never who asked."""
    return Question.objects.filter(answered_at__isnull=False).order_by("answered_at", "pk")


def request_detail_queryset(*, user: Viewer) -> QuerySet[ProcurementRequest]:
    return (
        requests_visible_to(user=user)
        .select_related("buyer", "opening_started_by", "opened_by", "awarded_response__provider")
        .prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.order_by("kind", "pk")),
            Prefetch("criteria", queryset=Criterion.objects.order_by("-weight", "pk")),
            Prefetch("questions", queryset=answered_questions(), to_attr="published_questions"),
            "needs",
            "challenges",
            "documents",
        )
        .annotate(response_count=Count("responses", distinct=True))
    )


def access_request(*, user: Viewer, pk: int, rule: str | None = None) -> ProcurementRequest:
    return access(
        request_detail_queryset(user=user),
        user=user,
        view_permission="marketplace.view_request",
        permission=rule,
        pk=pk,
    )


def questions_to_answer(*, request: ProcurementRequest) -> QuerySet[Question]:
    """Unanswered questions of a request, oldest first (for the buyer's leaders)."""
    return Question.objects.filter(request=request, answered_at__isnull=True).order_by(
        "asked_at", "pk"
    )


def my_questions(*, user: Viewer, request: ProcurementRequest) -> QuerySet[Question]:
    if not user.is_authenticated:
        return Question.objects.none()
    return Question.objects.filter(request=request, asked_by=user).order_by("asked_at", "pk")


def request_events(*, request: ProcurementRequest) -> QuerySet[RequestEvent]:
    return RequestEvent.objects.filter(request=request).select_related("actor").order_by("at", "pk")


def unanswered_questions_for(*, user: Viewer) -> QuerySet[Question]:
    """Questions waiting for an answer on requests of organisations ``user`` leads."""
    return (
        Question.objects.filter(
            answered_at__isnull=True,
            request__buyer_id__in=organisation_ids(user, LEADER_ROLES),
            request__status=RequestStatus.PUBLISHED,
        )
        .select_related("request")
        .order_by("asked_at", "pk")
    )


def requests_to_open(*, user: Viewer) -> QuerySet[ProcurementRequest]:
    """Requests of organisations ``user`` leads whose deadline has passed and are not opened."""
    return (
        ProcurementRequest.objects.filter(
            buyer_id__in=organisation_ids(user, LEADER_ROLES),
            status=RequestStatus.PUBLISHED,
            response_deadline__lte=timezone.now(),
            opened_at__isnull=True,
        )
        .annotate(response_count=Count("responses"))
        .filter(response_count__gt=0)
        .order_by("response_deadline", "pk")
    )


def open_requests() -> QuerySet[ProcurementRequest]:
    """Published requests still taking responses."""
    return ProcurementRequest.objects.filter(
        status=RequestStatus.PUBLISHED, response_deadline__gt=timezone.now()
    )


# --- Responses ---------------------------------------------------------------------------------


def responses_visible_to(*, user: Viewer) -> QuerySet[Response]:
    """A provider's own responses; after the opening, all responses to the buyer's leaders.

    No exception for the platform administrator: a sealed response is sealed for everyone.
    """
    return Response.objects.filter(
        Q(provider_id__in=organisation_ids(user))
        | Q(
            request__opened_at__isnull=False,
            request__buyer_id__in=organisation_ids(user, LEADER_ROLES),
        )
    )


def leads_the_buyer(user: Viewer, request: ProcurementRequest) -> bool:
    """Whether ``user`` is a leader of the buying organisation itself.

    Django answers every ``has_perm`` of an active superuser with yes, so the steps that only
    the buying organisation may take (opening, evaluation, outcome, reading responses) ask
    this as well: the platform administrator does not open sealed responses.
    """
    return leads_organisation(user, request.buyer_id)


def access_response(*, user: Viewer, pk: int) -> Response:
    """A response ``user`` may read: their organisation's, or an opened one of a request whose
    buyer they lead. Anything else answers 404, the platform administrator included."""
    return access(
        responses_visible_to(user=user).select_related("request__buyer", "provider"),
        user=user,
        view_permission="marketplace.view_response",
        pk=pk,
    )


def my_responses(*, user: Viewer, request: ProcurementRequest) -> QuerySet[Response]:
    """The responses the user's organisations gave to ``request``, with their receipts."""
    return (
        Response.objects.filter(request=request, provider_id__in=organisation_ids(user))
        .select_related("provider")
        .prefetch_related(Prefetch("receipts", queryset=Receipt.objects.order_by("-submitted_at")))
        .order_by("provider__name")
    )


def opened_responses(*, request: ProcurementRequest) -> QuerySet[Response]:
    """All responses of an opened request (the caller has checked view and opening)."""
    return (
        Response.objects.filter(request=request)
        .select_related("provider")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("provider__name", "pk")
    )


def provider_organisations(*, user: Viewer, request: ProcurementRequest) -> QuerySet[Organisation]:
    """Organisations ``user`` may respond or ask for: theirs, other than the buyer."""
    return (
        Organisation.objects.filter(pk__in=organisation_ids(user))
        .exclude(pk=request.buyer_id)
        .order_by("name")
    )


@dataclass(frozen=True)
class Ranked:
    response: Response
    scores: dict[int, int]
    total: Decimal | None
    complete: bool


def evaluation_table(*, request: ProcurementRequest) -> list[Ranked]:
    """Each opened response with its score per criterion and the weighted total (0–5).

    The total is the sum of weight × score over the sum of the weights of the criteria scored;
    a response not yet scored on every criterion is marked incomplete and ranked after those
    that are.
    """
    criteria = list(request.criteria.all())
    weight_sum = sum(criterion.weight for criterion in criteria)
    rows = []
    for response in opened_responses(request=request):
        scores = {score.criterion_id: score.score for score in response.scores.all()}
        scored_weight = sum(c.weight for c in criteria if c.pk in scores)
        total = None
        if scored_weight:
            total = (
                Decimal(sum(c.weight * scores[c.pk] for c in criteria if c.pk in scores))
                / Decimal(scored_weight)
            ).quantize(Decimal("0.01"))
        rows.append(
            Ranked(
                response=response,
                scores=scores,
                total=total,
                complete=bool(criteria) and scored_weight == weight_sum,
            )
        )
    rows.sort(key=lambda row: (not row.complete, -(row.total or 0), row.response.provider.name))
    return rows


def followers_and_responders(*, request: ProcurementRequest) -> list[Any]:
    """Everyone to tell about a change: followers and the people behind each response."""
    people = {user.pk: user for user in request.followers.all()}
    for response in request.responses.select_related("submitted_by"):
        if response.submitted_by is not None:
            people[response.submitted_by.pk] = response.submitted_by
    return list(people.values())
