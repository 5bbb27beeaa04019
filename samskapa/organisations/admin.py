from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samskapa.organisations.models import Membership, Organisation, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fk_name = "organisation"
    fields = ["name", "kind", "responsibility"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "helix_sector", "org_number", "municipality", "is_verified"]
    list_filter = ["is_verified", "type", "helix_sector"]
    list_editable = ["is_verified"]
    list_select_related = ["municipality"]
    search_fields = ["name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["municipality"]
    inlines = [UnitInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "project"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation", "project"]
    raw_id_fields = ["user", "organisation", "project"]
    search_fields = ["user__email", "organisation__name", "project__name"]
