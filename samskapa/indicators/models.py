"""Follow-up (uppföljning): indicators, their targets per year and their measurements.

An indicator is either the municipality's own (a name, a unit, a method) or a key figure of
Kolada, the municipalities' and regions' database, named by its id (N01951 is the number of
inhabitants). Either way it belongs to an organisation, which runs it, and may follow up an
urban development project, programmes, needs, initiatives and Agenda 2030 targets.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import PUBLISHED_VISIBILITY_CHOICES, Visibility

# Years a measurement or target may name: Kolada's series start in the 1990s; plans reach 2050.
FIRST_YEAR = 1990
LAST_YEAR = 2100
# Values are stored with four decimals and up to 14 digits before the point: enough for the
# population of Sweden in öre, and small enough that PostgreSQL never overflows.
MAX_DIGITS = 18
DECIMAL_PLACES = 4

kolada_id_validator = RegexValidator(
    r"^[NU]\d{5}$",
    _("A Kolada key figure id is N or U followed by five digits, for example N01951."),
)


def year_validators() -> list[Callable[[Any], None]]:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class IndicatorKind(models.TextChoices):
    OWN = "own", _("Own indicator")
    KOLADA = "kolada", _("Kolada key figure")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Indicator(models.Model):
    """Indikator: something measured over the years to follow up the work."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OWN
    )
    kolada_id = models.CharField(
        _("Kolada key figure id"),
        max_length=6,
        blank=True,
        validators=[kolada_id_validator],
        help_text=_("For a Kolada key figure, for example N01951."),
    )
    description = models.TextField(_("description"), blank=True)
    method = models.TextField(
        _("method"), blank=True, help_text=_("How the value is measured or calculated.")
    )
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example %, tonnes, count."))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=year_validators()
    )
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    data_owner = models.CharField(
        _("data owner"),
        max_length=200,
        blank=True,
        help_text=_("Who delivers the values, for example an administration or a statistics unit."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("The municipality the values describe; required for a Kolada key figure."),
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("urban development project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        verbose_name=_("programmes"),
        blank=True,
        related_name="indicators",
    )
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), blank=True, related_name="indicators"
    )
    initiatives = models.ManyToManyField(
        "portfolio.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="indicators",
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target",
        verbose_name=_("Agenda 2030 targets"),
        blank=True,
        related_name="indicators",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=PUBLISHED_VISIBILITY_CHOICES,
        default=Visibility.PUBLIC,
    )
    is_demo = models.BooleanField(
        _("demo values"),
        default=False,
        help_text=_("The values are made up to show the platform, not real statistics."),
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
        ordering = ["name", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=IndicatorKind.OWN) | ~Q(kolada_id=""),
                name="indicator_kolada_has_id",
                violation_error_message=_("A Kolada key figure needs its id, e.g. N01951."),
            ),
        ]
        indexes = [models.Index(fields=["visibility", "name"], name="indicator_visibility_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", kwargs={"pk": self.pk})


class IndicatorTarget(models.Model):
    """Målvärde: the value an indicator is to reach in a year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators())
    value = models.DecimalField(_("target value"), max_digits=MAX_DIGITS, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_target_one_per_year",
                violation_error_message=_("The indicator already has a target for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Gender(models.TextChoices):
    """Kolada's breakdown: T for everyone, K for women, M for men."""

    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class Source(models.TextChoices):
    FORM = "form", _("Entered by hand")
    FILE = "file", _("Imported from a file")
    KOLADA = "kolada", _("Fetched from Kolada")


class Measurement(models.Model):
    """Mätvärde: the value of an indicator for a period (a year), with where it came from."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period = models.PositiveSmallIntegerField(_("period (year)"), validators=year_validators())
    gender = models.CharField(
        _("breakdown"), max_length=1, choices=Gender.choices, default=Gender.TOTAL
    )
    value = models.DecimalField(_("value"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_note = models.CharField(
        _("source details"),
        max_length=300,
        blank=True,
        help_text=_("For example the report, the file or the survey the value comes from."),
    )
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        ordering = ["indicator", "period", "gender"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "gender"],
                name="measurement_one_per_period",
                violation_error_message=_(
                    "The indicator already has a value for this period and breakdown."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


class Evaluation(models.Model):
    """Utvärdering: at a milestone of a programme, what was done, what effects were seen and
    what was learnt, with the indicators that show it."""

    milestone = models.ForeignKey(
        "programmes.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    done = models.TextField(_("what was done"))
    effects = models.TextField(_("effects seen"))
    lessons = models.TextField(_("lessons"))
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), blank=True, related_name="evaluations"
    )
    evaluated_on = models.DateField(_("evaluated on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.milestone} ({self.evaluated_on})"
