"""Swedish regions (län) and municipalities (kommuner): reference data from SCB's codes."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """Län: one of Sweden's 21 counties, identified by SCB's two-digit code."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """Kommun: one of Sweden's 290 municipalities, identified by SCB's four-digit code."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # The name in an address without diacritics (Gävle: ``gavle``), so that a resident can type
    # the page's address; the 290 names are unique, and so are their slugs.
    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The page is composed by the top floor (workspace); a URL name is no import.
        return reverse("workspace:municipality", kwargs={"slug": self.slug})
