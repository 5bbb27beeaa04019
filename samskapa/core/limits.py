"""How much text people may write in one field, so that a page, an export or an e-mail never has
to carry a 200,000-character description.

Text fields are declared with ``limited_text``: the limit is the form's ``maxlength`` (counted
while typing, see ``includes/form/counter.html``), the API serializer's ``max_length``, and a
validator that ``full_clean`` runs in every service.
"""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

# A reason, a motivation, a conflict of interest: a few sentences.
SHORT_TEXT = 2_000
# A comment or a purpose: a few paragraphs.
MEDIUM_TEXT = 5_000
# A description of a need, an idea or a challenge: a page or two.
LONG_TEXT = 10_000


def limited_text(
    verbose_name: Any, *, max_length: int, **options: Any
) -> "models.TextField[Any, Any]":
    """A ``TextField`` whose length is checked in forms, the API and ``full_clean``."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        **options,
    )
