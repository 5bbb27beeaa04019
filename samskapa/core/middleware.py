"""Middleware of the whole site: one log line per request, and refusing NUL characters."""

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from samskapa.core.errors import bad_request
from samskapa.core.parsers import NUL, has_nul, nul_message, querydict_has_nul

logger = logging.getLogger("samskapa.request")


class RequestLogMiddleware:
    """One structured log line per request (JSON in production)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        logger.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
                "request_id": request.headers.get("X-Request-Id", ""),
            },
        )
        return response


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:
        return None  # the session could not be read; the response already says why


class RejectNulMiddleware:
    """Answer 400 to a request with a NUL character in its address, query, headers or form.

    PostgreSQL text cannot hold NUL, so such a value would otherwise fail deep inside a search,
    a filter or a lookup with a 500. Checked once here for every page and API call; JSON bodies
    are checked by ``core.parsers.JSONParser``. Placed after ``LocaleMiddleware`` so that the
    message is in the reader's language, and before anything that reads the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return bad_request(request, nul_message())
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if NUL in request.path_info or querydict_has_nul(request.GET):
            return True
        if has_nul(request.COOKIES.keys()) or has_nul(request.COOKIES.values()):
            return True
        headers = (value for key, value in request.META.items() if key.startswith("HTTP_"))
        if has_nul(value for value in headers if isinstance(value, str)):
            return True
        # Django parses only POSTed forms; other methods and JSON go through the API's parsers.
        return request.method == "POST" and querydict_has_nul(request.POST)
