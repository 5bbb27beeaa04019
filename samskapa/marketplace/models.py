"""Marketplace (marknadsplats): providers' digital services and municipalities' requests.

Seed 003: a digital portal with a marketplace for service providers that eases municipalities'
procurement of digital services. A provider is an organisation with a Swedish organisation
number; a request (förfrågan) follows the rules of public procurement (LOU): equal treatment
(answers to questions are published to all, without the asker's name), transparency (a log of
every deadline change and of the opening) and sealed responses until the deadline.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.search import SearchVectorField


class ServiceCategory(models.TextChoices):
    BOOKING = "booking", _("Booking and reservations")
    RESIDENT_DIALOGUE = "resident_dialogue", _("Resident dialogue and participation")
    SENSORS = "sensors", _("Sensors and IoT platforms")
    E_SERVICES = "e_services", _("E-services and forms")
    CASE_MANAGEMENT = "case_management", _("Case management")
    DATA_PLATFORM = "data_platform", _("Data platforms and open data")
    MAPS = "maps", _("Maps and geodata")
    OTHER = "other", _("Other")


class PricingModel(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription")
    PER_USER = "per_user", _("Per user")
    PER_TRANSACTION = "per_transaction", _("Per transaction")
    FIXED = "fixed", _("Fixed price")
    FREE = "free", _("Free or open source")


class WcagLevel(models.TextChoices):
    NONE = "none", _("Not assessed")
    A = "A", _("WCAG 2.1 level A")
    AA = "AA", _("WCAG 2.1 level AA")
    AAA = "AAA", _("WCAG 2.1 level AAA")


class DataLocation(models.TextChoices):
    SWEDEN = "sweden", _("Sweden")
    EU = "eu", _("Within the EU")
    EEA = "eea", _("Within the EEA")
    THIRD_COUNTRY = "third_country", _("Outside the EU/EEA (third country)")


class Service(models.Model):
    """Digital tjänst: a digital service that a provider offers municipalities."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="market_services",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=30, choices=ServiceCategory.choices)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    target_users = models.TextField(
        _("target users"), blank=True, help_text=_("Who uses the service: residents, staff ...")
    )
    pricing_model = models.CharField(
        _("pricing model"), max_length=20, choices=PricingModel.choices
    )
    price_details = models.CharField(_("price details"), max_length=300, blank=True)
    wcag_level = models.CharField(
        _("accessibility conformance"),
        max_length=5,
        choices=WcagLevel.choices,
        default=WcagLevel.NONE,
    )
    accessibility_statement_url = models.URLField(_("accessibility statement"), blank=True)
    data_location = models.CharField(
        _("where personal data is stored"), max_length=20, choices=DataLocation.choices
    )
    has_processor_agreement = models.BooleanField(_("processor agreement available"), default=False)
    sub_processors = models.TextField(
        _("sub-processors"), blank=True, help_text=_("One per line, with the country.")
    )
    open_standards = models.TextField(
        _("open standards and APIs"),
        blank=True,
        help_text=_("One per line, for example OpenAPI, SAML 2.0, WFS."),
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="market_services",
    )
    goals = models.ManyToManyField(
        "sdg.Goal", verbose_name=_("global goals"), blank=True, related_name="market_services"
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished services are seen by the provider only."),
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
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("digital service")
        verbose_name_plural = _("digital services")
        indexes = [models.Index(fields=["is_published", "name"], name="service_published_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("marketplace:service_detail", kwargs={"slug": self.slug})

    @property
    def open_standard_list(self) -> list[str]:
        return [line.strip() for line in self.open_standards.splitlines() if line.strip()]

    @property
    def sub_processor_list(self) -> list[str]:
        return [line.strip() for line in self.sub_processors.splitlines() if line.strip()]


class ServiceReference(models.Model):
    """Referens: a municipality where the service is in use; shown publicly once it confirms."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="references"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="market_references",
    )
    description = models.CharField(_("how it is used"), max_length=300, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__name", "pk"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality"],
                name="service_reference_unique",
                violation_error_message=_("This municipality is already a reference."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.service}"


class RequestType(models.TextChoices):
    MARKET_DIALOGUE = "market_dialogue", _("Request for information / market dialogue")
    DIRECT = "direct", _("Direct procurement")
    INNOVATION = "innovation", _("Innovation procurement")
    PRE_COMMERCIAL = "pre_commercial", _("Pre-commercial procurement")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    AWARD = "award", _("Awarded")
    NO_AWARD = "no_award", _("Not awarded")
    CANCELLED = "cancelled", _("Cancelled")


validate_cpv = RegexValidator(
    r"^\d{8}(-\d)?$",
    _("Enter a CPV code of eight digits and, optionally, its check digit: 72000000-5."),
)


class ProcurementRequest(models.Model):
    """Förfrågan: a municipality's request to the market, from market dialogue to procurement.

    Responses are sealed until ``response_deadline`` and are opened by two people of the
    buying organisation (``opening_started_by`` and ``opened_by``).
    """

    buyer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("buying organisation"),
        on_delete=models.PROTECT,
        related_name="market_requests",
    )
    title = models.CharField(_("title"), max_length=200)
    request_type = models.CharField(_("type"), max_length=20, choices=RequestType.choices)
    category = models.CharField(
        _("category of service"), max_length=30, choices=ServiceCategory.choices
    )
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), blank=True, related_name="market_requests"
    )
    challenges = models.ManyToManyField(
        "ideas.Challenge",
        verbose_name=_("challenges"),
        blank=True,
        related_name="market_requests",
    )
    cpv_code = models.CharField(
        _("CPV code"),
        max_length=10,
        blank=True,
        validators=[validate_cpv],
        help_text=_("Common Procurement Vocabulary, for example 72000000-5 (IT services)."),
    )
    estimated_value = models.DecimalField(
        _("estimated value (SEK, excluding VAT)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    question_deadline = models.DateTimeField(_("last day for questions"))
    response_deadline = models.DateTimeField(_("response deadline"))
    opening_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opening started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opening_started_at = models.DateTimeField(_("opening started"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opening confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_rationale = models.TextField(_("rationale"), blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    awarded_response = models.ForeignKey(
        "marketplace.Response",
        verbose_name=_("awarded response"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    documents = models.ManyToManyField(
        "core.Upload",
        verbose_name=_("documents"),
        blank=True,
        related_name="market_requests",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followers"),
        blank=True,
        related_name="followed_market_requests",
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
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="request_status_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(question_deadline__lte=F("response_deadline")),
                name="request_deadlines_in_order",
                violation_error_message=_(
                    "The last day for questions cannot be after the response deadline."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("marketplace:request_detail", kwargs={"pk": self.pk})


class RequirementKind(models.TextChoices):
    MUST = "must", _("Must (mandatory)")
    SHOULD = "should", _("Should (desirable)")


class Requirement(models.Model):
    """Krav: what a response must (skall-krav) or should (bör-krav) meet."""

    request = models.ForeignKey(
        ProcurementRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RequirementKind.choices)
    text = models.TextField(_("requirement"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "kind", "pk"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return self.text[:80]


class Criterion(models.Model):
    """Utvärderingskriterium: what responses are compared on, with its weight in per cent."""

    request = models.ForeignKey(
        ProcurementRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "-weight", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """Förtydligandefråga: a provider's question, answered and published to all without a name."""

    request = models.ForeignKey(
        ProcurementRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="market_questions",
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "asked_at", "pk"]
        verbose_name = _("clarification question")
        verbose_name_plural = _("clarification questions")
        indexes = [models.Index(fields=["answered_at"], name="question_answered")]

    def __str__(self) -> str:
        return self.text[:80]


class Response(models.Model):
    """Anbud/svar: a provider's sealed response to a request.

    ``sealed`` holds the encrypted content (answers and documents); only the digest and the
    time are readable before the opening. The key lives in the settings, never in the database.
    """

    request = models.ForeignKey(
        ProcurementRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="market_responses",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="market_responses",
    )
    submitted_at = models.DateTimeField(_("submitted"))
    sealed = models.BinaryField(_("sealed content"), editable=False)
    digest = models.CharField(_("SHA-256 of the content"), max_length=64, editable=False)

    class Meta:
        ordering = ["request", "submitted_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "provider"],
                name="response_one_per_provider",
                violation_error_message=_("This provider has already responded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} – {self.request}"


class Receipt(models.Model):
    """Kvitto: one submission of a response, with its time and the hash of what was sent.

    A provider may replace its response before the deadline; each submission keeps its receipt.
    """

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="receipts"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    digest = models.CharField(_("SHA-256 of the content"), max_length=64)
    documents = models.JSONField(_("documents"), default=list, blank=True)

    class Meta:
        ordering = ["response", "-submitted_at", "-pk"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.digest


class Score(models.Model):
    """Poäng: the buying organisation's score of one response on one criterion, 0 to 5."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "criterion"],
                name="score_one_per_criterion",
                violation_error_message=_("This response already has a score on the criterion."),
            )
        ]

    def __str__(self) -> str:
        return str(self.score)


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("Published")
    DEADLINE_MOVED = "deadline_moved", _("Deadline moved")
    ANSWER_PUBLISHED = "answer_published", _("Answer published")
    OPENING_STARTED = "opening_started", _("Opening started")
    OPENED = "opened", _("Responses opened")
    OUTCOME = "outcome", _("Outcome recorded")


class RequestEvent(models.Model):
    """Logg: what happened to a request, who did it and when. Rows are never changed."""

    request = models.ForeignKey(
        ProcurementRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"))
    details = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["request", "at", "pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Log entries of a request are never changed.")
        super().save(*args, **kwargs)
