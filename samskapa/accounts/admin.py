from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samskapa.accounts import services
from samskapa.accounts.models import User


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
