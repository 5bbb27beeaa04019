from django.contrib import admin

from samskapa.geo.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "population"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]
