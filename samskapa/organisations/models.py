"""Organisations of the quadruple helix, their units, and the memberships that give people rights."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import HelixSector
from samskapa.core.search import SearchVectorField
from samskapa.organisations.validators import validate_org_number


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    MUNICIPAL_ASSOCIATION = "municipal_association", _("Association of local authorities")
    PUBLIC_AGENCY = "public_agency", _("Government agency")
    MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University or college")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    OTHER = "other", _("Other")


# The sector an organisation type usually belongs to; a suggestion the form starts from.
DEFAULT_SECTOR = {
    OrganisationType.MUNICIPALITY: HelixSector.PUBLIC,
    OrganisationType.REGION: HelixSector.PUBLIC,
    OrganisationType.MUNICIPAL_ASSOCIATION: HelixSector.PUBLIC,
    OrganisationType.PUBLIC_AGENCY: HelixSector.PUBLIC,
    OrganisationType.MUNICIPAL_COMPANY: HelixSector.PUBLIC,
    OrganisationType.COMPANY: HelixSector.BUSINESS,
    OrganisationType.UNIVERSITY: HelixSector.ACADEMIA,
    OrganisationType.RESEARCH_INSTITUTE: HelixSector.ACADEMIA,
    OrganisationType.CIVIL_SOCIETY: HelixSector.CIVIL_SOCIETY,
    OrganisationType.OTHER: HelixSector.CIVIL_SOCIETY,
}


class Organisation(models.Model):
    """Organisation: a municipality, company, university, association or agency on the platform."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    helix_sector = models.CharField(_("helix sector"), max_length=20, choices=HelixSector.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Swedish organisation number, ten digits, for example 212000-2270."),
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("For a municipality: the municipality itself. Otherwise where it is based."),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_(
            "Set by a platform administrator after checking that the people who registered the "
            "organisation represent it."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~Q(org_number=""),
                name="organisation_unique_org_number",
                violation_error_message=_(
                    "An organisation with this number is already registered."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})


class UnitKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration (förvaltning)")
    BOARD = "board", _("Board or committee (nämnd)")
    COMPANY = "company", _("Company")
    DEPARTMENT = "department", _("Department")
    OTHER = "other", _("Other")


class Unit(models.Model):
    """Enhet: part of an organisation, above all a municipality's administrations and boards.

    Seed 001: every administration (förvaltning) and board (nämnd) of Kiruna takes part in
    planning the new town, each from its own area of responsibility.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    responsibility = models.TextField(_("area of responsibility"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="unit_unique_name",
                violation_error_message=_("This organisation already has a unit with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The roles a membership can carry, from DESIGN.md."""

    RESIDENT = "resident", _("Resident")
    MEMBER = "member", _("Member")
    PROJECT_LEADER = "project_leader", _("Project leader")
    FACILITATOR = "facilitator", _("Facilitator")
    ASSESSOR = "assessor", _("Assessor")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")


class Membership(models.Model):
    """Medlemskap: a person's role in one organisation or one project.

    Rights are never global (except the platform administrator): each comes from a row here,
    scoped either to an organisation or to a project, never both.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, project__isnull=True)
                    | Q(organisation__isnull=True, project__isnull=False)
                ),
                name="membership_scope_is_organisation_or_project",
                violation_error_message=_("A membership belongs to an organisation or a project."),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_organisation_role",
                violation_error_message=_("This person already has that role here."),
            ),
            models.UniqueConstraint(
                fields=["user", "project", "role"],
                condition=Q(project__isnull=False),
                name="membership_unique_project_role",
                violation_error_message=_("This person already has that role here."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.project
        return f"{self.user} – {self.get_role_display()} – {scope}"
