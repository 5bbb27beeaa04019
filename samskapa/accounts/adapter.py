"""How django-allauth treats our accounts where its defaults are not enough."""

from types import SimpleNamespace
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation

from samskapa.accounts import services
from samskapa.core.emails import greeting, sign_off, site_domain, site_name, with_html
from samskapa.core.throttling import client_ip


def _on_site(value: Any, request_root: str) -> Any:
    """A link allauth built from the request's host, moved under ``SITE_URL``."""
    if isinstance(value, str) and request_root and value.startswith(request_root):
        return settings.SITE_URL.rstrip("/") + "/" + value[len(request_root) :]
    return value


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

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_name()}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's e-mails with our site's name and address, a greeting, and an HTML part.

        allauth names the site after the request's host and builds its links from it; an e-mail
        sent while the site is reached as 127.0.0.1, or behind a proxy, would then say so.
        """
        request = self.request
        root = request.build_absolute_uri("/") if request is not None else ""
        user = context.get("user")
        language = getattr(user, "language", "") or translation.get_language() or "sv"
        with translation.override(language):
            ctx = {
                "request": request,
                "email": email,
                "current_site": SimpleNamespace(name=site_name(), domain=site_domain()),
                "site_name": site_name(),
                "site_url": settings.SITE_URL,
                "greeting": greeting(user),
                "sign_off": sign_off(),
            }
            ctx.update({key: _on_site(value, root) for key, value in context.items()})
            message = self.render_mail(template_prefix, email, ctx)
            if not isinstance(message, EmailMultiAlternatives):
                message = _as_multipart(message)
            with_html(message, language=language).send()


def _as_multipart(message: EmailMessage) -> EmailMultiAlternatives:
    return EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        headers=message.extra_headers,
    )
