"""Stage-gate portfolio: initiatives, the stages they move through and the decisions at each gate.

An initiative is what an idea becomes once someone decides to pursue it (it may also start
without an idea). It keeps the needs it answers, so "what became of this need" can be answered
from either end. Gate decisions are an append-only log: a wrong decision is corrected by a new
entry that points at it, never by editing it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from samskapa.core.models import PUBLISHED_VISIBILITY_CHOICES, Visibility


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PRESTUDY = "prestudy", _("Pre-study")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementation", _("Implementation")
    SCALING = "scaling", _("Scaling up")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")
    PARKED = "parked", _("Not now")


# The stages in the order an initiative passes through them; stopped and parked are off the line.
PIPELINE = (
    Stage.IDEA,
    Stage.PRESTUDY,
    Stage.PILOT,
    Stage.IMPLEMENTATION,
    Stage.SCALING,
    Stage.COMPLETED,
)


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Initiative(models.Model):
    """Initiativ: an idea or undertaking the portfolio pursues, from pre-study to scaling up."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    idea = models.OneToOneField(
        "ideas.Idea",
        verbose_name=_("from idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("urban development project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_initiatives",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="partner_initiatives",
    )
    responsible_unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs it answers"), blank=True, related_name="initiatives"
    )
    stakeholder_groups = models.ManyToManyField(
        "core.StakeholderGroup",
        verbose_name=_("stakeholder groups"),
        blank=True,
        related_name="initiatives",
        help_text=_("Groups it serves beyond those of its needs."),
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="initiatives",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), blank=True, related_name="initiatives"
    )
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("pictures and documents"), blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    # The furthest stage on the pipeline it has reached, kept by the gate service, so that the
    # funnel counts an initiative stopped after its pilot as a pilot.
    furthest_stage = models.CharField(
        _("furthest stage reached"), max_length=20, choices=Stage.choices, default=Stage.IDEA
    )
    parked_from_stage = models.CharField(
        _("parked at stage"), max_length=20, choices=Stage.choices, blank=True
    )
    parked_reason = models.TextField(_("why it was parked"), blank=True)
    next_gate_on = models.DateField(_("next gate decision due"), null=True, blank=True)
    risk = models.CharField(_("risk"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    expected_effect = models.CharField(
        _("expected effect"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    budget_sek = models.DecimalField(
        _("budget (SEK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
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
        ordering = ["-updated_at", "-id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["programme", "stage"], name="initiative_programme_stage"),
            models.Index(fields=["municipality", "stage"], name="initiative_municipality_stage"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage="parked") | ~Q(parked_from_stage=""),
                name="initiative_parked_remembers_stage",
                violation_error_message=_("A parked initiative must remember where it was parked."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:initiative_detail", kwargs={"pk": self.pk})


class Decision(models.TextChoices):
    GO = "go", pgettext_lazy("gate decision", "Go")
    STOP = "stop", _("Stop")
    HOLD = "hold", _("Hold (not now)")
    REWORK = "rework", _("Rework")


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete a logged gate decision."""


class GateDecision(models.Model):
    """Grindbeslut: who decided what at a gate, when and why. Never edited afterwards."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="gate_decisions",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    rationale = models.TextField(_("rationale"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="gate_decisions",
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    # The political decision behind it (seed 001): board, date and reference number.
    board = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("deciding board"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gate_decisions",
    )
    board_decided_on = models.DateField(_("date of the board's decision"), null=True, blank=True)
    board_reference = models.CharField(_("reference number"), max_length=50, blank=True)

    class Meta:
        ordering = ["initiative", "decided_at", "id"]
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(rationale=""),
                name="gate_decision_has_rationale",
                violation_error_message=_("Give the rationale for the decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.initiative}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Gate decisions are never changed; log a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Gate decisions are never deleted; log a correction instead.")
