"""``/api/v1/`` itself: a JSON index of the collections, for people and programs that start
at the root, instead of a "not found" page."""

from collections.abc import Callable, Sequence

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, reverse
from django.views.decorators.http import require_GET


def collection_names(patterns: Sequence[URLResolver | URLPattern]) -> list[str]:
    """The route names of the lists (``project-list`` ...) among ``patterns``, in their order:
    every route named ``*-list`` whose address takes no value."""
    names: list[str] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            names.extend(collection_names(entry.url_patterns))
        elif entry.name and entry.name.endswith("-list") and not entry.pattern.converters:
            names.append(entry.name)
    return names


def api_index(
    patterns: Sequence[URLResolver | URLPattern],
) -> Callable[[HttpRequest], HttpResponse]:
    """The index view of the API whose routes are ``patterns``."""

    @require_GET
    def index(request: HttpRequest) -> HttpResponse:
        collections = {
            name.removesuffix("-list"): request.build_absolute_uri(reverse(f"api:{name}"))
            for name in collection_names(patterns)
        }
        return JsonResponse(
            {
                "name": "Samskapa API",
                "version": "v1",
                "schema": request.build_absolute_uri(reverse("api:schema")),
                "documentation": request.build_absolute_uri(reverse("api:docs")),
                "collections": collections,
            },
            json_dumps_params={"ensure_ascii": False},
        )

    return index
