"""Innovation strategies (innovationsstrategier) of urban development projects.

Seed 000: a project's innovation work starts from a needs inventory; the strategy turns the
prioritised needs into focus areas, each with goals that name who owns them, by when, the
initiatives of the portfolio that carry them out and the indicators that follow them up. A
saved version (``StrategyVersion``) keeps the whole strategy as it stood, to compare and cite.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Strategy(models.Model):
    """Innovationsstrategi: one per urban development project."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("urban development project"),
        on_delete=models.CASCADE,
        related_name="strategy",
    )
    title = models.CharField(_("title"), max_length=200)
    vision = models.TextField(
        _("vision"),
        blank=True,
        help_text=_("What the innovation work is to achieve, in a few sentences."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("innovation strategy")
        verbose_name_plural = _("innovation strategies")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:detail", kwargs={"slug": self.project.slug})


class FocusArea(models.Model):
    """Fokusområde: a theme of the strategy that answers some of the prioritised needs."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), blank=True, related_name="focus_areas"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.title


class StrategyGoal(models.Model):
    """Mål: what a focus area is to reach, who owns it and by when."""

    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("goal"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("A person, a unit or an organisation.")
    )
    due_on = models.DateField(_("to be reached by"), null=True, blank=True)
    initiatives = models.ManyToManyField(
        "portfolio.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="strategy_goals",
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("indicators"),
        blank=True,
        related_name="strategy_goals",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["focus_area", "due_on", "pk"]
        verbose_name = _("strategy goal")
        verbose_name_plural = _("strategy goals")

    def __str__(self) -> str:
        return self.title


class StrategyVersion(models.Model):
    """Version: the whole strategy as it stood when a leader saved it as a version."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-number"]
        verbose_name = _("strategy version")
        verbose_name_plural = _("strategy versions")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="strategy_version_unique",
                violation_error_message=_("This version number is taken."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.strategy} v{self.number}"
