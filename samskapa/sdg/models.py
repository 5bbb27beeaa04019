"""The 17 Sustainable Development Goals of Agenda 2030 and their 169 targets, in Swedish and English."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskapa.core.i18n import current_language


class Goal(models.Model):
    """Globalt mål: one of the 17 goals of Agenda 2030."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_sv = models.CharField(_("short name (Swedish)"), max_length=100)
    short_en = models.CharField(_("short name (English)"), max_length=100)
    title_sv = models.TextField(_("title (Swedish)"))
    title_en = models.TextField(_("title (English)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.short}"

    @property
    def short(self) -> str:
        return self.short_en if current_language() == "en" else self.short_sv

    @property
    def title(self) -> str:
        return self.title_en if current_language() == "en" else self.title_sv


class Target(models.Model):
    """Delmål: one of the 169 targets, coded like ``11.3`` or ``11.a``."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_sv = models.TextField(_("text (Swedish)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return self.text_en if current_language() == "en" else self.text_sv
