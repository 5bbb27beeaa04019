"""People who use Samskapa. The e-mail address is the login."""

import functools
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskapa.core.i18n import current_language

NAME_MAX_LENGTH = 80


@functools.lru_cache(maxsize=1)
def _municipality_names() -> dict[int, str]:
    from samskapa.geo.models import Municipality

    return dict(Municipality.objects.values_list("pk", "name"))


def municipality_name(pk: int | None) -> str:
    """The name of the municipality ``pk``, from reference data read once per process.

    A list of needs or comments names many authors; reading each one's municipality would cost a
    query per row. The 290 names never change between deployments of the reference data.
    """
    if pk is None:
        return ""
    names = _municipality_names()
    if pk not in names:
        _municipality_names.cache_clear()
        names = _municipality_names()
    return names.get(pk, "")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: resident, member of organisations, project leader and so on.

    What a person may do comes from their memberships (see ``organisations.Membership``);
    ``is_superuser`` marks the platform administrator, the only global role.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    # The public name (visningsnamn), chosen at sign-up and changed on the profile page: what
    # others see beside everything the person writes. Never derived from the e-mail address.
    full_name = models.CharField(
        _("display name"),
        max_length=NAME_MAX_LENGTH,
        blank=True,
        help_text=_("Shown to others with what you write. It need not be your full name."),
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        default="sv",
    )
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May log in to the administration site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name others see: the chosen one, else "Invånare i <kommun>", else "Invånare".

        Never any part of the e-mail address, which people did not agree to publish.
        """
        if self.full_name.strip():
            return self.full_name.strip()
        municipality = municipality_name(self.municipality_id)
        if municipality:
            return _("Resident of %(municipality)s") % {"municipality": municipality}
        return str(_("Resident"))

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.display_name


class LegalDocumentKind(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy notice")


class LegalDocument(models.Model):
    """Användarvillkor or integritetsmeddelande: one version of the terms or the privacy notice.

    The administrator writes a new version in the administration site and publishes it by
    setting ``published_at``; the newest published version of each kind is the one in force.
    Everyone who signed in is asked to accept it (``Consent``) before they go on.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=LegalDocumentKind.choices)
    version = models.PositiveIntegerField(_("version"))
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_sv = models.TextField(_("text (Swedish)"), max_length=100_000)
    body_en = models.TextField(_("text (English)"), max_length=100_000)
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Empty while the version is a draft. Once published, people must accept it."),
    )

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("terms or privacy notice")
        verbose_name_plural = _("terms and privacy notices")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "version"],
                name="legal_document_version_once",
                violation_error_message=_("This version exists already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"

    @property
    def title(self) -> str:
        return self.title_en if current_language() == "en" else self.title_sv

    @property
    def body(self) -> str:
        return self.body_en if current_language() == "en" else self.body_sv


class Consent(models.Model):
    """Samtycke: that a person accepted (or, for the privacy notice, read) one version, and when."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="consents"
    )
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "document"], name="consent_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.document}"
