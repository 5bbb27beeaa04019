"""Named rules of the core app: a person's own notifications."""

from typing import Any

import rules


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return notification is not None and notification.recipient_id == user.pk


rules.add_perm("core.view_notification", is_recipient)
rules.add_perm("core.change_notification", is_recipient)
