"""Input that PostgreSQL and Python can always take: no NUL characters, no endless nesting.

PostgreSQL text cannot hold a NUL character (``\\x00``): a search word, slug or list item
carrying one reaches the database and fails there with a 500. A JSON body of thousands of
nested brackets makes the decoder recurse until Python gives up. Both are refused here, at the
edge, with a 400 and a message; the middleware (``core.middleware.RejectNulMiddleware``) does
the same for the address, the query string, headers, cookies and form posts.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

NUL = "\x00"

# Deeper than any body the API describes (at most three or four levels), far below the depth
# at which Python's JSON decoder runs out of stack.
MAX_JSON_DEPTH = 100


def nul_message() -> str:
    return _(
        "The request contains a null character (NUL), which is not allowed. "
        "Remove it and try again."
    )


def has_nul(values: Iterable[str]) -> bool:
    """True when any of the strings contains a NUL character."""
    return any(NUL in value for value in values)


def querydict_has_nul(data: QueryDict | Mapping[str, Any]) -> bool:
    """True when a key or a text value of a query string or form contains a NUL character.

    Uploaded files are not text and are left to their own validation.
    """
    if isinstance(data, QueryDict):
        pairs: Iterable[tuple[str, Any]] = (
            (key, value) for key, values in data.lists() for value in values
        )
    else:
        pairs = data.items()
    return any(NUL in key or (isinstance(value, str) and NUL in value) for key, value in pairs)


def too_deep_message(max_depth: int = MAX_JSON_DEPTH) -> str:
    return _("The JSON body is nested more than %(limit)d levels deep.") % {"limit": max_depth}


def check_json_value(data: Any, *, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise ``ParseError`` for a NUL in any key or string, or nesting deeper than ``max_depth``.

    Walks the value with an explicit stack, so that checking a deep value cannot itself
    exhaust Python's recursion limit.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                raise ParseError(nul_message())
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(too_deep_message(max_depth))
            if isinstance(value, dict):
                if has_nul(value.keys()):
                    raise ParseError(nul_message())
                stack.extend((item, depth + 1) for item in value.values())
            else:
                stack.extend((item, depth + 1) for item in value)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing NUL characters and nesting deeper than ``MAX_JSON_DEPTH``."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(too_deep_message(MAX_JSON_DEPTH)) from None
        check_json_value(data)
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser (``PUT``/``PATCH`` forms, which Django does not parse), refusing NUL."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if querydict_has_nul(data):
            raise ParseError(nul_message())
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing NUL in the text fields."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        result = super().parse(stream, media_type, parser_context)
        if querydict_has_nul(result.data):
            raise ParseError(nul_message())
        return result
