from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samskapa.projects.models import Funding, Project, ProjectUnit, UnitPhaseRole


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0


class ProjectUnitInline(admin.TabularInline):
    model = ProjectUnit
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality", "organisation", "phase", "visibility"]
    list_filter = ["phase", "visibility"]
    list_select_related = ["municipality", "organisation"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["municipality", "organisation", "created_by"]
    filter_horizontal = ["dimensions", "sdg_targets"]
    inlines = [FundingInline, ProjectUnitInline]


@admin.register(UnitPhaseRole)
class UnitPhaseRoleAdmin(SimpleHistoryAdmin):
    list_display = ["project_unit", "phase", "role"]
    list_filter = ["phase", "role"]
    list_select_related = ["project_unit__unit", "project_unit__project"]
    raw_id_fields = ["project_unit"]
