"""Relation fields of the API whose choices are what the caller may use.

A body that names an object the caller may not see (a members-only project, a challenge of
another organisation's project) gets the same 400 as one that names no object at all, so the
answer does not tell that it exists. The services check again what the caller may do with the
objects they may see.

``queryset`` is still given: it names the model for the OpenAPI description.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

Scope = Callable[..., QuerySet[Any]]


def _scoped(field: serializers.RelatedField, scope: Scope) -> QuerySet[Any]:
    return scope(user=field.context["request"].user)


class ScopedSlugRelatedField(serializers.SlugRelatedField):
    """A slug of one of the objects ``scope(user=caller)`` returns."""

    def __init__(self, *, scope: Scope, **kwargs: Any) -> None:
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return _scoped(self, self.scope)


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """The id of one of the objects ``scope(user=caller)`` returns."""

    def __init__(self, *, scope: Scope, **kwargs: Any) -> None:
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return _scoped(self, self.scope)
