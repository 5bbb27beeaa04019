"""REST API of the marketplace: the same selectors and services as the pages.

Responses are sealed here as on the pages: their list answers 403 to the buying organisation
until two of its people have opened them, and a provider sees only its own receipts. The OCDS
endpoints are public: one release package per request, and one of every published request.
"""

import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from samskapa.core.access import signed_in
from samskapa.core.api.fields import ScopedSlugRelatedField
from samskapa.marketplace import ocds, services
from samskapa.marketplace.filters import RequestFilter, ServiceFilter
from samskapa.marketplace.models import (
    Criterion,
    ProcurementRequest,
    Question,
    Receipt,
    Requirement,
    Response,
    Service,
)
from samskapa.marketplace.sealing import unseal
from samskapa.marketplace.selectors import (
    access_request,
    access_service,
    leads_the_buyer,
    my_responses,
    opened_responses,
    request_list,
    service_list,
)
from samskapa.organisations.models import Organisation
from samskapa.organisations.selectors import organisations_user_may_act_for


class MarketServiceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:market-service-detail", lookup_field="slug"
    )
    provider = ScopedSlugRelatedField(
        slug_field="slug",
        scope=organisations_user_may_act_for,
        queryset=Organisation.objects.all(),
    )

    class Meta:
        model = Service
        fields = [
            "url",
            "slug",
            "name",
            "provider",
            "category",
            "summary",
            "description",
            "target_users",
            "pricing_model",
            "price_details",
            "wcag_level",
            "accessibility_statement_url",
            "data_location",
            "has_processor_agreement",
            "sub_processors",
            "open_standards",
            "is_published",
        ]
        read_only_fields = ["slug"]


class ServiceListCreate(generics.ListCreateAPIView):
    """Digital services; ``q``, ``category``, ``pricing_model``, ``data_location`` filter.
    Anyone who acts for an organisation with an organisation number may register one."""

    serializer_class = MarketServiceSerializer
    filterset_class = ServiceFilter
    rules = {
        "GET": None,  # scoped by services_visible_to (marketplace.view_service)
        "POST": "marketplace.offer_service",  # service_create checks add_service on the provider
    }

    def get_queryset(self) -> Any:
        return service_list(user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.service_create(
            actor=signed_in(self.request.user), **serializer.validated_data
        )


class ServiceDetail(generics.RetrieveUpdateAPIView):
    serializer_class = MarketServiceSerializer
    rules = {
        "GET": "marketplace.view_service",
        "PUT": "marketplace.change_service",
        "PATCH": "marketplace.change_service",
    }

    def get_object(self) -> Service:
        service = access_service(user=self.request.user, slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, service)
        return service

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.service_update(
            actor=signed_in(self.request.user),
            service=serializer.instance,
            **serializer.validated_data,
        )


class MarketRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "kind", "text"]


class MarketCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "weight"]


class MarketPublishedQuestionSerializer(serializers.ModelSerializer):
    """A question as published to all: never who asked."""

    class Meta:
        model = Question
        fields = ["id", "text", "answer", "asked_at", "answered_at"]
        read_only_fields = ["answer", "asked_at", "answered_at"]


class MarketRequestSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:market-request-detail")
    buyer = serializers.CharField(source="buyer.slug", read_only=True)
    buyer_name = serializers.CharField(source="buyer.name", read_only=True)
    ocid = serializers.SerializerMethodField()

    class Meta:
        model = ProcurementRequest
        fields = [
            "url",
            "id",
            "ocid",
            "title",
            "buyer",
            "buyer_name",
            "request_type",
            "category",
            "summary",
            "status",
            "published_at",
            "question_deadline",
            "response_deadline",
            "cpv_code",
            "estimated_value",
            "outcome",
        ]

    def get_ocid(self, request: ProcurementRequest) -> str:
        return ocds.ocid(request)


class MarketRequestDetailSerializer(MarketRequestSerializer):
    requirements = MarketRequirementSerializer(many=True, read_only=True)
    criteria = MarketCriterionSerializer(many=True, read_only=True)
    questions = MarketPublishedQuestionSerializer(
        source="published_questions", many=True, read_only=True
    )

    class Meta(MarketRequestSerializer.Meta):
        fields = [
            *MarketRequestSerializer.Meta.fields,
            "description",
            "outcome_rationale",
            "requirements",
            "criteria",
            "questions",
        ]


class RequestList(generics.ListAPIView):
    """Requests the caller may see, newest first; ``q``, ``type``, ``status``, ``open``."""

    serializer_class = MarketRequestSerializer
    filterset_class = RequestFilter
    rules = {"GET": None}  # scoped by requests_visible_to (marketplace.view_request)

    def get_queryset(self) -> Any:
        return request_list(user=self.request.user)


class RequestDetail(generics.RetrieveAPIView):
    serializer_class = MarketRequestDetailSerializer
    rules = {"GET": "marketplace.view_request"}

    def get_object(self) -> ProcurementRequest:
        procurement = access_request(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, procurement)
        return procurement


class _OfRequest:
    """Finds the request of the address: 404 if the caller may not see it."""

    request: Any
    kwargs: dict[str, Any]

    def procurement(self) -> ProcurementRequest:
        cached = getattr(self, "_procurement", None)
        if cached is None:
            cached = access_request(user=self.request.user, pk=self.kwargs["pk"])
            self._procurement = cached
        return cached


class QuestionList(_OfRequest, generics.ListCreateAPIView):
    """Answered questions, published to all without the asker; providers may ask until the
    question deadline (the answer comes later, to everyone)."""

    filter_backends: list[Any] = []
    rules = {
        "GET": None,  # the request's visibility, checked by access_request
        "POST": None,  # question_ask checks marketplace.ask_question and the deadline
    }

    def get_serializer_class(self) -> Any:
        return MarketPublishedQuestionSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Question.objects.none()
        return Question.objects.filter(
            request=self.procurement(), answered_at__isnull=False
        ).order_by("answered_at", "pk")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.question_ask(
            actor=signed_in(self.request.user),
            request=self.procurement(),
            text=serializer.validated_data["text"],
        )


class MarketReceiptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Receipt
        fields = ["submitted_at", "digest", "documents"]


class MarketResponseSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.slug", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    receipts = serializers.SerializerMethodField()
    content = serializers.SerializerMethodField()

    class Meta:
        model = Response
        fields = [
            "id",
            "provider",
            "provider_name",
            "submitted_at",
            "digest",
            "receipts",
            "content",
        ]

    def get_receipts(self, response: Response) -> list[dict[str, Any]]:
        return MarketReceiptSerializer(response.receipts.all(), many=True).data  # type: ignore[return-value]

    def get_content(self, response: Response) -> dict[str, Any] | None:
        """The unsealed content, for the buying organisation after the opening only."""
        if not self.context.get("opened"):
            return None
        content = unseal(response.sealed)
        for document in content.get("documents", []):
            document.pop("data", None)
        return content


class MarketAnswerInput(serializers.Serializer):
    requirement = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    meets = serializers.BooleanField()
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class MarketResponseInput(serializers.Serializer):
    provider = ScopedSlugRelatedField(
        slug_field="slug",
        scope=organisations_user_may_act_for,
        queryset=Organisation.objects.all(),
    )
    summary = serializers.CharField(max_length=8000)
    price = serializers.DecimalField(
        max_digits=14, decimal_places=0, min_value=Decimal(0), required=False, allow_null=True
    )
    answers = MarketAnswerInput(many=True)


class ResponseList(_OfRequest, generics.ListCreateAPIView):
    """Responses to a request. Providers see their own receipts; the buying organisation's
    leaders see every response with its content only after the deadline and the four-eyes
    opening (before it: 403). POST seals and submits a response and answers with the receipt."""

    filter_backends: list[Any] = []
    serializer_class = MarketResponseSerializer
    rules = {
        "GET": None,  # own responses (my_responses) or, once opened, marketplace.evaluate
        "POST": None,  # response_submit checks marketplace.respond, the provider and the deadline
    }

    def get_serializer_class(self) -> Any:
        return MarketResponseInput if self.request.method == "POST" else MarketResponseSerializer

    def _opened(self) -> bool:
        procurement = self.procurement()
        return procurement.opened_at is not None and leads_the_buyer(self.request.user, procurement)

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False):
            context["opened"] = self._opened()
        return context

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Response.objects.none()
        procurement = self.procurement()
        if self._opened():
            return opened_responses(request=procurement).prefetch_related("receipts")
        if leads_the_buyer(self.request.user, procurement):
            raise PermissionDenied(_("The responses are sealed until they have been opened."))
        return my_responses(user=self.request.user, request=procurement)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> ApiResponse:
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        answers = {
            item["requirement"]: {"meets": item["meets"], "comment": item.get("comment", "")}
            for item in values["answers"]
        }
        receipt = services.response_submit(
            actor=signed_in(request.user),
            request=self.procurement(),
            provider=values["provider"],
            answers=answers,
            summary=values["summary"],
            price=values.get("price"),
        )
        return ApiResponse(MarketReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


def _package_response(package: dict[str, Any], *, filename: str | None = None) -> HttpResponse:
    answer = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    if filename:
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


@extend_schema(responses={200: OpenApiTypes.OBJECT})
class RequestOcds(APIView):
    """The OCDS 1.1.5 release package of one published request."""

    rules = {"GET": "marketplace.view_request"}

    def get(self, request: Request, pk: int) -> HttpResponse:
        procurement = access_request(user=request.user, pk=pk)
        self.check_object_permissions(request, procurement)
        found = ocds.releasable_requests().filter(pk=procurement.pk).first()
        if found is None:
            raise NotFound(_("A draft request is not published in OCDS."))
        uri = request.build_absolute_uri(reverse("api:market-request-ocds", kwargs={"pk": pk}))
        return _package_response(ocds.release_package([found], uri=uri))


@extend_schema(responses={200: OpenApiTypes.OBJECT})
class OcdsBulk(APIView):
    """Every published request as one OCDS 1.1.5 release package, to download."""

    rules = {"GET": None}  # public: only published and closed requests are releasable

    def get(self, request: Request) -> HttpResponse:
        found = list(ocds.releasable_requests())
        if not found:
            raise NotFound(_("No request has been published yet."))
        uri = request.build_absolute_uri(reverse("api:market-ocds-bulk"))
        return _package_response(
            ocds.release_package(found, uri=uri), filename="samskapa-ocds-release-package.json"
        )
