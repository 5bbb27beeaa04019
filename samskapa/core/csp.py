"""The Content-Security-Policy, with named exceptions for pages we do not write ourselves.

The policy itself is ``CONTENT_SECURITY_POLICY`` in the settings (django-csp). A page of ours
that needs more fixes the page. A third-party page that cannot run under the policy (Redoc)
gets directives replaced by URL name in ``CONTENT_SECURITY_POLICY_BY_VIEW``, so the exception
is written down in one place, with its reason, and never widens the policy of other pages.
"""

from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware plus ``CONTENT_SECURITY_POLICY_BY_VIEW`` (URL name: directives).

    A view's own ``csp_replace`` decorator still wins over the setting.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        match = request.resolver_match
        exceptions: dict[str, Any] = getattr(settings, "CONTENT_SECURITY_POLICY_BY_VIEW", {})
        if not report_only and match is not None and match.view_name in exceptions:
            parts.replace = {**exceptions[match.view_name], **(parts.replace or {})}
        return parts
