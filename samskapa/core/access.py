"""``access_*`` building blocks: fetch an object and check a named rule, or refuse.

Each app offers one public ``access_<noun>(user, pk, rule)`` per object type, in its
``selectors.py``, built on ``access``: views, the API and other apps fetch objects through it.
An object the user may not even see answers 404 so that its existence does not leak; an object
they may see but not act on answers 403.
"""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samskapa.accounts.models import User

M = TypeVar("M", bound=Model)

# Whoever reads a page: a logged-in person or a visitor. Selectors that scope what may be seen
# take one; services, which write, take a ``User``.
Viewer = User | AnonymousUser


def signed_in(user: User | AnonymousUser) -> User:
    """The user of a request that only logged-in people reach (``login_required``,
    ``IsAuthenticated``), typed as such; a visitor here is a bug, so it is refused."""
    if not isinstance(user, User):
        raise PermissionDenied(_("Log in to do this."))
    return user


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
