"""Shared vocabularies and cross-cutting records used by every domain app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskapa.core.i18n import Bilingual


class Visibility(models.TextChoices):
    """Who may see something a user wrote or a project published."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    PRIVATE = "private", _("Private")


# What an organisation publishes (a project, programme or initiative) is public or for members;
# only what a person writes about themselves can be private.
PUBLISHED_VISIBILITY_CHOICES = [
    (Visibility.PUBLIC, Visibility.PUBLIC.label),
    (Visibility.MEMBERS, Visibility.MEMBERS.label),
]


class HelixSector(models.TextChoices):
    """The four sectors of the quadruple helix (fyrfaldig helix)."""

    PUBLIC = "public", _("Public sector")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Academia")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class SustainabilityDimension(Bilingual):
    """Hållbarhetsdimension: ecological, economic or social sustainability."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sustainability dimension")
        verbose_name_plural = _("sustainability dimensions")


class StakeholderGroup(Bilingual):
    """Målgrupp: a group of people whose needs an urban development project inventories."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_sv"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")


class NotificationKind(models.TextChoices):
    """What a notification is about; each person chooses per kind whether it also comes by e-mail."""

    MY_CONTENT = "my_content", _("What happens to what I wrote (support, moderation)")
    FOLLOWING = "following", _("News about ideas I follow")
    ASSESSMENT = "assessment", _("Invitations to assess ideas")
    DECISIONS = "decisions", _("Gate decisions on initiatives I take part in")
    ROLES = "roles", _("Roles I am given in organisations and projects")
    PROJECT_ACTIVITY = "project_activity", _("New needs and ideas in projects I lead")
    LEARNING = "learning", _("Assignments, reminders and feedback in learning programmes")
    GENERAL = "general", _("Other notifications")


class Notification(models.Model):
    """An in-app message to one user; an e-mail copy may be sent as well."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=NotificationKind.choices,
        default=NotificationKind.GENERAL,
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title


IMAGE = "image"
DOCUMENT = "document"
UPLOAD_KIND_CHOICES = [(IMAGE, _("Picture")), (DOCUMENT, _("Document"))]


class Upload(models.Model):
    """Uppladdad fil: a checked file that belongs to one object of a domain app.

    The owning app keeps the link (a foreign key or a many-to-many to this model) and serves the
    file from its own view after its own access check.
    """

    file = models.FileField(_("file"), max_length=300)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=UPLOAD_KIND_CHOICES)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == IMAGE


class EmailOptOut(models.Model):
    """A kind of notification that a person does not want by e-mail (they still see it in the app).

    Everyone gets every kind by e-mail until they say otherwise, on the settings page or with the
    one-click unsubscribe link at the foot of each e-mail.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="email_opt_outs",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail opt-out")
        verbose_name_plural = _("e-mail opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
