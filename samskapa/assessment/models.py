"""Assessment (bedömning) of the ideas that answer a challenge, by invited assessors."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.limits import MEDIUM_TEXT, SHORT_TEXT, limited_text


class CriterionSet(models.Model):
    """Kriterieuppsättning: the criteria and the scale ideas are assessed on.

    A set belongs either to one challenge or to a programme. A challenge without a set of its
    own is assessed on the set of its programme, so that every challenge of a programme can
    share the same criteria.
    """

    challenge = models.OneToOneField(
        "ideas.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criterion_set",
    )
    programme = models.OneToOneField(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criterion_set",
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion set")
        verbose_name_plural = _("criterion sets")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")),
                name="criterion_set_scale_in_order",
                violation_error_message=_("The highest score must be above the lowest score."),
            ),
            models.CheckConstraint(
                condition=Q(challenge__isnull=False, programme__isnull=True)
                | Q(challenge__isnull=True, programme__isnull=False),
                name="criterion_set_one_owner",
                violation_error_message=_(
                    "A criterion set belongs either to a challenge or to a programme."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.challenge if self.challenge_id else self.programme)

    @property
    def scale_range(self) -> int:
        return self.scale_max - self.scale_min

    @property
    def total_weight(self) -> Decimal:
        """The sum of the weights; uses the prefetched criteria where they are loaded."""
        return sum((criterion.weight for criterion in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    """Kriterium: one aspect an idea is scored on, with its weight (vikt) in the mean."""

    criterion_set = models.ForeignKey(
        CriterionSet,
        verbose_name=_("criterion set"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("name"), max_length=120)
    description = limited_text(_("description"), max_length=SHORT_TEXT, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal(1))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("A weight must be greater than zero."),
            ),
            models.UniqueConstraint(
                fields=["criterion_set", "name"],
                name="criterion_unique_name",
                violation_error_message=_("There is already a criterion with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AssignmentStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    SUBMITTED = "submitted", _("Submitted")
    EXCLUDED = "excluded", _("Excluded (conflict of interest)")


class Assignment(models.Model):
    """Bedömaruppdrag: one assessor (bedömare) invited to score one idea.

    An assessor who declares a conflict of interest (jäv) is excluded from the aggregate.
    """

    idea = models.ForeignKey(
        "ideas.Idea", verbose_name=_("idea"), on_delete=models.CASCADE, related_name="assignments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.CASCADE,
        related_name="assessment_assignments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.INVITED,
    )
    conflict_reason = limited_text(_("conflict of interest"), max_length=SHORT_TEXT, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Utkast: the assessor's scores and comments saved before submitting, keyed by criterion id
    # ({"12": {"value": 4, "comment": "..."}}). Nobody else sees them, and they count nowhere.
    draft = models.JSONField(_("draft"), default=dict, blank=True)

    history = HistoricalRecords(excluded_fields=["draft"])

    class Meta:
        ordering = ["-invited_at", "-pk"]
        verbose_name = _("assessment assignment")
        verbose_name_plural = _("assessment assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "assessor"],
                name="assignment_unique_assessor",
                violation_error_message=_("This person is already an assessor of the idea."),
            ),
            models.CheckConstraint(
                condition=~Q(status="excluded") | ~Q(conflict_reason=""),
                name="assignment_conflict_has_reason",
                violation_error_message=_("Describe the conflict of interest."),
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="assignment_submitted_has_time",
                violation_error_message=_("A submitted assessment needs its submission time."),
            ),
        ]
        indexes = [models.Index(fields=["assessor", "status"], name="assignment_assessor")]

    def __str__(self) -> str:
        return f"{self.idea} – {self.assessor}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:assignment_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == AssignmentStatus.INVITED


class Score(models.Model):
    """Poäng: an assessor's score of one idea on one criterion, with an optional comment."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = limited_text(_("comment"), max_length=MEDIUM_TEXT, blank=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"],
                name="score_unique_criterion",
                violation_error_message=_("The criterion has already been scored."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class AssessorInvitation(models.Model):
    """Inbjudan att bedöma: an e-mail to someone, perhaps without an account, to assess ideas.

    Accepting it (``assessment.services.invitation_accept``) makes the person an assessor of
    exactly these ideas of this challenge, and nothing else; one without an account creates it
    on the way, the link having shown that the e-mail address is theirs.
    """

    challenge = models.ForeignKey(
        "ideas.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        related_name="assessor_invitations",
    )
    email = models.EmailField(_("e-mail address"))
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("ideas"), related_name="assessor_invitations"
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assessor invitation")
        verbose_name_plural = _("assessor invitations")

    def __str__(self) -> str:
        return f"{self.email}: {self.challenge}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:invitation_accept", kwargs={"token": self.token})
