"""The 17 Sustainable Development Goals of Agenda 2030 and their 169 targets, in Swedish and English,
and the answers people gave to suggested targets."""

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class SuggestionFeedback(models.Model):
    """Svar på ett förslag: a person took (accepted) or turned down (rejected) a suggested
    target for the text they were writing.

    The text itself is not kept, only its stemmed terms: enough for the suggestions to learn
    which words go with which target (``sdg.suggest.Learned``), without a second copy of what
    someone wrote.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="sdg_suggestion_feedback",
    )
    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="feedback"
    )
    accepted = models.BooleanField(_("accepted"))
    terms = models.JSONField(_("terms of the text"), default=list, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("answer to a suggestion")
        verbose_name_plural = _("answers to suggestions")

    def __str__(self) -> str:
        return f"{self.target_id} {'+' if self.accepted else '-'}"
