"""Fixtures of the whole-site tests: the demo content of ``make run``, loaded once.

The URL walk and the API fuzzing ask every page and operation for real objects, so they run
against the demo content (organisations, projects, needs, ideas, initiatives, people). It is
loaded once for this package inside a transaction that is rolled back at the end, so the other
tests of the run never see it; each test runs in a savepoint inside it, as usual.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

# The one place that names the demo loader: when it moves, only this import changes.
from samskapa.workspace.demo import load_demo_data


@pytest.fixture(scope="package")
def demo_content(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The reference data and the demo content, for every test of this package."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_data()
        yield
        transaction.set_rollback(True)
