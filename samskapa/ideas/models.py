"""Challenges (open calls tied to needs) and the ideas that answer them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.limits import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT, limited_text
from samskapa.core.search import SearchVectorField


class Challenge(models.Model):
    """Utmaning: an open call for ideas that answers one or more needs, with a deadline."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    title = models.CharField(_("title"), max_length=200)
    description = limited_text(_("description"), max_length=LONG_TEXT)
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), blank=True, related_name="challenges"
    )
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    # Optional: a challenge run inside a programme is assessed on the programme's criteria
    # unless it has criteria of its own.
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
    )
    # Förhandsgranskning: a moderator approves each idea before others see it. Without it,
    # ideas are shown at once and moderated afterwards.
    premoderated = models.BooleanField(
        _("approve ideas before they are shown"),
        default=False,
        help_text=_(
            "An idea sent in to this challenge is seen only by its author and the project's "
            "moderators until a moderator approves it."
        ),
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
        ordering = ["-deadline", "title"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(deadline__gte=F("opens_on")),
                name="challenge_dates_in_order",
                violation_error_message=_("The deadline cannot be before the opening date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:challenge_detail", kwargs={"pk": self.pk})

    def is_open_on(self, day: datetime.date) -> bool:
        """Whether ideas may be submitted on ``day`` (the deadline day included)."""
        return (self.opens_on is None or self.opens_on <= day) and day <= self.deadline


class Idea(models.Model):
    """Idé: a proposal from anyone registered, answering a challenge or standing alone."""

    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = limited_text(_("description"), max_length=LONG_TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="co_authored_ideas",
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="ideas",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), blank=True, related_name="ideas"
    )
    attachments = models.ManyToManyField(
        "core.Upload", verbose_name=_("pictures and documents"), blank=True, related_name="+"
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    awaiting_approval = models.BooleanField(_("awaiting a moderator's approval"), default=False)
    # Kept by the services that add and remove support and comments, so that lists can sort by
    # them with an index instead of counting rows for every idea on every page.
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_vector", "support_count", "comment_count", "updated_at"]
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["is_hidden", "-created_at", "-id"], name="idea_recent"),
            models.Index(fields=["is_hidden", "-support_count", "-id"], name="idea_most_supported"),
            models.Index(fields=["is_hidden", "-comment_count", "-id"], name="idea_most_commented"),
            models.Index(
                fields=["challenge", "is_hidden", "-created_at"], name="idea_challenge_recent"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea_detail", kwargs={"pk": self.pk})


class Comment(models.Model):
    """Kommentar: a comment on an idea; replies are one level deep."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = limited_text(_("comment"), max_length=MEDIUM_TEXT)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    # Who hid a comment, when and why.
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_idea_time")]

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    """Stöd: one user's support for an idea; withdrawable."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="idea_supports",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("support")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_support_once")]

    def __str__(self) -> str:
        return f"{self.user} + {self.idea}"


class Follow(models.Model):
    """Bevakning: a user follows an idea and is notified of what happens to it."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="idea_follows",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_follow_once")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.idea}"


class Report(models.Model):
    """Anmälan: a person tells the moderators that an idea, or a comment on it, breaks the rules.

    ``comment`` is empty for a report of the idea itself. A report stays open until a moderator
    acts on what it is about (hides, restores or approves the idea, or hides the comment).
    """

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="idea_reports",
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
                fields=["idea", "reporter"],
                condition=Q(resolved_at__isnull=True, comment__isnull=True),
                name="idea_report_open_once",
                violation_error_message=_("You have already reported this idea."),
            ),
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=Q(resolved_at__isnull=True, comment__isnull=False),
                name="comment_report_open_once",
                violation_error_message=_("You have already reported this comment."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["idea"], condition=Q(resolved_at__isnull=True), name="idea_report_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment or self.idea}: {self.reason[:40]}"
