from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samskapa.programmes.models import Milestone, Participant, Phase, Programme


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["organisation"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["name", "start_date", "end_date"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "start_date", "end_date", "visibility"]
    list_filter = ["visibility"]
    list_select_related = ["organisation"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["organisation", "created_by"]
    filter_horizontal = ["municipalities", "projects"]
    date_hierarchy = "start_date"
    inlines = [ParticipantInline, PhaseInline]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "programme", "role"]
    list_filter = ["role"]
    list_select_related = ["organisation", "programme"]
    search_fields = ["organisation__name", "programme__name"]
    raw_id_fields = ["programme", "organisation"]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "start_date", "end_date"]
    list_select_related = ["programme"]
    search_fields = ["name", "programme__name"]
    raw_id_fields = ["programme"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "due_on", "status", "completed_on", "responsible"]
    list_filter = ["status"]
    list_select_related = ["programme", "responsible"]
    search_fields = ["title", "programme__name"]
    raw_id_fields = ["programme", "phase", "responsible"]
    date_hierarchy = "due_on"
