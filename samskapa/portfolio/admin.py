from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from samskapa.portfolio.models import GateDecision, Initiative


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "stage", "municipality", "lead_organisation", "programme"]
    list_filter = ["stage", "risk", "expected_effect", "visibility"]
    list_select_related = ["municipality", "lead_organisation", "programme"]
    search_fields = ["title", "summary"]
    raw_id_fields = [
        "idea",
        "programme",
        "project",
        "municipality",
        "lead_organisation",
        "responsible_unit",
        "created_by",
    ]
    filter_horizontal = ["partners", "stakeholder_groups", "dimensions", "sdg_targets"]
    # The stage moves only through logged gate decisions (portfolio.services.gate_decide).
    readonly_fields = ["stage", "furthest_stage", "parked_from_stage", "parked_reason"]
    exclude = ["needs"]


@admin.register(GateDecision)
class GateDecisionAdmin(admin.ModelAdmin):
    """Read-only: gate decisions are logged by the gate service and never changed or deleted."""

    list_display = ["initiative", "decision", "from_stage", "to_stage", "decided_by", "decided_at"]
    list_filter = ["decision", "to_stage"]
    list_select_related = ["initiative", "decided_by"]
    search_fields = ["initiative__title", "rationale", "board_reference"]
    date_hierarchy = "decided_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
