"""Helpers for reference data stored in both Swedish and English columns."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def current_language() -> str:
    """The active interface language, reduced to one of the stored ones (Swedish by default)."""
    language = (get_language() or "sv").split("-")[0]
    return "en" if language == "en" else "sv"


class Bilingual(models.Model):
    """Abstract base for reference rows with a Swedish and an English name.

    Reference data (regions, goals, dimensions) is loaded from files in both languages, so it is
    stored in two columns rather than in gettext catalogues, which are for interface strings.
    """

    name_sv = models.CharField(_("name (Swedish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if current_language() == "en" else self.name_sv
