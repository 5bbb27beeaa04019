"""Pages of the marketplace: services, requests, questions, responses, opening and outcome."""

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskapa.accounts.models import User
from samskapa.core.access import signed_in
from samskapa.core.actions import call_action
from samskapa.core.filters import filter_list
from samskapa.core.history import history_entries
from samskapa.core.models import HelixSector
from samskapa.core.pagination import paginate
from samskapa.core.predicates import LEADER_ROLES, organisation_ids
from samskapa.core.uploads import upload_response
from samskapa.core.views import call_service
from samskapa.ideas.selectors import challenges_visible_to
from samskapa.marketplace import services
from samskapa.marketplace.filters import RequestFilter, ServiceFilter
from samskapa.marketplace.forms import (
    AnswerForm,
    CriterionForm,
    DeadlineForm,
    OutcomeForm,
    QuestionForm,
    ReferenceForm,
    RequestDocumentForm,
    RequestForm,
    RequirementForm,
    ResponseForm,
    ScoreForm,
    ServiceForm,
)
from samskapa.marketplace.matching import requests_for_service, services_for_request
from samskapa.marketplace.models import (
    Criterion,
    ProcurementRequest,
    Question,
    RequestStatus,
    Requirement,
    Response,
)
from samskapa.marketplace.sealing import unseal
from samskapa.marketplace.selectors import (
    COMPARE_LIMIT,
    access_reference,
    access_request,
    access_response,
    access_service,
    evaluation_table,
    leads_the_buyer,
    my_questions,
    my_responses,
    opened_responses,
    provider_organisations,
    questions_to_answer,
    request_events,
    request_list,
    service_list,
    services_to_compare,
)
from samskapa.needs.selectors import needs_visible_to
from samskapa.organisations.models import Organisation

PER_PAGE = 20
CHANGE = "marketplace.change_request"


# --- Services ----------------------------------------------------------------------------------


def service_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, ServiceFilter, service_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "filterset": listed.filterset,
        "can_offer": request.user.has_perm("marketplace.offer_service"),
    }
    return render(request, "marketplace/service_list.html", context)


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = access_service(user=request.user, slug=slug)
    can_change = request.user.has_perm("marketplace.change_service", service)
    context = {
        "service": service,
        "can_change": can_change,
        "confirmable": {
            reference.pk
            for reference in service.shown_references  # type: ignore[attr-defined]
            if request.user.has_perm("marketplace.confirm_reference", reference)
        },
        "history": history_entries(service) if can_change else None,
        "fitting_requests": requests_for_service(user=request.user, service=service)
        if can_change
        else [],
    }
    return render(request, "marketplace/service_detail.html", context)


def service_compare(request: HttpRequest) -> HttpResponse:
    slugs = request.GET.getlist("s")
    compared = services_to_compare(user=request.user, slugs=slugs)
    context = {
        "services": compared,
        "limit": COMPARE_LIMIT,
        "too_many": len(set(slugs)) > COMPARE_LIMIT,
    }
    return render(request, "marketplace/service_compare.html", context)


def _providers(user: User) -> Any:
    return Organisation.objects.filter(pk__in=organisation_ids(user)).order_by("name")


@login_required
def service_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("marketplace.offer_service"):
        raise PermissionDenied(
            _("A service is offered by an organisation. Join or register your organisation first.")
        )
    form = ServiceForm(request.POST or None, providers=_providers(user))
    if request.method == "POST" and form.is_valid():
        service = call_service(form, services.service_create, actor=user, **form.cleaned_data)
        if service is not None:
            messages.success(request, _("The service has been registered."))
            return redirect(service)
    return render(
        request, "marketplace/form.html", {"form": form, "title": _("Register a digital service")}
    )


@login_required
def service_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    service = access_service(user=user, slug=slug, rule="marketplace.change_service")
    form = ServiceForm(request.POST or None, instance=service, providers=_providers(user))
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.service_update, actor=user, service=service, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(service)
    context = {"form": form, "title": _("Edit %(name)s") % {"name": service.name}, "back": service}
    return render(request, "marketplace/form.html", context)


@login_required
def reference_add(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request.user)
    service = access_service(user=user, slug=slug, rule="marketplace.change_service")
    form = ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, services.reference_add, actor=user, service=service, **form.cleaned_data)
        if form.is_valid():
            messages.success(
                request, _("The reference is shown to all once the municipality confirms it.")
            )
            return redirect(f"{service.get_absolute_url()}#references")
    context = {"form": form, "title": _("Add a reference municipality"), "back": service}
    return render(request, "marketplace/form.html", context)


@login_required
@require_POST
def reference_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    reference = access_reference(user=user, pk=pk, rule="marketplace.confirm_reference")
    call_action(
        request,
        services.reference_confirm,
        success=_("The reference has been confirmed."),
        actor=user,
        reference=reference,
    )
    return redirect(f"{reference.service.get_absolute_url()}#references")


# --- Requests ----------------------------------------------------------------------------------


def request_list_view(request: HttpRequest) -> HttpResponse:
    listed = filter_list(request, RequestFilter, request_list(user=request.user))
    context = {
        "page_obj": paginate(request, listed.queryset, per_page=PER_PAGE),
        "filters": listed.filterset.data,
        "filterset": listed.filterset,
        "can_create": request.user.has_perm("marketplace.start_request"),
        "now": timezone.now(),
    }
    return render(request, "marketplace/request_list.html", context)


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = access_request(user=request.user, pk=pk)
    user = request.user
    now = timezone.now()
    can_change = user.has_perm(CHANGE, procurement)
    can_open = leads_the_buyer(user, procurement)
    context = {
        "procurement": procurement,
        "now": now,
        "can_change": can_change,
        "can_open": can_open,
        "can_ask": user.has_perm("marketplace.ask_question", procurement),
        "can_respond": user.has_perm("marketplace.respond", procurement),
        "is_following": user.is_authenticated and procurement.followers.filter(pk=user.pk).exists(),
        "questions_open": procurement.status == RequestStatus.PUBLISHED
        and now <= procurement.question_deadline,
        "responses_open": procurement.status == RequestStatus.PUBLISHED
        and now < procurement.response_deadline,
        "deadline_passed": now >= procurement.response_deadline,
        "to_answer": questions_to_answer(request=procurement) if can_change else [],
        "my_questions": my_questions(user=user, request=procurement),
        "my_responses": my_responses(user=user, request=procurement),
        # Matching helps the buyer see the market; providers see their own fit on their services.
        "matches": services_for_request(user=user, request=procurement) if can_change else [],
        "events": request_events(request=procurement)
        if procurement.status != RequestStatus.DRAFT
        else [],
    }
    return render(request, "marketplace/request_detail.html", context)


def _request_form(
    request: HttpRequest, user: User, procurement: ProcurementRequest | None
) -> RequestForm:
    buyers = Organisation.objects.filter(
        pk__in=organisation_ids(user, LEADER_ROLES), helix_sector=HelixSector.PUBLIC
    ).order_by("name")
    mine = organisation_ids(user)
    needs = (
        needs_visible_to(user=user)
        .filter(Q(project__organisation_id__in=mine))
        .select_related("project")
        .order_by("title")[:500]
    )
    challenges = (
        challenges_visible_to(user=user)
        .filter(project__organisation_id__in=mine)
        .order_by("title")[:200]
    )
    return RequestForm(
        request.POST or None,
        instance=procurement,
        buyers=buyers,
        # Sliced querysets cannot be filtered by the form: choose by primary key instead.
        needs=needs_visible_to(user=user).filter(pk__in=[n.pk for n in needs]),
        challenges=challenges_visible_to(user=user).filter(pk__in=[c.pk for c in challenges]),
    )


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request.user)
    if not user.has_perm("marketplace.start_request"):
        raise PermissionDenied(
            _(
                "A request is made by a municipality; you need to be a project leader or "
                "administrator of one."
            )
        )
    form = _request_form(request, user, None)
    if request.method == "POST" and form.is_valid():
        procurement = call_service(form, services.request_create, actor=user, **form.cleaned_data)
        if procurement is not None:
            messages.success(
                request,
                _("The draft has been saved. Add requirements and criteria, then publish it."),
            )
            return redirect(procurement)
    return render(request, "marketplace/form.html", {"form": form, "title": _("New request")})


@login_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    form = _request_form(request, user, procurement)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.request_update, actor=user, request=procurement, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The changes have been saved."))
            return redirect(procurement)
    context = {"form": form, "title": _("Edit the request"), "back": procurement}
    return render(request, "marketplace/form.html", context)


def _subform(
    request: HttpRequest, pk: int, form_class: Any, service: Any, title: str, success: str
) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, service, actor=user, request=procurement, **form.cleaned_data)
        if form.is_valid():
            messages.success(request, success)
            return redirect(procurement)
    return render(
        request, "marketplace/form.html", {"form": form, "title": title, "back": procurement}
    )


@login_required
def requirement_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _subform(
        request,
        pk,
        RequirementForm,
        services.requirement_add,
        _("Add a requirement"),
        _("The requirement has been added."),
    )


@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _subform(
        request,
        pk,
        CriterionForm,
        services.criterion_add,
        _("Add an evaluation criterion"),
        _("The criterion has been added."),
    )


@login_required
def request_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    form = RequestDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.request_document_add,
            actor=user,
            request=procurement,
            file=form.cleaned_data["file"],
        )
        if form.is_valid():
            messages.success(request, _("The document has been attached."))
            return redirect(f"{procurement.get_absolute_url()}#documents")
    context = {
        "form": form,
        "title": _("Attach a document"),
        "back": procurement,
        "multipart": True,
    }
    return render(request, "marketplace/form.html", context)


def request_document(request: HttpRequest, pk: int, item: int) -> FileResponse:
    """A document of a request, to whoever may see the request."""
    procurement = access_request(user=request.user, pk=pk)
    upload = get_object_or_404(procurement.documents.all(), pk=item)
    return upload_response(upload)


@login_required
def response_document(request: HttpRequest, pk: int, item: int, number: int) -> HttpResponse:
    """A document of an opened response, decrypted for the buying organisation's leaders."""
    user = signed_in(request.user)
    response = access_response(user=user, pk=item)
    procurement = access_request(user=user, pk=pk)
    if response.request_id != procurement.pk or not (
        leads_the_buyer(user, procurement) and procurement.opened_at is not None
    ):
        raise Http404
    documents = unseal(response.sealed).get("documents", [])
    if not 0 <= number < len(documents):
        raise Http404
    document = documents[number]
    answer = HttpResponse(base64.b64decode(document["data"]), content_type=document["content_type"])
    answer["Content-Disposition"] = content_disposition_header(True, document["name"])
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Content-Security-Policy"] = "default-src 'none'; sandbox"
    answer["Cache-Control"] = "private, no-store"
    return answer


@login_required
def deadline_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    initial = {
        "question_deadline": timezone.localtime(procurement.question_deadline),
        "response_deadline": timezone.localtime(procurement.response_deadline),
    }
    form = DeadlineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        call_service(
            form,
            services.request_move_deadline,
            actor=user,
            request=procurement,
            **form.cleaned_data,
        )
        if form.is_valid():
            messages.success(
                request, _("The deadlines have been moved and everyone has been told.")
            )
            return redirect(procurement)
    context = {"form": form, "title": _("Move the deadlines"), "back": procurement}
    return render(request, "marketplace/form.html", context)


@login_required
@require_POST
def requirement_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    requirement = get_object_or_404(Requirement, request=procurement, pk=item)
    requirement.request = procurement
    call_action(
        request,
        services.requirement_remove,
        success=_("The requirement has been removed."),
        actor=user,
        requirement=requirement,
    )
    return redirect(procurement)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    criterion = get_object_or_404(Criterion, request=procurement, pk=item)
    criterion.request = procurement
    call_action(
        request,
        services.criterion_remove,
        success=_("The criterion has been removed."),
        actor=user,
        criterion=criterion,
    )
    return redirect(procurement)


@login_required
@require_POST
def request_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    call_action(
        request,
        services.request_publish,
        success=_("The request has been published."),
        actor=user,
        request=procurement,
    )
    return redirect(procurement)


@login_required
@require_POST
def request_follow(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule="marketplace.follow_request")
    follow = request.POST.get("follow") != "0"
    call_action(
        request,
        services.request_follow,
        success=_("You follow the request.") if follow else _("You no longer follow the request."),
        actor=user,
        request=procurement,
        follow=follow,
    )
    return redirect(procurement)


# --- Questions ---------------------------------------------------------------------------------


@login_required
def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule="marketplace.ask_question")
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.question_ask, actor=user, request=procurement, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(
                request, _("Your question has been sent. The answer is published to all providers.")
            )
            return redirect(f"{procurement.get_absolute_url()}#questions")
    context = {"form": form, "title": _("Ask a clarification question"), "back": procurement}
    return render(request, "marketplace/form.html", context)


@login_required
def question_answer(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule=CHANGE)
    question = get_object_or_404(Question, request=procurement, pk=item)
    question.request = procurement
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.question_answer, actor=user, question=question, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The answer has been published to all providers."))
            return redirect(f"{procurement.get_absolute_url()}#questions")
    context = {
        "form": form,
        "title": _("Answer a question"),
        "back": procurement,
        "quote": question.text,
    }
    return render(request, "marketplace/form.html", context)


# --- Responses ---------------------------------------------------------------------------------


@login_required
def response_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule="marketplace.respond")
    providers = provider_organisations(user=user, request=procurement)
    requirements = list(procurement.requirements.all())
    form = ResponseForm(
        request.POST or None,
        request.FILES or None,
        providers=providers,
        requirements=requirements,
    )
    if request.method == "POST" and form.is_valid():
        receipt = call_service(
            form,
            services.response_submit,
            actor=user,
            request=procurement,
            provider=form.cleaned_data["provider"],
            answers=form.answers(),
            summary=form.cleaned_data["summary"],
            price=form.cleaned_data["price"],
            files=form.files_to_seal(),
        )
        if receipt is not None:
            messages.success(
                request,
                _("Your response has been sealed and received. Receipt: %(digest)s")
                % {"digest": receipt.digest},
            )
            return redirect(f"{procurement.get_absolute_url()}#my-responses")
    context = {"form": form, "procurement": procurement, "requirements": requirements}
    return render(request, "marketplace/response_form.html", context)


@login_required
@require_POST
def opening(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the opening, or confirm it as the second person."""
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule="marketplace.open_responses")
    if procurement.opening_started_at is None:
        call_action(
            request,
            services.opening_start,
            success=_("The opening has been started. A second person must confirm it."),
            actor=user,
            request=procurement,
        )
    else:
        call_action(
            request,
            services.opening_confirm,
            success=_("The responses have been opened."),
            actor=user,
            request=procurement,
        )
    return redirect(procurement)


def _opened(user: User, pk: int) -> ProcurementRequest:
    procurement = access_request(user=user, pk=pk, rule="marketplace.evaluate")
    if not leads_the_buyer(user, procurement):
        raise PermissionDenied(_("Only the buying organisation evaluates the responses."))
    if procurement.opened_at is None:
        raise PermissionDenied(_("The responses are sealed until they have been opened."))
    return procurement


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = _opened(user, pk)
    context = {
        "procurement": procurement,
        "rows": evaluation_table(request=procurement),
        "criteria": list(procurement.criteria.all()),
    }
    return render(request, "marketplace/evaluation.html", context)


@login_required
def response_detail(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """An opened response (to the buyer's leaders) or one's own receipt view (to the provider)."""
    user = signed_in(request.user)
    response = access_response(user=user, pk=item)
    if response.request_id != pk:
        raise PermissionDenied
    procurement = access_request(user=user, pk=pk)
    is_buyer = leads_the_buyer(user, procurement) and procurement.opened_at is not None
    content = unseal(response.sealed) if is_buyer else None
    criteria = list(procurement.criteria.all())
    form = None
    if is_buyer and procurement.status == RequestStatus.PUBLISHED:
        current = {s.criterion_id: s for s in response.scores.all()}
        form = ScoreForm(request.POST or None, criteria=criteria, current=current)
        if request.method == "POST" and form.is_valid():
            for criterion in criteria:
                value = form.cleaned_data.get(f"score_{criterion.pk}")
                if value in ("", None):
                    continue
                call_service(
                    form,
                    services.score_set,
                    actor=user,
                    response=response,
                    criterion=criterion,
                    score=int(value),
                    comment=form.cleaned_data.get(f"comment_{criterion.pk}", ""),
                )
            if form.is_valid():
                messages.success(request, _("The scores have been saved."))
                return redirect("marketplace:evaluation", pk=pk)
    context = {
        "procurement": procurement,
        "response": response,
        "content": content,
        "form": form,
        "receipts": response.receipts.order_by("-submitted_at"),
    }
    return render(request, "marketplace/response_detail.html", context)


@login_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request.user)
    procurement = access_request(user=user, pk=pk, rule="marketplace.decide_outcome")
    responses: Any = (
        opened_responses(request=procurement) if procurement.opened_at else Response.objects.none()
    )
    form = OutcomeForm(request.POST or None, responses=responses)
    if request.method == "POST" and form.is_valid():
        call_service(
            form, services.outcome_record, actor=user, request=procurement, **form.cleaned_data
        )
        if form.is_valid():
            messages.success(request, _("The outcome has been recorded and every responder told."))
            return redirect(procurement)
    context = {"form": form, "title": _("Record the outcome"), "back": procurement}
    return render(request, "marketplace/form.html", context)
