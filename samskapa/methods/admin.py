from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samskapa.methods.models import Adaptation, ExperienceReport, Method, MethodStep


class MethodStepInline(admin.TabularInline):
    model = MethodStep
    extra = 0


@admin.register(Method)
class MethodAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "status", "is_featured", "version", "rating_average"]
    list_filter = ["status", "phase", "is_featured"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["merged_into", "proposed_by"]
    readonly_fields = ["version", "rating_average", "report_count", "total_minutes"]
    inlines = [MethodStepInline]


@admin.register(Adaptation)
class AdaptationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "method", "municipality", "created_at"]
    list_select_related = ["method", "municipality"]
    raw_id_fields = ["method", "organisation", "author"]


@admin.register(ExperienceReport)
class ExperienceReportAdmin(SimpleHistoryAdmin):
    list_display = ["place", "method", "municipality", "used_on"]
    list_select_related = ["method", "municipality"]
    raw_id_fields = ["method", "adaptation", "organisation", "author"]
