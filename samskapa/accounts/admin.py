from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samskapa.accounts import services
from samskapa.accounts.models import Consent, LegalDocument, User


class PasswordChangeForm(AdminPasswordChangeForm):
    """The administrator's "change password" form; it revokes the person's API tokens too."""

    def save(self, commit: bool = True) -> Any:
        with transaction.atomic():
            user = super().save(commit=commit)
            if commit:
                services.user_password_changed(user=user)
        return user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser", "date_joined"]
    # The display name is what others see; the admin may correct an offensive one.
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal information"), {"fields": ("full_name", "municipality", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_active", "is_superuser"]
    raw_id_fields = ["municipality"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    """The terms of use and the privacy notice: write a new version, then publish it."""

    list_display = ["kind", "version", "title_sv", "published_at"]
    list_filter = ["kind"]

    def get_readonly_fields(self, request: Any, obj: LegalDocument | None = None) -> list[str]:
        # What people accepted must stay what they read: a published version is never edited.
        if obj is not None and obj.published_at is not None:
            return ["kind", "version", "title_sv", "title_en", "body_sv", "body_en", "published_at"]
        return []

    def save_model(self, request: Any, obj: LegalDocument, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.legal_documents_changed()

    def has_delete_permission(self, request: Any, obj: LegalDocument | None = None) -> bool:
        return obj is None or obj.published_at is None


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "document", "accepted_at"]
    list_filter = ["document"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Consent | None = None) -> bool:
        return False
