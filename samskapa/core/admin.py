from django.contrib import admin

from samskapa.core.models import Notification, StakeholderGroup, SustainabilityDimension


@admin.register(SustainabilityDimension)
class SustainabilityDimensionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "position"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_sv", "name_en", "position"]
    search_fields = ["name_sv", "name_en"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "created_at", "read_at", "emailed_at"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
