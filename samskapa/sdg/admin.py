from django.contrib import admin

from samskapa.sdg.models import Goal, Target


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_sv", "short_en"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "text_sv"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["code", "text_sv", "text_en"]
