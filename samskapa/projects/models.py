"""Urban development projects (stadsutvecklingsprojekt), their funding and participating units."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import PUBLISHED_VISIBILITY_CHOICES, Visibility
from samskapa.core.search import SearchVectorField


class ProjectPhase(models.TextChoices):
    """Phases of the Swedish planning and building process an urban project moves through."""

    INITIATION = "initiation", _("Initiation")
    PROGRAMME = "programme", _("Planning programme")
    DETAILED_PLAN = "detailed_plan", _("Detailed development plan")
    DESIGN = "design", _("Design and procurement")
    CONSTRUCTION = "construction", _("Construction")
    MANAGEMENT = "management", _("Management and follow-up")


class Project(models.Model):
    """Stadsutvecklingsprojekt: an urban development project run by an organisation in a municipality.

    Examples from the seeds: Näringen in Gävle, Landvetter Södra etapp 1 in Härryda, the new
    town centre of Kiruna.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("District or site, e.g. Näringen.")
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=ProjectPhase.choices, default=ProjectPhase.INITIATION
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="projects",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), blank=True, related_name="projects"
    )
    units = models.ManyToManyField(
        "organisations.Unit",
        through="ProjectUnit",
        verbose_name=_("participating units"),
        blank=True,
        related_name="projects",
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
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("urban development project")
        verbose_name_plural = _("urban development projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="project_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})


class ProjectUnit(models.Model):
    """Deltagande enhet: an administration or board taking part in a project, and what it brings."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="unit_links"
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="project_links",
    )
    contribution = models.TextField(
        _("contribution"),
        blank=True,
        help_text=_("What the unit contributes from its own area of responsibility."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__name"]
        verbose_name = _("participating unit")
        verbose_name_plural = _("participating units")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "unit"],
                name="project_unit_unique",
                violation_error_message=_("This unit already takes part in the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.project}"


class PhaseRole(models.TextChoices):
    """How a unit takes part in one phase of a project."""

    LEAD = "lead", _("Leads")
    CONTRIBUTES = "contributes", _("Contributes")
    CONSULTED = "consulted", _("Consulted")


class UnitPhaseRole(models.Model):
    """Fasroll: the part one participating unit plays in one planning phase of a project.

    Seed 001: every administration (förvaltning) and board (nämnd) takes part in planning the
    new Kiruna, each from its own area of responsibility. One row per unit and phase, so the
    project's matrix of units against phases shows who leads, who contributes, who is consulted,
    and where nobody does.
    """

    project_unit = models.ForeignKey(
        ProjectUnit,
        verbose_name=_("participating unit"),
        on_delete=models.CASCADE,
        related_name="phase_roles",
    )
    phase = models.CharField(_("phase"), max_length=20, choices=ProjectPhase.choices)
    role = models.CharField(_("role"), max_length=20, choices=PhaseRole.choices)
    contribution = models.TextField(
        _("contribution in this phase"),
        blank=True,
        max_length=2000,
        # TextField's max_length only reaches forms; the validator makes full_clean enforce it.
        validators=[MaxLengthValidator(2000)],
        help_text=_("What the unit brings to this phase from its own area of responsibility."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project_unit", "phase"]
        verbose_name = _("role in a phase")
        verbose_name_plural = _("roles in phases")
        constraints = [
            models.UniqueConstraint(
                fields=["project_unit", "phase"],
                name="unit_phase_role_unique",
                violation_error_message=_("This unit already has a role in that phase."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_unit.unit} – {self.get_phase_display()}: {self.get_role_display()}"


class FundingStatus(models.TextChoices):
    APPLIED = "applied", _("Applied for")
    GRANTED = "granted", _("Granted")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")


class Funding(models.Model):
    """Finansiering: a grant for a project, shaped like Vinnova's project records (seeds 002, 004)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="fundings"
    )
    funder = models.CharField(_("funder"), max_length=200, help_text=_("For example Vinnova."))
    call = models.CharField(_("call"), max_length=300, blank=True)
    amount_sek = models.DecimalField(
        _("grant (SEK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    reference_number = models.CharField(_("reference number"), max_length=50, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus.choices, default=FundingStatus.APPLIED
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "funder"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="funding_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__isnull=True) | Q(amount_sek__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("The grant cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder} – {self.project}"
