"""Networks and events (nätverk och evenemang).

Seed 001: six cities run innovation platforms, each with a theme of its own, and meet in theme
meetings hosted in turn; they appear together at fairs and conferences and share what they
learn. Seeds 000 and 002: knowledge sessions and regional lab workshops are events too.

Times are stored in UTC and shown in Europe/Stockholm (``TIME_ZONE``).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import PUBLISHED_VISIBILITY_CHOICES, Visibility


class Network(models.Model):
    """Nätverk: municipalities and organisations that meet and learn together, for example
    "Innovationsplattformar för hållbara, attraktiva städer"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})


class NetworkMember(models.Model):
    """Medlem: a municipality or organisation in a network, with the theme it works on."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="members"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    theme_description = models.TextField(_("about the theme"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("The leaders of a coordinating organisation run the network."),
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "organisation__name"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                name="network_member_unique",
                violation_error_message=_("This organisation is already a member of the network."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class EventKind(models.TextChoices):
    THEME_MEETING = "theme_meeting", _("Theme meeting")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    FAIR = "fair", _("Fair")
    KNOWLEDGE_SESSION = "knowledge_session", _("Knowledge session")


class Event(models.Model):
    """Evenemang: a theme meeting, workshop, webinar, conference or fair, with registration."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=EventKind.choices, default=EventKind.THEME_MEETING
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    host_municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("host municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("link to join online"), blank=True)
    capacity = models.PositiveIntegerField(
        _("number of seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leave empty for no limit. When it is full, people join the waiting list."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    organisation_quota = models.PositiveSmallIntegerField(
        _("places per organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_(
            "If set, a member of an organisation may register up to this many people from it. "
            "Leave empty if everyone registers themselves."
        ),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    materials = models.TextField(
        _("materials afterwards"),
        blank=True,
        help_text=_("Summary, links to presentations and other material after the event."),
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
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
                violation_error_message=_("An event needs at least one seat."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})


class AgendaItem(models.Model):
    """Programpunkt: one item of an event's agenda, with its speakers."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(
        _("speakers"),
        max_length=300,
        blank=True,
        help_text=_("Names and organisations, for example “Joakim Norman, Kiruna kommun”."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="agenda_item_ends_after_start",
                violation_error_message=_("An agenda item must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class DocumentKind(models.TextChoices):
    NOTES = "notes", _("Notes")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class EventDocument(models.Model):
    """Dokumentation: notes, presentations and other documents linked to an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.NOTES
    )
    url = models.URLField(_("link"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "kind", "title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Registration(models.Model):
    """Anmälan: a person's place at an event, or their place on its waiting list.

    A person registers themselves, or a member of an organisation registers colleagues within the
    event's per-organisation quota. The waiting list is ordered by ``created_at`` (then ``pk``).
    Diet and accessibility needs are shown to the organisers only.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant's account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    diet = models.CharField(_("special diet"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(
        _("given a seat from the waiting list"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(_("feedback asked for"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="registration_once_per_event",
                violation_error_message=_("This person is already registered for the event."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class CalendarToken(models.Model):
    """Kalendernyckel: the secret in the address of a person's private calendar feed.

    Revoking it deletes the row; a new one makes a new address, and the old one stops working.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar key")
        verbose_name_plural = _("calendar keys")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Feedback(models.Model):
    """Utvärdering: a participant's answers to the survey after an event (ratings 1–5)."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING_VALIDATORS)
    content = models.PositiveSmallIntegerField(_("content"), validators=RATING_VALIDATORS)
    organisation = models.PositiveSmallIntegerField(
        _("organisation of the day"), validators=RATING_VALIDATORS
    )
    comment = models.TextField(_("comments"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5)
                & Q(content__gte=1, content__lte=5)
                & Q(organisation__gte=1, organisation__lte=5),
                name="feedback_ratings_in_range",
                violation_error_message=_("Ratings go from 1 to 5."),
            )
        ]

    def __str__(self) -> str:
        return str(self.registration)


class ExperiencePost(models.Model):
    """Erfarenhetsinlägg: what a member of a network learned, linked to events, methods and
    initiatives."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_posts",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_posts",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20_000)
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_posts",
    )
    initiatives = models.ManyToManyField(
        "portfolio.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="experience_posts",
    )
    methods = models.ManyToManyField(
        "methods.Method",
        verbose_name=_("methods"),
        blank=True,
        related_name="experience_posts",
    )
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("experience post")
        verbose_name_plural = _("experience posts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:post", kwargs={"slug": self.network.slug, "pk": self.pk})


class PostComment(models.Model):
    """Kommentar: a reply to an experience post."""

    post = models.ForeignKey(
        ExperiencePost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["post", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]
