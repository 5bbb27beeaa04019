"""Error answers that must not depend on what failed: bad input, a lost database, a crash.

The API always answers JSON with a ``detail`` (the same shape as ``core.api.exception_handler``),
the pages a short standalone page (templates ``400.html``, ``500.html``, ``503.html``) that
needs neither the database nor the URL configuration.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

# Seconds a client is told to wait before trying again while the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def is_api_request(request: HttpRequest) -> bool:
    """True for the REST API, whose callers read JSON and never an HTML page."""
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """400 with ``message`` meant for the person or program that sent the request."""
    if is_api_request(request):
        return JsonResponse({"detail": message}, status=400)
    body = loader.render_to_string("400.html", {"message": message})
    return HttpResponse(body, status=400)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: the database cannot be reached, and trying again will help."""
    if is_api_request(request):
        response: HttpResponse = JsonResponse(
            {"detail": _("The service is temporarily unavailable. Please try again in a minute.")},
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _is_database_unavailable(error: BaseException | None) -> bool:
    # OperationalError covers a refused or lost connection and a server shutting down;
    # InterfaceError a connection that was already closed underneath us.
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: JSON under /api/, the 503 page when the database is gone, else 500.html.

    Django calls it while it handles the exception (and has logged it with its traceback
    through ``django.request``), so ``sys.exc_info()`` names what went wrong.
    """
    if _is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    if is_api_request(request):
        return JsonResponse(
            {"detail": _("A server error occurred. It has been logged; please try again later.")},
            status=500,
        )
    return defaults.server_error(request, template_name=template_name)
