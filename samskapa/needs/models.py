"""Needs inventory (behovsinventering): campaigns, needs, clusters and their prioritisation."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.limits import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT, limited_text
from samskapa.core.models import Visibility
from samskapa.core.search import SearchVectorField


class Campaign(models.Model):
    """Inventeringskampanj: a period in which a project gathers needs from chosen stakeholder groups."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="campaigns",
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = limited_text(_("purpose"), max_length=MEDIUM_TEXT, blank=True)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    # Förhandsgranskning: a moderator approves each need before others see it. Without it,
    # needs are shown at once and moderated afterwards.
    premoderated = models.BooleanField(
        _("approve needs before they are shown"),
        default=False,
        help_text=_(
            "A need submitted in this campaign is seen only by its author and the moderators "
            "until a moderator approves it."
        ),
    )
    stakeholder_groups = models.ManyToManyField(
        "core.StakeholderGroup",
        verbose_name=_("target stakeholder groups"),
        blank=True,
        related_name="campaigns",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="campaign_dates_in_order",
                violation_error_message=_("The closing date cannot be before the opening date."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Cluster(models.Model):
    """Kluster: needs that say much the same thing, grouped and named by the project leader."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="need_clusters",
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name


def _score_field(label: Any) -> "models.PositiveSmallIntegerField[Any, Any]":
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Need(models.Model):
    """Behov: something residents or stakeholders need, gathered in a project's needs inventory."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
    )
    title = models.CharField(_("title"), max_length=200)
    description = limited_text(_("description"), max_length=LONG_TEXT)
    stakeholder_group = models.ForeignKey(
        "core.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    area = models.CharField(_("place"), max_length=200, blank=True)
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="needs",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), blank=True, related_name="needs"
    )
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("pictures and documents"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        # Blank: a need stays, and can still be edited, after its author deleted their account.
        blank=True,
        related_name="needs",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
    )
    responsible_unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    awaiting_approval = models.BooleanField(_("awaiting a moderator's approval"), default=False)
    # Prioritisation, set by the project leader on a scale of 1 to 5.
    reach = _score_field(_("reach"))
    urgency = _score_field(_("urgency"))
    goal_fit = _score_field(_("fit with the project goals"))
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "support_count", "updated_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [
            models.Index(
                fields=["project", "is_hidden", "-created_at"], name="need_project_recent"
            ),
            models.Index(
                fields=["visibility", "is_hidden", "-created_at"], name="need_public_recent"
            ),
            models.Index(fields=["-support_count", "-id"], name="need_most_supported"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"pk": self.pk})


class NeedSupport(models.Model):
    """Stöd: a user's "me too" for a need, instead of writing the same need again."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="need_supports",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support for a need")
        verbose_name_plural = _("support for needs")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="need_support_once")]

    def __str__(self) -> str:
        return f"{self.user} + {self.need}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    APPROVE = "approve", _("Approved")


class ModerationEvent(models.Model):
    """Moderering: a logged decision to hide or restore a need, with its reason. Never edited."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="moderation_events"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    reason = limited_text(_("reason"), max_length=SHORT_TEXT, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.need}"


class NeedReport(models.Model):
    """Anmälan: a person tells the moderators that a need breaks the rules, and why.

    A report stays open until a moderator acts on the need (hides, restores or approves it).
    """

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="need_reports",
    )
    reason = limited_text(_("reason"), max_length=SHORT_TEXT)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="need_report_open_once",
                violation_error_message=_("You have already reported this need."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.need}: {self.reason[:40]}"


class PriorityWeights(models.Model):
    """Prioriteringsvikter: how much reach, urgency, goal fit and support count in a project's ranking."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="priority_weights",
    )
    reach = models.PositiveSmallIntegerField(
        _("weight of reach"), default=3, validators=[MaxValueValidator(10)]
    )
    urgency = models.PositiveSmallIntegerField(
        _("weight of urgency"), default=3, validators=[MaxValueValidator(10)]
    )
    goal_fit = models.PositiveSmallIntegerField(
        _("weight of goal fit"), default=3, validators=[MaxValueValidator(10)]
    )
    support = models.PositiveSmallIntegerField(
        _("weight of support"), default=1, validators=[MaxValueValidator(10)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("priority weights")
        verbose_name_plural = _("priority weights")
        constraints = [
            models.CheckConstraint(
                condition=Q(reach__gt=0) | Q(urgency__gt=0) | Q(goal_fit__gt=0) | Q(support__gt=0),
                name="priority_weights_not_all_zero",
                violation_error_message=_("At least one weight must be above zero."),
            )
        ]

    def __str__(self) -> str:
        return str(self.project)
