"""Shared pieces of the REST API: the permission class, pagination, and error format."""

import traceback
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, status
from rest_framework.mixins import (
    CreateModelMixin,
    DestroyModelMixin,
    ListModelMixin,
    RetrieveModelMixin,
    UpdateModelMixin,
)
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from samskapa.core.pagination import CappedPaginator
from samskapa.core.parsers import too_deep_message

MISSING = "__missing__"


def rules_on_object(view: Any) -> bool:
    """Whether ``view``'s rules are checked on an object rather than on the request alone.

    Detail views check them on the object they fetch; list and create views have no object
    and check them in ``has_permission``. A list or create view nested under a parent that it
    checks with ``check_object_permissions`` says so with ``object_rules = True``.
    """
    declared: bool | None = getattr(view, "object_rules", None)
    if declared is not None:
        return declared
    collection = isinstance(view, ListModelMixin | CreateModelMixin)
    single = isinstance(view, RetrieveModelMixin | UpdateModelMixin | DestroyModelMixin)
    return single or not collection


class RulePermission(permissions.BasePermission):
    """Maps each HTTP method to a named rule of an app's ``rules.py``.

    A view declares ``rules = {"GET": "projects.view_project", "PATCH": ...}``. Each entry is
    either a rule name or None with a comment naming what enforces the rule instead (the
    selector that scopes a list, or the service that checks a rule on an object named in the
    body, such as the project of a new challenge). Methods without an entry are refused, so a
    view that forgets one is closed rather than open.

    Detail views check their rule on the object (``has_object_permission``); list and create
    views check it on no object (``has_permission``), which is how rules such as
    ``ideas.add_idea`` are written.
    """

    def _rule(self, request: Request, view: Any) -> str | None:
        rules: dict[str, str | None] = getattr(view, "rules", {})
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        return rules.get(method or "", MISSING)

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = self._rule(request, view)
        if rule == MISSING:
            return False
        if rule is not None and not rules_on_object(view):
            return bool(request.user.has_perm(rule))
        # Writes always need a logged-in caller; the rule itself is checked on the object.
        return request.method in permissions.SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        rule = self._rule(request, view)
        if rule is None:
            return True
        if rule == MISSING:
            return False
        return bool(request.user.has_perm(rule, obj))


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
