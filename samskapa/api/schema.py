"""What the OpenAPI description says besides what drf-spectacular reads off the views.

drf-spectacular documents the answers of success only. Every operation can also answer with an
error (``core.api.exception_handler`` makes each one JSON): a client needs to know those too,
and the API fuzzing in ``site_tests`` checks every answer against the description.
"""

from typing import Any

HTTP_METHODS = {"get", "put", "patch", "post", "delete", "head", "options", "trace"}

ERROR = {
    "type": "object",
    "description": "Why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Field names to their messages, ``detail`` for a message about the whole request, or (from
# a check that is not about one field) a list of messages.
VALIDATION_ERROR = {
    "oneOf": [
        {
            "type": "object",
            "additionalProperties": {
                "oneOf": [
                    {"type": "string"},
                    {"type": "array", "items": {}},
                    {"type": "object"},
                ]
            },
        },
        {"type": "array", "items": {"type": "string"}},
    ],
}

ERROR_RESPONSES = {
    "400": ("The request is malformed or its data is not valid.", "ValidationError"),
    "401": ("No credentials, or credentials that are not valid.", "Error"),
    "403": ("The caller may see this, but may not do it.", "Error"),
    "404": ("Nothing here, or nothing the caller may see.", "Error"),
    "429": ("Too many requests; try again later.", "Error"),
}
# Only operations that take a body can be sent one of a media type they do not read.
BODY_ERROR_RESPONSES = {
    "415": ("The body is of a media type this operation does not read (send JSON).", "Error"),
}
BODY_METHODS = {"post", "put", "patch"}


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """A postprocessing hook: the error answers every operation can give, as JSON."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            errors = dict(ERROR_RESPONSES)
            if method in BODY_METHODS:
                errors.update(BODY_ERROR_RESPONSES)
            for code, (description, component) in errors.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                    },
                )
    return result
