"""Ask everyone signed in to accept the terms and privacy notice in force before going on."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from samskapa.accounts.selectors import document_ids_in_force, documents_to_accept

# Pages reachable before accepting: the documents themselves, the page that accepts them,
# logging out, switching language, allauth's account pages and the administration site (where
# the administrator fixes a version published by mistake).
EXEMPT_URL_NAMES = {
    "accounts:consent",
    "accounts:legal_document",
    "set_language",
    "javascript-catalog",
    "health",
}
EXEMPT_NAMESPACES = {"admin"}
SESSION_KEY = "accounts_consented_documents"


class ConsentMiddleware:
    """Send a signed-in person who has not accepted the versions in force to the consent page.

    Only pages read with GET are held back: the consent page is where the person goes next, and
    nothing they send from it is lost. The API, used with tokens by programs, is not affected.
    What was found is kept in the session, so a person who has accepted costs no query per page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "GET" or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_URL_NAMES:
            return None
        if match.namespace in EXEMPT_NAMESPACES or match.view_name.startswith("account_"):
            return None
        if request.path.startswith("/api/"):
            return None
        in_force = document_ids_in_force()
        if not in_force or request.session.get(SESSION_KEY) == in_force:
            return None
        if documents_to_accept(user=request.user):
            return redirect(
                f"{reverse('accounts:consent')}?{urlencode({'next': request.get_full_path()})}"
            )
        request.session[SESSION_KEY] = in_force
        return None
