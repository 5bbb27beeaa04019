"""Background work of competence matchmaking: keeping the stored best matches of each open need
(``competences.match_lists``) up to date after saves, and nightly for needs dated from today."""

import logging
from collections.abc import Iterable

import kombu.exceptions
from celery import Task, shared_task
from django.db import transaction

from samskapa.competences import match_lists

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def refresh_need_matches(need_id: int) -> int | None:
    """Recompute one need's stored matches by the exact search (after the need was saved)."""
    return match_lists.need_list_refresh(need_id=need_id)


@shared_task(acks_late=True)
def update_profile_matches(profile_id: int, need_ids: list[int]) -> int:
    """Bring the stored matches up to date with one profile's present state."""
    return match_lists.profile_lists_update(profile_id=profile_id, need_ids=need_ids)


@shared_task
def refresh_dated_match_lists() -> int:
    """Nightly: recompute the lists of needs matched for a period that starts today."""
    return match_lists.match_lists_refresh(dated_only=True)


def queue(task: Task, *args: object) -> None:
    """Queue a task after commit; while the broker is down, do the work at once instead, so
    that no list is left out of date."""
    try:
        task.delay(*args)
    except kombu.exceptions.OperationalError:
        logger.warning("Task %s%r run at once: the Celery broker is unreachable.", task.name, args)
        task.run(*args)


def after_profile_change(profile_id: int, need_ids: Iterable[int] = ()) -> None:
    ids = list(need_ids)
    transaction.on_commit(lambda: queue(update_profile_matches, profile_id, ids))


def after_need_change(need_id: int) -> None:
    transaction.on_commit(lambda: queue(refresh_need_matches, need_id))
