"""Telling what broke behind a 5xx answer, for the failure messages of the whole-site tests."""

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.signals import got_request_exception


def describe(exc: BaseException, limit: int = 200) -> str:
    """The exception and the innermost line of the project's own code it passed through."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if "/samskapa/" in frame.filename and "/site-packages/" not in frame.filename:
            where = f" at {frame.filename.rsplit('/samskapa/', 1)[1]}:{frame.lineno}"
            break
    return f"{type(exc).__name__}: {str(exc)[:limit]}{where}"


@contextmanager
def request_exceptions() -> Iterator[list[BaseException]]:
    """The exceptions Django turned into 500 answers while the block ran."""
    caught: list[BaseException] = []

    def note(sender: Any, **kwargs: Any) -> None:
        exc = sys.exc_info()[1]
        if exc is not None:
            caught.append(exc)

    got_request_exception.connect(note)
    try:
        yield caught
    finally:
        got_request_exception.disconnect(note)
