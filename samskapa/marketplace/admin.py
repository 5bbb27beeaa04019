"""Admin of the marketplace. Responses show their receipt data only: the sealed content is
ciphertext, and the admin never decrypts it."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from samskapa.marketplace.models import (
    Criterion,
    ProcurementRequest,
    Question,
    RequestEvent,
    Requirement,
    Response,
    Service,
    ServiceReference,
)


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "provider", "category", "pricing_model", "is_published"]
    list_filter = ["category", "pricing_model", "is_published"]
    list_select_related = ["provider"]
    search_fields = ["name", "summary"]
    raw_id_fields = ["provider", "created_by"]
    filter_horizontal = ["dimensions", "goals"]


@admin.register(ServiceReference)
class ServiceReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["service", "municipality", "confirmed_at"]
    list_select_related = ["service", "municipality"]
    raw_id_fields = ["service", "municipality", "confirmed_by"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ProcurementRequest)
class ProcurementRequestAdmin(SimpleHistoryAdmin):
    list_display = ["title", "buyer", "request_type", "status", "response_deadline", "outcome"]
    list_filter = ["status", "request_type", "outcome"]
    list_select_related = ["buyer"]
    search_fields = ["title", "summary"]
    raw_id_fields = [
        "buyer",
        "created_by",
        "opening_started_by",
        "opened_by",
        "awarded_response",
        "followers",
        "needs",
        "challenges",
    ]
    # The opening is recorded by the four-eyes services only.
    readonly_fields = ["opening_started_by", "opening_started_at", "opened_by", "opened_at"]
    inlines = [RequirementInline, CriterionInline]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "request", "asked_at", "answered_at"]
    list_select_related = ["request"]
    raw_id_fields = ["request", "asked_by", "answered_by"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Receipt data only; no one adds or changes a response here."""

    list_display = ["provider", "request", "submitted_at", "digest"]
    list_select_related = ["provider", "request"]
    fields = ["request", "provider", "submitted_by", "submitted_at", "digest"]
    readonly_fields = ["request", "provider", "submitted_by", "submitted_at", "digest"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RequestEvent)
class RequestEventAdmin(admin.ModelAdmin):
    list_display = ["request", "kind", "actor", "at"]
    list_select_related = ["request", "actor"]
    readonly_fields = ["request", "kind", "actor", "at", "details"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
