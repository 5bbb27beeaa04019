"""Writes of the marketplace: services, requests, questions, sealed responses, opening, outcome.

Every write checks its rule (``marketplace/rules.py``), runs in a transaction and records the
acting user. Time rules of public procurement are checked here, against ``timezone.now()``:
questions until the question deadline, responses until the response deadline, opening only
after it and by two different people of the buying organisation. What happens to a published
request is logged in ``RequestEvent`` rows, and people are told after commit.
"""

import base64
import datetime
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import DOCUMENT, HelixSector, SustainabilityDimension
from samskapa.core.services import notification_send
from samskapa.core.slugs import unique_slug
from samskapa.core.uploads import check_upload, upload_store
from samskapa.core.writes import UNSET, set_fields
from samskapa.ideas.models import Challenge
from samskapa.ideas.selectors import challenges_visible_to
from samskapa.marketplace.models import (
    Criterion,
    EventKind,
    Outcome,
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
from samskapa.marketplace.sealing import seal
from samskapa.marketplace.selectors import (
    followers_and_responders,
    leads_the_buyer,
    provider_organisations,
)
from samskapa.needs.models import Need
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.sdg.models import Goal


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def _log(request: ProcurementRequest, kind: str, actor: User | None, details: str = "") -> None:
    RequestEvent.objects.create(
        request=request, kind=kind, actor=actor, at=timezone.now(), details=details
    )


def _tell(request: ProcurementRequest, people: Iterable[Any], title: Any, body: Any = "") -> None:
    notification_send(recipients=people, title=title, body=body, url=request.get_absolute_url())


# --- Services ----------------------------------------------------------------------------------


def _check_provider(provider: Organisation) -> None:
    if not provider.org_number:
        raise ValidationError(
            {
                "provider": _(
                    "A provider needs a Swedish organisation number. Add it to the "
                    "organisation's profile first."
                )
            }
        )


@transaction.atomic
def service_create(
    *,
    actor: User,
    provider: Organisation,
    name: str,
    category: str,
    summary: str,
    pricing_model: str,
    data_location: str,
    description: str = "",
    target_users: str = "",
    price_details: str = "",
    wcag_level: str = "none",
    accessibility_statement_url: str = "",
    has_processor_agreement: bool = False,
    sub_processors: str = "",
    open_standards: str = "",
    is_published: bool = True,
    dimensions: Iterable[SustainabilityDimension] = (),
    goals: Iterable[Goal] = (),
) -> Service:
    """Register a digital service of ``provider``; anyone who acts for it may."""
    require(actor, "marketplace.add_service", provider)
    _check_provider(provider)
    service = Service(
        provider=provider,
        created_by=actor,
        name=name,
        category=category,
        summary=summary,
        pricing_model=pricing_model,
        data_location=data_location,
        description=description,
        target_users=target_users,
        price_details=price_details,
        wcag_level=wcag_level,
        accessibility_statement_url=accessibility_statement_url,
        has_processor_agreement=has_processor_agreement,
        sub_processors=sub_processors,
        open_standards=open_standards,
        is_published=is_published,
    )
    service.slug = unique_slug(Service, name or "")
    save_with_history(service, actor=actor)
    service.dimensions.set(list(dimensions))
    service.goals.set(list(goals))
    return service


@transaction.atomic
def service_update(
    *,
    actor: User,
    service: Service,
    name: str = UNSET,
    category: str = UNSET,
    summary: str = UNSET,
    pricing_model: str = UNSET,
    data_location: str = UNSET,
    description: str = UNSET,
    target_users: str = UNSET,
    price_details: str = UNSET,
    wcag_level: str = UNSET,
    accessibility_statement_url: str = UNSET,
    has_processor_agreement: bool = UNSET,
    sub_processors: str = UNSET,
    open_standards: str = UNSET,
    is_published: bool = UNSET,
    dimensions: Iterable[SustainabilityDimension] = UNSET,
    goals: Iterable[Goal] = UNSET,
    provider: Organisation = UNSET,
) -> Service:
    """Change a service; its provider stays (a form may pass it unchanged)."""
    stored = Service.objects.get(pk=service.pk)
    require(actor, "marketplace.change_service", stored)
    if provider is not UNSET and provider.pk != stored.provider_id:
        raise ValidationError({"provider": _("The provider of a service cannot be changed.")})
    set_fields(
        service,
        name=name,
        category=category,
        summary=summary,
        pricing_model=pricing_model,
        data_location=data_location,
        description=description,
        target_users=target_users,
        price_details=price_details,
        wcag_level=wcag_level,
        accessibility_statement_url=accessibility_statement_url,
        has_processor_agreement=has_processor_agreement,
        sub_processors=sub_processors,
        open_standards=open_standards,
        is_published=is_published,
    )
    save_with_history(service, actor=actor)
    if dimensions is not UNSET:
        service.dimensions.set(list(dimensions))
    if goals is not UNSET:
        service.goals.set(list(goals))
    return service


@transaction.atomic
def reference_add(
    *, actor: User, service: Service, municipality: Organisation, description: str = ""
) -> ServiceReference:
    """Name a municipality that uses the service; shown to all once the municipality confirms."""
    require(actor, "marketplace.change_service", service)
    if municipality.type != OrganisationType.MUNICIPALITY:
        raise ValidationError({"municipality": _("Only a municipality can be a reference.")})
    if service.references.filter(municipality=municipality).exists():
        raise ValidationError({"municipality": _("This municipality is already a reference.")})
    reference = ServiceReference(
        service=service, municipality=municipality, description=description
    )
    save_with_history(reference, actor=actor)
    leaders = User.objects.filter(
        memberships__organisation=municipality,
        memberships__role__in=["project_leader", "administrator"],
    ).distinct()
    notification_send(
        recipients=leaders,
        title=lambda: (
            _("%(provider)s names %(municipality)s as a reference for %(service)s")
            % {
                "provider": service.provider.name,
                "municipality": municipality.name,
                "service": service.name,
            }
        ),
        url=service.get_absolute_url(),
    )
    return reference


@transaction.atomic
def reference_confirm(*, actor: User, reference: ServiceReference) -> ServiceReference:
    require(actor, "marketplace.confirm_reference", reference)
    if reference.confirmed_at is None:
        reference.confirmed_at = timezone.now()
        reference.confirmed_by = actor
        save_with_history(reference, actor=actor)
    return reference


# --- Requests ----------------------------------------------------------------------------------


def _check_buyer(buyer: Organisation) -> None:
    if buyer.helix_sector != HelixSector.PUBLIC:
        raise ValidationError(
            {"buyer": _("Only a municipality or another public organisation can publish requests.")}
        )


def _check_deadlines(request: ProcurementRequest, *, now: datetime.datetime) -> None:
    question, response = request.question_deadline, request.response_deadline
    if question is None or response is None:
        return  # full_clean reports the missing dates
    if response <= now:
        raise ValidationError(
            {"response_deadline": _("The response deadline must be in the future.")}
        )
    if question <= now:
        raise ValidationError(
            {"question_deadline": _("The last day for questions must be in the future.")}
        )
    if question > response:
        raise ValidationError(
            {
                "question_deadline": _(
                    "The last day for questions cannot be after the response deadline."
                )
            }
        )


def _check_links(
    *, actor: User, needs: Iterable[Need], challenges: Iterable[Challenge]
) -> tuple[list[Need], list[Challenge]]:
    needs, challenges = list(needs), list(challenges)
    seen_needs = set(
        needs_visible_to(user=actor)
        .filter(pk__in=[n.pk for n in needs])
        .values_list("pk", flat=True)
    )
    if any(need.pk not in seen_needs for need in needs):
        raise ValidationError({"needs": _("Only needs you can see can be linked.")})
    seen_challenges = set(
        challenges_visible_to(user=actor)
        .filter(pk__in=[c.pk for c in challenges])
        .values_list("pk", flat=True)
    )
    if any(challenge.pk not in seen_challenges for challenge in challenges):
        raise ValidationError({"challenges": _("Only challenges you can see can be linked.")})
    return needs, challenges


def _only_draft(request: ProcurementRequest) -> None:
    if request.status != RequestStatus.DRAFT:
        raise ValidationError(
            _(
                "A published request cannot be changed: providers may already have read it. "
                "Move the deadline or answer questions instead."
            )
        )


@transaction.atomic
def request_create(
    *,
    actor: User,
    buyer: Organisation,
    title: str,
    request_type: str,
    category: str,
    summary: str,
    question_deadline: datetime.datetime,
    response_deadline: datetime.datetime,
    description: str = "",
    cpv_code: str = "",
    estimated_value: Decimal | None = None,
    needs: Iterable[Need] = (),
    challenges: Iterable[Challenge] = (),
) -> ProcurementRequest:
    """A draft request of ``buyer``; its leaders publish it when it is complete."""
    require(actor, "marketplace.add_request", buyer)
    _check_buyer(buyer)
    request = ProcurementRequest(
        buyer=buyer,
        created_by=actor,
        title=title,
        request_type=request_type,
        category=category,
        summary=summary,
        description=description,
        question_deadline=question_deadline,
        response_deadline=response_deadline,
        cpv_code=cpv_code,
        estimated_value=estimated_value,
    )
    _check_deadlines(request, now=timezone.now())
    linked_needs, linked_challenges = _check_links(actor=actor, needs=needs, challenges=challenges)
    save_with_history(request, actor=actor)
    request.needs.set(linked_needs)
    request.challenges.set(linked_challenges)
    return request


@transaction.atomic
def request_update(
    *,
    actor: User,
    request: ProcurementRequest,
    title: str = UNSET,
    request_type: str = UNSET,
    category: str = UNSET,
    summary: str = UNSET,
    description: str = UNSET,
    question_deadline: datetime.datetime = UNSET,
    response_deadline: datetime.datetime = UNSET,
    cpv_code: str = UNSET,
    estimated_value: Decimal | None = UNSET,
    needs: Iterable[Need] = UNSET,
    challenges: Iterable[Challenge] = UNSET,
    buyer: Organisation = UNSET,
) -> ProcurementRequest:
    """Change a draft request (the buyer stays)."""
    stored = ProcurementRequest.objects.get(pk=request.pk)
    require(actor, "marketplace.change_request", stored)
    _only_draft(stored)
    if buyer is not UNSET and buyer.pk != stored.buyer_id:
        raise ValidationError({"buyer": _("The buying organisation cannot be changed.")})
    set_fields(
        request,
        title=title,
        request_type=request_type,
        category=category,
        summary=summary,
        description=description,
        question_deadline=question_deadline,
        response_deadline=response_deadline,
        cpv_code=cpv_code,
        estimated_value=estimated_value,
    )
    _check_deadlines(request, now=timezone.now())
    links = _check_links(
        actor=actor,
        needs=() if needs is UNSET else needs,
        challenges=() if challenges is UNSET else challenges,
    )
    save_with_history(request, actor=actor)
    if needs is not UNSET:
        request.needs.set(links[0])
    if challenges is not UNSET:
        request.challenges.set(links[1])
    return request


@transaction.atomic
def requirement_add(
    *, actor: User, request: ProcurementRequest, kind: str, text: str
) -> Requirement:
    require(actor, "marketplace.change_request", request)
    _only_draft(request)
    requirement = Requirement(request=request, kind=kind, text=text)
    save_with_history(requirement, actor=actor)
    return requirement


@transaction.atomic
def requirement_remove(*, actor: User, requirement: Requirement) -> None:
    require(actor, "marketplace.change_request", requirement.request)
    _only_draft(requirement.request)
    requirement._history_user = actor  # type: ignore[attr-defined]
    requirement.delete()


@transaction.atomic
def criterion_add(
    *, actor: User, request: ProcurementRequest, name: str, weight: int, description: str = ""
) -> Criterion:
    require(actor, "marketplace.change_request", request)
    _only_draft(request)
    criterion = Criterion(request=request, name=name, weight=weight, description=description)
    save_with_history(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    require(actor, "marketplace.change_request", criterion.request)
    _only_draft(criterion.request)
    criterion._history_user = actor  # type: ignore[attr-defined]
    criterion.delete()


@transaction.atomic
def request_publish(*, actor: User, request: ProcurementRequest) -> ProcurementRequest:
    """Publish a draft: its deadlines still ahead, at least one requirement, weights summing
    to 100 %. From now on providers may ask questions and respond."""
    require(actor, "marketplace.change_request", request)
    _only_draft(request)
    _check_deadlines(request, now=timezone.now())
    if not request.requirements.exists():
        raise ValidationError(_("Add at least one requirement before publishing."))
    weights = sum(request.criteria.values_list("weight", flat=True))
    if weights != 100:
        raise ValidationError(
            _(
                "The weights of the evaluation criteria must add up to 100 %% before publishing; "
                "now they add up to %(sum)d %%."
            )
            % {"sum": weights}
        )
    request.status = RequestStatus.PUBLISHED
    request.published_at = timezone.now()
    save_with_history(request, actor=actor)
    _log(request, EventKind.PUBLISHED, actor)
    return request


@transaction.atomic
def request_move_deadline(
    *,
    actor: User,
    request: ProcurementRequest,
    question_deadline: datetime.datetime,
    response_deadline: datetime.datetime,
    reason: str = "",
) -> ProcurementRequest:
    """Move the deadlines of a published request before its response deadline has passed.

    Every move is logged and told to every follower and every provider that has responded;
    once a response has arrived, the reason is required, since providers plan by it.
    """
    locked = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    require(actor, "marketplace.change_request", locked)
    if locked.status != RequestStatus.PUBLISHED:
        raise ValidationError(_("Only the deadlines of a published request can be moved."))
    now = timezone.now()
    if locked.response_deadline <= now:
        raise ValidationError(
            _("The response deadline has passed; the deadlines can no longer be moved.")
        )
    has_responses = locked.responses.exists()
    if has_responses and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Responses have arrived: give the reason for the move. It is sent to every "
                    "provider who responded and every follower."
                )
            }
        )
    before = (locked.question_deadline, locked.response_deadline)
    request.question_deadline, request.response_deadline = question_deadline, response_deadline
    _check_deadlines(request, now=now)
    save_with_history(request, actor=actor, reason=reason)
    details = _(
        "Questions until %(q_from)s → %(q_to)s; responses until %(r_from)s → %(r_to)s. %(reason)s"
    ) % {
        "q_from": _when(before[0]),
        "q_to": _when(question_deadline),
        "r_from": _when(before[1]),
        "r_to": _when(response_deadline),
        "reason": reason,
    }
    _log(request, EventKind.DEADLINE_MOVED, actor, details.strip())
    title, new_deadline = request.title, _when(response_deadline)
    _tell(
        request,
        followers_and_responders(request=request),
        lambda: (
            _("The deadline of “%(title)s” has moved to %(deadline)s")
            % {"title": title, "deadline": new_deadline}
        ),
        reason,
    )
    return request


@transaction.atomic
def request_follow(*, actor: User, request: ProcurementRequest, follow: bool = True) -> None:
    require(actor, "marketplace.follow_request", request)
    if follow:
        request.followers.add(actor)
    else:
        request.followers.remove(actor)


# --- Clarification questions -------------------------------------------------------------------


@transaction.atomic
def question_ask(*, actor: User, request: ProcurementRequest, text: str) -> Question:
    """Ask a clarification question before the question deadline; the asker follows the request.

    The buyer sees the question without the asker's name, and answers it to everyone.
    """
    require(actor, "marketplace.ask_question", request)
    if request.status != RequestStatus.PUBLISHED:
        raise ValidationError(_("Questions can be asked only while the request is published."))
    if timezone.now() > request.question_deadline:
        raise ValidationError(
            {
                "text": _("The last day for questions was %(deadline)s.")
                % {"deadline": _when(request.question_deadline)}
            }
        )
    question = Question(request=request, text=text, asked_by=actor)
    save_with_history(question, actor=actor)
    request.followers.add(actor)
    leaders = User.objects.filter(
        memberships__organisation_id=request.buyer_id,
        memberships__role__in=["project_leader", "administrator"],
    ).distinct()
    title = request.title
    _tell(request, leaders, lambda: _("A new question on “%(title)s”") % {"title": title})
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """Answer a question and publish question and answer to all, without the asker's name."""
    request = question.request
    require(actor, "marketplace.change_request", request)
    if request.status != RequestStatus.PUBLISHED:
        raise ValidationError(_("Questions can be answered only while the request is published."))
    if question.answered_at is not None:
        raise ValidationError(_("This question has already been answered and published."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = actor
    save_with_history(question, actor=actor)
    _log(request, EventKind.ANSWER_PUBLISHED, actor, question.text[:200])
    askers = User.objects.filter(market_questions__request=request).distinct()
    title = request.title
    _tell(
        request,
        [*followers_and_responders(request=request), *askers],
        lambda: _("A question on “%(title)s” has been answered") % {"title": title},
        lambda: _("The answer is published to every provider, without the name of the asker."),
    )
    return question


# --- Responses ---------------------------------------------------------------------------------


# A response carries at most this many documents.
MAX_RESPONSE_DOCUMENTS = 3


def _documents(files: Iterable[UploadedFile]) -> list[dict[str, str]]:
    """Check each file with the platform's upload rules and put it in the sealed payload.

    The bytes are never stored as an upload of their own: only inside the ciphertext.
    """
    files = list(files)
    if len(files) > MAX_RESPONSE_DOCUMENTS:
        raise ValidationError(
            _("At most %(count)d documents per response.") % {"count": MAX_RESPONSE_DOCUMENTS}
        )
    documents = []
    for file in files:
        file_type = check_upload(file, kinds={DOCUMENT})
        file.seek(0)
        content = file.read()
        documents.append(
            {
                "name": (file.name or "document")
                .replace("\\", "/")
                .replace("\0", "")
                .rsplit("/", 1)[-1][:200]
                or "document",
                "content_type": file_type.content_type,
                "sha256": hashlib.sha256(content).hexdigest(),
                "data": base64.b64encode(content).decode(),
            }
        )
    return documents


@transaction.atomic
def request_document_add(
    *, actor: User, request: ProcurementRequest, file: UploadedFile
) -> ProcurementRequest:
    """Attach a document (specification, terms) to a draft request; public once published."""
    require(actor, "marketplace.change_request", request)
    _only_draft(request)
    upload = upload_store(actor=actor, file=file, kinds={DOCUMENT})
    request.documents.add(upload)
    return request


@transaction.atomic
def response_submit(
    *,
    actor: User,
    request: ProcurementRequest,
    provider: Organisation,
    answers: dict[int, dict[str, Any]],
    summary: str = "",
    price: Decimal | None = None,
    files: Iterable[UploadedFile] = (),
) -> Receipt:
    """Seal and store a provider's response before the deadline; returns the receipt.

    ``answers`` maps each requirement's id to ``{"meets": bool, "comment": str}``; every
    requirement must be answered. A provider may respond again before the deadline: the new
    response replaces the old, and each submission keeps its receipt.
    """
    require(actor, "marketplace.respond", request)
    locked = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    if not provider_organisations(user=actor, request=locked).filter(pk=provider.pk).exists():
        raise PermissionDenied(_("You can respond only for your own organisation."))
    _check_provider(provider)
    now = timezone.now()
    if locked.status != RequestStatus.PUBLISHED:
        raise ValidationError(_("This request does not take responses."))
    if now >= locked.response_deadline:
        raise ValidationError(
            _("The response deadline was %(deadline)s; no responses can be submitted after it.")
            % {"deadline": _when(locked.response_deadline)}
        )
    requirements = list(locked.requirements.order_by("kind", "pk"))
    missing = [r for r in requirements if r.pk not in answers]
    if missing:
        raise ValidationError(_("Answer every requirement before submitting."))
    documents = _documents(files)
    payload = {
        "request": locked.pk,
        "provider": provider.pk,
        "summary": summary,
        "price": None if price is None else str(price),
        "answers": [
            {
                "requirement": r.pk,
                "kind": r.kind,
                "text": r.text,
                "meets": bool(answers[r.pk].get("meets")),
                "comment": str(answers[r.pk].get("comment") or ""),
            }
            for r in requirements
        ],
        "documents": documents,
    }
    sealed, digest = seal(payload)
    response = Response.objects.filter(request=locked, provider=provider).first()
    if response is None:
        response = Response(request=locked, provider=provider)
    response.sealed, response.digest = sealed, digest
    response.submitted_at, response.submitted_by = now, actor
    response.save()
    receipt = Receipt.objects.create(
        response=response,
        submitted_at=now,
        submitted_by=actor,
        digest=digest,
        documents=[{"name": d["name"], "sha256": d["sha256"]} for d in documents],
    )
    locked.followers.add(actor)
    title, when = locked.title, _when(now)
    notification_send(
        recipients=[actor],
        title=lambda: (
            _("Your response to “%(title)s” was received %(when)s") % {"title": title, "when": when}
        ),
        body=lambda: _("SHA-256 of what you sent: %(digest)s") % {"digest": digest},
        url=locked.get_absolute_url(),
    )
    return receipt


# --- Opening (four-eyes), evaluation and outcome -----------------------------------------------


def _require_buyer(actor: User, request: ProcurementRequest, rule: str) -> None:
    """The rule, and a leader of the buying organisation itself (not a platform administrator,
    whom ``has_perm`` would let through)."""
    require(actor, rule, request)
    if not leads_the_buyer(actor, request):
        raise PermissionDenied(
            _("Only project leaders and administrators of the buying organisation may do this.")
        )


@transaction.atomic
def opening_start(*, actor: User, request: ProcurementRequest) -> ProcurementRequest:
    """The first of two people of the buying organisation starts the opening after the deadline."""
    locked = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    _require_buyer(actor, locked, "marketplace.open_responses")
    if locked.status != RequestStatus.PUBLISHED or locked.response_deadline > timezone.now():
        raise ValidationError(
            _("Responses are sealed until the deadline %(deadline)s.")
            % {"deadline": _when(locked.response_deadline)}
        )
    if locked.opened_at is not None or locked.opening_started_at is not None:
        raise ValidationError(_("The opening has already been started."))
    locked.opening_started_by, locked.opening_started_at = actor, timezone.now()
    save_with_history(locked, actor=actor)
    _log(locked, EventKind.OPENING_STARTED, actor)
    return locked


@transaction.atomic
def opening_confirm(*, actor: User, request: ProcurementRequest) -> ProcurementRequest:
    """A second, different person confirms: the responses are opened for the buyer's leaders."""
    locked = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    _require_buyer(actor, locked, "marketplace.open_responses")
    if locked.opened_at is not None:
        raise ValidationError(_("The responses have already been opened."))
    if locked.opening_started_at is None:
        raise ValidationError(_("The opening has not been started."))
    if locked.opening_started_by_id == actor.pk:
        raise ValidationError(
            _("A second person of the buying organisation must confirm the opening (four eyes).")
        )
    locked.opened_by, locked.opened_at = actor, timezone.now()
    save_with_history(locked, actor=actor)
    _log(
        locked,
        EventKind.OPENED,
        actor,
        _("%(count)d responses opened.") % {"count": locked.responses.count()},
    )
    return locked


@transaction.atomic
def score_set(
    *, actor: User, response: Response, criterion: Criterion, score: int, comment: str = ""
) -> Score:
    request = response.request
    _require_buyer(actor, request, "marketplace.evaluate")
    if request.opened_at is None:
        raise ValidationError(_("Responses can be evaluated only after the opening."))
    if request.status == RequestStatus.CLOSED:
        raise ValidationError(_("The outcome is recorded; the evaluation is closed."))
    if criterion.request_id != request.pk:
        raise ValidationError({"criterion": _("The criterion belongs to another request.")})
    found = Score.objects.filter(response=response, criterion=criterion).first()
    entry = found or Score(response=response, criterion=criterion)
    entry.score, entry.comment, entry.scored_by = score, comment, actor
    save_with_history(entry, actor=actor)
    return entry


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    request: ProcurementRequest,
    outcome: str,
    rationale: str,
    awarded_response: Response | None = None,
) -> ProcurementRequest:
    """Close a request with its outcome and tell every responder and follower.

    An award names one opened response; no award needs the responses opened (or none to open);
    cancelling is possible at any time after publishing.
    """
    locked = ProcurementRequest.objects.select_for_update().get(pk=request.pk)
    _require_buyer(actor, locked, "marketplace.decide_outcome")
    if locked.status != RequestStatus.PUBLISHED:
        raise ValidationError(_("Only a published request can be closed with an outcome."))
    if not rationale.strip():
        raise ValidationError({"rationale": _("Give the rationale for the outcome.")})
    has_responses = locked.responses.exists()
    if outcome in (Outcome.AWARD, Outcome.NO_AWARD):
        if locked.response_deadline > timezone.now():
            raise ValidationError(
                {"outcome": _("An award or no award can be decided only after the deadline.")}
            )
        if has_responses and locked.opened_at is None:
            raise ValidationError({"outcome": _("Open the responses first.")})
    if outcome == Outcome.AWARD:
        if awarded_response is None or awarded_response.request_id != locked.pk:
            raise ValidationError({"awarded_response": _("Choose the response that is awarded.")})
    else:
        awarded_response = None
    locked.outcome, locked.outcome_rationale = outcome, rationale
    locked.awarded_response = awarded_response
    locked.outcome_at, locked.status = timezone.now(), RequestStatus.CLOSED
    save_with_history(locked, actor=actor)
    _log(locked, EventKind.OUTCOME, actor, f"{locked.get_outcome_display()}: {rationale}")
    title, label = locked.title, Outcome(outcome).label
    _tell(
        locked,
        followers_and_responders(request=locked),
        lambda: _("Outcome of “%(title)s”: %(outcome)s") % {"title": title, "outcome": label},
        rationale,
    )
    return locked
