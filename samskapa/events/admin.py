from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samskapa.events.models import Event, ExperiencePost, Network, NetworkMember, Registration


class NetworkMemberInline(admin.TabularInline):
    model = NetworkMember
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    inlines = [NetworkMemberInline]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "organiser", "starts_at", "capacity", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title"]
    raw_id_fields = ["organiser", "network", "host_municipality", "created_by"]
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "event__title"]
    raw_id_fields = ["event", "user", "registered_by", "organisation"]
    # Seats change only through the services, which lock the event and keep the waiting list.
    readonly_fields = ["status", "promoted_at", "cancelled_at"]


@admin.register(ExperiencePost)
class ExperiencePostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "network", "created_at"]
    search_fields = ["title"]
    raw_id_fields = ["network", "author", "organisation", "event", "initiatives"]
