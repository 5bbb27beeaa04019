"""How django-allauth treats our accounts where its defaults are not enough."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from samskapa.accounts import services
from samskapa.core.throttling import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's rate limits count by: ours, which only trusts our proxies."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def set_password(self, user: Any, password: str) -> None:
        """Change, reset and first setting of a password all come here: revoke API tokens too."""
        with transaction.atomic():
            super().set_password(user, password)
            services.user_password_changed(user=user)
