"""Learning programmes (lärprogram): sessions, assignments, submissions, feedback and plans.

Seed 000: in 2020 about fifteen project leaders from eleven municipalities met five times to
learn how to lead for innovation in their urban development projects. Between the sessions
they did assignments, and each municipality ended with its own plan for the innovation work.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class LearningProgramme(models.Model):
    """Lärprogram: a series of sessions with assignments for people from several municipalities.

    Everyone sees the title and description of a published programme; its inside (sessions'
    agendas and materials, assignments, submissions, progress, plans) is for its members.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.TextField(_("description"))
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="learning_programmes",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
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
        ordering = ["-starts_on", "title", "id"]
        verbose_name = _("learning programme")
        verbose_name_plural = _("learning programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="learning_programme_ends_after_start",
                violation_error_message=_("The programme cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ProgrammeStatus.PUBLISHED


class MemberRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    PARTICIPANT = "participant", _("Participant")


class Member(models.Model):
    """Deltagare or processledare: a person in a programme, for an organisation and municipality.

    A participant's municipality groups the progress table and decides which plan they edit.
    """

    programme = models.ForeignKey(
        LearningProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="learning_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="learning_members",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_members",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "role", "municipality__name", "user__full_name", "id"]
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="learning_member_unique",
                violation_error_message=_("This person is already in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Session(models.Model):
    """Träff: one meeting of a programme, on site or online, with its agenda and materials."""

    programme = models.ForeignKey(
        LearningProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("link to the online meeting"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("materials"), blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="learning_session_ends_after_start",
                violation_error_message=_("A session cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:session", kwargs={"slug": self.programme.slug, "pk": self.pk})


class Assignment(models.Model):
    """Uppgift: work the participants do between sessions, handed in by a due date."""

    programme = models.ForeignKey(
        LearningProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("given at session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    due_at = models.DateTimeField(_("due"))
    closes_at_due = models.BooleanField(
        _("closed after the due date"),
        default=True,
        help_text=_(
            "Refuse submissions after the due date unless a facilitator allows a late one."
        ),
    )
    peer_review = models.BooleanField(
        _("peer review"),
        default=False,
        help_text=_("Participants see each other's submissions and may give feedback."),
    )
    template = models.ForeignKey(
        "core.Upload",
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "due_at", "id"]
        verbose_name = pgettext_lazy("learning", "assignment")
        verbose_name_plural = pgettext_lazy("learning", "assignments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:assignment", kwargs={"slug": self.programme.slug, "pk": self.pk})


class Submission(models.Model):
    """Inlämning: a participant's answer to an assignment, for themself or their municipality.

    A team submission (``for_team``) answers for every participant of the municipality; each
    person and each municipality team hands in at most one per assignment.
    """

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=pgettext_lazy("learning", "assignment"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.CASCADE,
        related_name="learning_submissions",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_submissions",
    )
    for_team = models.BooleanField(_("on behalf of the municipality team"), default=False)
    text = models.TextField(_("text"))
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("files"), blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["assignment", "submitted_at", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "author"],
                condition=Q(for_team=False),
                name="learning_submission_one_per_person",
                violation_error_message=_("You have already handed in this assignment."),
            ),
            models.UniqueConstraint(
                fields=["assignment", "municipality"],
                condition=Q(for_team=True),
                name="learning_submission_one_per_team",
                violation_error_message=_("Your municipality team has already handed this in."),
            ),
            models.CheckConstraint(
                condition=Q(for_team=False) | Q(municipality__isnull=False),
                name="learning_team_submission_has_municipality",
                violation_error_message=_("A team submission needs a municipality."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.author}"

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:submission",
            kwargs={"slug": self.assignment.programme.slug, "pk": self.pk},
        )


class LateAllowance(models.Model):
    """Tillåten sen inlämning: a facilitator lets one person hand in after a closed due date."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=pgettext_lazy("learning", "assignment"),
        on_delete=models.CASCADE,
        related_name="late_allowances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("allowed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("allowed"), auto_now_add=True)

    class Meta:
        verbose_name = _("late submission allowed")
        verbose_name_plural = _("late submissions allowed")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"],
                name="learning_late_allowance_unique",
                violation_error_message=_("This person may already hand in late."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.user}"


class Feedback(models.Model):
    """Återkoppling: a facilitator's or, with peer review, a fellow participant's response."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.CASCADE,
        related_name="learning_feedback",
    )
    from_facilitator = models.BooleanField(_("from a facilitator"), default=False)
    text = models.TextField(pgettext_lazy("learning", "feedback"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "created_at", "id"]
        verbose_name = pgettext_lazy("learning", "feedback")
        verbose_name_plural = pgettext_lazy("learning", "feedback")

    def __str__(self) -> str:
        return f"{self.submission} – {self.author}"


class AssignmentReminder(models.Model):
    """That one person was reminded of one assignment, so that a reminder goes out once."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=pgettext_lazy("learning", "assignment"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment reminder")
        verbose_name_plural = _("assignment reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"], name="learning_reminder_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.user}"


class Plan(models.Model):
    """Plan för innovationsarbete: a municipality's plan at the end of a programme.

    ``content`` is the current text: ``aim``, ``focus_areas`` (each a ``title``, a
    ``description`` and a list of ``goals``) and ``next_steps`` (each an ``action``, an
    ``owner`` and a ``due_on`` date as ISO text). Every save also writes a ``PlanVersion``.
    """

    programme = models.ForeignKey(
        LearningProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="plans",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="learning_plans",
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.JSONField(_("content"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["programme", "municipality__name", "id"]
        verbose_name = _("plan for innovation work")
        verbose_name_plural = _("plans for innovation work")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "municipality"],
                name="learning_plan_one_per_municipality",
                violation_error_message=_("The municipality already has a plan in this programme."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:plan", kwargs={"slug": self.programme.slug, "pk": self.pk})


class PlanVersion(models.Model):
    """One saved version of a plan, readable later."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    content = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="learning_plan_version_unique",
                violation_error_message=_("This version already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"
