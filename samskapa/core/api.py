"""Shared pieces of the REST API: the permission class, pagination, and error format."""

import traceback
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from samskapa.core.pagination import CappedPaginator
from samskapa.core.parsers import too_deep_message


class RulePermission(permissions.BasePermission):
    """Maps each HTTP method to a named rule of ``core.permissions``.

    A view declares ``rules = {"GET": "projects.view_project", "PATCH": ...}``; object-level
    checks use the same names with the object. Methods without a rule are refused, so a view
    that forgets to declare one is closed rather than open.
    """

    def _rule(self, request: Request, view: Any) -> str | None:
        rules: dict[str, str | None] = getattr(view, "rules", {})
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        return rules.get(method or "", "__missing__")

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = self._rule(request, view)
        if rule == "__missing__":
            return False
        # Writes always need a logged-in caller; the rule itself is checked on the object.
        return request.method in permissions.SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        rule = self._rule(request, view)
        if rule is None:
            return True
        if rule == "__missing__":
            return False
        return request.user.has_perm(rule, obj)


class DefaultPagination(PageNumberPagination):
    django_paginator_class = CappedPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


def _raised_by_a_parser(exc: BaseException) -> bool:
    frames = traceback.walk_tb(exc.__traceback__)
    return any(
        frame.f_globals.get("__name__") == "rest_framework.parsers" for frame, _line in frames
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error answers JSON with a ``detail``; Django's own validation errors become 400."""
    # Imported here: this module is named in REST_FRAMEWORK settings, which rest_framework.views
    # reads while it is being imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, RecursionError) and _raised_by_a_parser(exc):
        # A view with parsers of its own (DRF's token view) meeting a deeply nested body;
        # the default parsers (core.parsers) refuse it before Python's stack runs out.
        exc = exceptions.ParseError(too_deep_message())
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(_("You do not have permission to do this."))
    return drf_exception_handler(exc, context)
