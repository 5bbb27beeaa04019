"""Innovation programmes (innovationsprogram): who takes part, phases, milestones.

Seed 003: a programme runs for three years, and in its first six months the municipalities and
their partners put together the portfolio of initiatives they decide to pursue.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import PUBLISHED_VISIBILITY_CHOICES, Visibility


class Programme(models.Model):
    """Innovationsprogram, for example "Innovationsprogram 2026-2028"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("leading organisation"),
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    portfolio_due_on = models.DateField(
        _("portfolio decided by"),
        null=True,
        blank=True,
        help_text=_("The date by which the programme's portfolio is to be decided."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
    )
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="programmes",
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("urban development projects"),
        blank=True,
        related_name="programmes",
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
        ordering = ["-start_date", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="programme_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Programme lead")
    MUNICIPALITY = "municipality", _("Participating municipality")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")


class Participant(models.Model):
    """Deltagare: an organisation taking part in a programme, and in what role."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="programme_participations",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTNER
    )
    contribution = models.TextField(_("contribution"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                name="programme_participant_unique",
                violation_error_message=_("This organisation already takes part in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.programme}"


class Phase(models.Model):
    """Fas: a period of a programme, for example "Portfolio" in the first six months."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "start_date", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="programme_phase_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_MILESTONE_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


class Milestone(models.Model):
    """Milstolpe: something a programme is to have reached by a date."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="milestones"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_milestones",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["status", "due_on"], name="milestone_status_due")]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Past its due date and neither done nor cancelled."""
        today = today or timezone.localdate()
        return self.status in OPEN_MILESTONE_STATUSES and self.due_on < today
