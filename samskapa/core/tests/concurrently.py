"""Sending the same request several times at the same moment, for tests of writes that must
happen once (a gate decision, a submission, an invitation).

Use it in a transactional test (``pytest.mark.django_db(transaction=True)``) on PostgreSQL:
each call runs in a thread of its own, with its own database connection, so the threads see
each other's commits and wait on each other's row locks as real requests would.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from rest_framework.test import APIClient

from samskapa.accounts.models import User


def at_once(count: int, send: Callable[[], Any]) -> list[Any]:
    """Call ``send`` from ``count`` threads released together; their results, in any order.

    An exception raised by ``send`` is returned as the result, so that the test shows it.
    """
    barrier = threading.Barrier(count)
    results: list[Any] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            result = send()
        except Exception as error:  # the test shows whatever went wrong
            result = error
        finally:
            connection.close()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def api_client_for(user: User) -> APIClient:
    """An API client logged in as ``user`` that asks for English answers."""
    client = APIClient()
    client.force_authenticate(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
