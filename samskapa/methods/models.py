"""The methods toolbox (metodbank, verktygslåda): methods, their versions, adaptations,
experience reports and lab workshops.

Seed 002: Göteborgsregionen and five municipalities developed, tested, evaluated and adapted six
methods for socially sustainable planning. A method travels between municipalities: each one
records how it adapted the method and what it learned, so the next one starts from there.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.search import SearchVectorField


class MethodPhase(models.TextChoices):
    """When in the planning or innovation work a method is used."""

    NEED = "need", _("Needs")
    IDEA = "idea", _("Ideas")
    PRESTUDY = "prestudy", _("Pre-study")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Implementation")
    DISSEMINATION = "dissemination", _("Dissemination")


class MethodStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")
    RETIRED = "retired", _("Retired")
    MERGED = "merged", _("Merged into another method")


# Statuses everyone may read: a retired or merged method stays readable, with its note.
PUBLIC_METHOD_STATUSES = (MethodStatus.PUBLISHED, MethodStatus.RETIRED, MethodStatus.MERGED)


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0-1.0", _("No rights reserved (CC0 1.0)")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


class Method(models.Model):
    """Metod: a way of working that a municipality can pick up, for example "Trygghetsvandring".

    The fields hold the current version; every edit also writes a ``MethodVersion`` so that
    older versions stay readable and can be compared.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    purpose = models.TextField(_("purpose"))
    phase = models.CharField(
        _("when to use it"), max_length=20, choices=MethodPhase.choices, default=MethodPhase.NEED
    )
    roles = models.TextField(
        _("roles needed"), blank=True, help_text=_("Who is needed to run the method.")
    )
    materials = models.TextField(
        _("materials"), blank=True, help_text=_("What to prepare: templates, maps, equipment.")
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    target_groups = models.ManyToManyField(
        "core.StakeholderGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="+",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), blank=True, related_name="+"
    )
    # The sum of the steps' durations, kept by the services so that lists filter on it.
    total_minutes = models.PositiveIntegerField(_("total time (minutes)"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=MethodStatus.choices, default=MethodStatus.PROPOSED
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    curator_note = models.TextField(
        _("note from the facilitator"),
        blank=True,
        help_text=_("Why the method was retired or declined."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_methods",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_methods",
    )
    # Kept by the services that add experience reports, so that lists filter and sort by them.
    rating_average = models.DecimalField(
        _("average rating"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    report_count = models.PositiveIntegerField(_("experience reports"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The material files of the current version (templates, maps, checklists). Each version
    # keeps its own list in ``MethodVersion.material_files``, so a file removed from the method
    # stays readable in the versions that had it.
    material_files = models.ManyToManyField(
        "core.Upload", verbose_name=_("material files"), blank=True, related_name="+"
    )
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_vector", "updated_at", "rating_average", "report_count"]
    )

    class Meta:
        ordering = ["-is_featured", "title", "id"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        indexes = [models.Index(fields=["status", "-is_featured", "title"], name="method_listed")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")),
                name="method_not_merged_into_itself",
                violation_error_message=_("A method cannot be merged into itself."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("methods:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_METHOD_STATUSES


class MethodStep(models.Model):
    """Steg: one step of the current version of a method, in order."""

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MaxValueValidator(60 * 24 * 30)]
    )

    class Meta:
        ordering = ["method", "position"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "position"],
                name="method_step_position_unique",
                violation_error_message=_("Two steps cannot have the same place."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class MethodVersion(models.Model):
    """Version: what a method said after one edit, kept so that older versions stay readable.

    ``content`` holds the text fields and steps as they were (see
    ``methods.services.method_snapshot``); the diff between two versions is computed from it.
    """

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    # The material files as they were in this version (see ``Method.material_files``).
    material_files = models.ManyToManyField(
        "core.Upload", verbose_name=_("material files"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["method", "-number"]
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "number"],
                name="method_version_unique",
                violation_error_message=_("This version already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} v{self.number}"


class Adaptation(models.Model):
    """Anpassning: a municipality's version of a method, what it changed and why."""

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="adaptations"
    )
    method_version = models.PositiveIntegerField(_("adapted from version"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="method_adaptations",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="method_adaptations",
    )
    title = models.CharField(_("title"), max_length=200)
    changes = models.TextField(_("what was changed"))
    reasons = models.TextField(_("why"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="method_adaptations",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["method", "municipality__name", "-created_at"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.method.get_absolute_url()}#adaptation-{self.pk}"


class RatingAspect(models.TextChoices):
    """The defined aspects on which an experience report rates a method, 1 to 5."""

    USEFULNESS = "usefulness", _("Usefulness")
    EASE = "ease", _("Ease of use")
    PARTICIPATION = "participation", _("Participation and co-creation")
    REACH = "reach", _("Reaching the target groups")


class ExperienceReport(models.Model):
    """Erfarenhet: where and when a method was used, by whom, with what outcome and lessons."""

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="reports"
    )
    adaptation = models.ForeignKey(
        Adaptation,
        verbose_name=_("adaptation used"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="method_reports",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="method_reports",
    )
    # The link to the chain: the need the method was used for, when it is on the platform. It
    # lets a need's page suggest the methods that were used with needs of its kind.
    need = models.ForeignKey(
        "needs.Need",
        verbose_name=_("need it was used for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="method_reports",
    )
    used_on = models.DateField(_("used on"))
    place = models.CharField(_("place"), max_length=200)
    group = models.CharField(
        _("who took part"),
        max_length=300,
        help_text=_("For example the cross-sector working group and the partners."),
    )
    outcome = models.TextField(_("outcome"))
    lessons = models.TextField(_("lessons"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="method_reports",
    )
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("pictures and documents"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["method", "-used_on", "-id"]
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")

    def __str__(self) -> str:
        return f"{self.method} – {self.place}"

    def get_absolute_url(self) -> str:
        return f"{self.method.get_absolute_url()}#report-{self.pk}"


class Rating(models.Model):
    """Betyg: an experience report's score of its method on one aspect, 1 to 5."""

    report = models.ForeignKey(
        ExperienceReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="ratings"
    )
    aspect = models.CharField(_("aspect"), max_length=20, choices=RatingAspect.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["report", "aspect"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "aspect"],
                name="method_rating_unique",
                violation_error_message=_("Each aspect is rated once per report."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="method_rating_range",
                violation_error_message=_("A rating is from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.score}"


class LabLevel(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


class LabTheme(models.TextChoices):
    """The themes of the regional lab in seed 002."""

    CO_CREATION = "co-creation", _("Co-creation")
    TARGET_GROUPS = "target-groups", _("Target groups")
    PROTOTYPES = "prototypes", _("Prototypes")
    LAB_TO_EVERYDAY = "lab-to-everyday", _("From lab to everyday")


class Lab(models.Model):
    """Labbverkstad: a workshop of a regional or local innovation lab on one theme.

    Seed 002: Göteborgsregionen's regional lab gathered the five municipalities' cross-sector
    working groups for workshops on co-creation, target groups, prototypes and "from lab to
    everyday". What a workshop produced is linked as its outputs: the methods of the toolbox it
    developed or tried and the experience reports it led to.
    """

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(
        _("level"), max_length=20, choices=LabLevel.choices, default=LabLevel.REGIONAL
    )
    theme = models.CharField(_("theme"), max_length=30, choices=LabTheme.choices)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="method_labs",
    )
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("municipalities taking part"),
        blank=True,
        related_name="method_labs",
    )
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only for a workshop of several days.")
    )
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("description"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_method_labs",
    )
    methods = models.ManyToManyField(
        Method, verbose_name=_("methods from the workshop"), blank=True, related_name="labs"
    )
    reports = models.ManyToManyField(
        ExperienceReport,
        verbose_name=_("experience reports from the workshop"),
        blank=True,
        related_name="labs",
    )
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("pictures and documents"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-starts_on", "title", "id"]
        verbose_name = _("lab workshop")
        verbose_name_plural = _("lab workshops")
        indexes = [models.Index(fields=["-starts_on", "title"], name="method_lab_listed")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="method_lab_ends_after_start",
                violation_error_message=_("The last day cannot be before the first."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("methods:lab_detail", kwargs={"pk": self.pk})

    def last_day(self) -> Any:
        return self.ends_on or self.starts_on


class LabParticipant(models.Model):
    """Deltagare: a person taking part in a lab workshop, for an organisation.

    The person may have an account (then the workshop is in their "Mitt arbete" and their data
    export) or be named only, as for the working groups of 2018-2019.
    """

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab workshop"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="method_lab_participations",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="method_lab_participants",
    )
    department = models.CharField(
        _("administration or unit"),
        max_length=200,
        blank=True,
        help_text=_("For example the social services or the planning department."),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["lab", "organisation__name", "name", "id"]
        verbose_name = _("lab participant")
        verbose_name_plural = _("lab participants")
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "user"],
                condition=Q(user__isnull=False),
                name="method_lab_participant_once",
                violation_error_message=_("This person already takes part."),
            )
        ]

    def __str__(self) -> str:
        return self.name
