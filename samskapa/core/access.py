"""``access_*`` building blocks: fetch an object and check a named rule, or refuse.

An object the user may not even see answers 404 so that its existence does not leak; an object
they may see but not act on answers 403.
"""

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)


def require(user: Any, permission: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` has ``permission`` (on ``obj``)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def access(
    queryset: QuerySet[M],
    *,
    user: Any,
    view_permission: str,
    permission: str | None = None,
    **lookup: Any,
) -> M:
    """The object matching ``lookup`` if ``user`` may see it (and do ``permission``), else 404/403."""
    try:
        obj = queryset.get(**lookup)
    except ObjectDoesNotExist as error:
        raise Http404(_("The page could not be found.")) from error
    if not user.has_perm(view_permission, obj):
        raise Http404(_("The page could not be found."))
    if permission is not None:
        require(user, permission, obj)
    return obj
