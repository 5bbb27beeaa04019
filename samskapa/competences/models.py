"""Competence matchmaking (kompetensmatchning): profiles, needs for competence, interest requests.

Seed 004 asks for "a municipal dating site for competences" that makes sure that economic,
ecological and socio-cultural sustainability are all covered in urban development. People and
organisations describe what they can do with the Swedish JobTech taxonomy and free text; a
project, challenge, initiative or need states the competences it requires; the two are matched
both ways with an explanation (``competences.matching``), a team builder proposes a small team
(``competences.teams``), and contact details are only shown when both sides have said yes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskapa.core.models import HelixSector
from samskapa.core.search import SearchVectorField


class ConceptKind(models.TextChoices):
    GROUP = "group", _("Occupation group (SSYK)")
    OCCUPATION = "occupation", _("Occupation")
    SKILL = "skill", _("Skill")


class Concept(models.Model):
    """Kompetensbegrepp: an occupation group, occupation name or skill of the JobTech taxonomy.

    Reference data loaded from ``competences/data`` by ``load_competence_taxonomy``. Occupation
    names belong to an SSYK 2012 unit group (four digits); the first three digits name its minor
    group, which the matching uses as "related occupations".
    """

    jobtech_id = models.CharField(_("JobTech id"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ConceptKind.choices)
    label = models.CharField(_("name"), max_length=300)
    ssyk_code = models.CharField(_("SSYK code"), max_length=4, blank=True)
    group = models.ForeignKey(
        "self",
        verbose_name=_("occupation group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupations",
    )

    class Meta:
        ordering = ["label", "pk"]
        verbose_name = _("competence concept")
        verbose_name_plural = _("competence concepts")
        indexes = [models.Index(fields=["kind", "label"], name="competence_concept_kind")]

    def __str__(self) -> str:
        if self.kind == ConceptKind.SKILL:
            return self.label
        return f"{self.label} ({self.ssyk_code})"


class Substitutability(models.Model):
    """Utbytbarhet: JobTech's judgement that one occupation can stand in for another."""

    occupation = models.ForeignKey(
        Concept,
        verbose_name=_("occupation"),
        on_delete=models.CASCADE,
        related_name="substitutes",
    )
    substitute = models.ForeignKey(
        Concept,
        verbose_name=_("can be replaced by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    percentage = models.PositiveSmallIntegerField(_("substitutability (%)"))

    class Meta:
        verbose_name = _("substitutability")
        verbose_name_plural = _("substitutabilities")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "substitute"], name="competence_substitutability_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation} ← {self.substitute} ({self.percentage} %)"


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    FINNISH = "fi", _("Finnish")
    MEANKIELI = "fit", _("Meänkieli")
    SAMI = "se", _("Sami")
    ROMANI = "rom", _("Romani")
    YIDDISH = "yi", _("Yiddish")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    PERSIAN = "fa", _("Persian")
    TIGRINYA = "ti", _("Tigrinya")
    POLISH = "pl", _("Polish")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    SIGN = "swl", _("Swedish Sign Language")


class Profile(models.Model):
    """Kompetensprofil: what a person or an organisation can offer urban development.

    Exactly one of ``user`` and ``organisation`` owns it. Registered users see published
    profiles; the contact details are shown only to the other side of an interest request that
    both sides have said yes to.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_profile",
    )
    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_profile",
    )
    title = models.CharField(
        _("headline"),
        max_length=200,
        help_text=_("One line on what you do, e.g. “Urban historian and dialogue leader”."),
    )
    offers = models.TextField(_("what I offer"), blank=True)
    seeks = models.TextField(_("what I seek"), blank=True)
    other_competences = models.TextField(
        _("other competences"),
        blank=True,
        help_text=_("Competences in your own words, if the list does not have them."),
    )
    competences = models.ManyToManyField(
        Concept, verbose_name=_("competences"), blank=True, related_name="profiles"
    )
    dimensions = models.ManyToManyField(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimensions"),
        blank=True,
        related_name="+",
    )
    helix_sector = models.CharField(_("helix sector"), max_length=20, choices=HelixSector.choices)
    whole_country = models.BooleanField(_("can work anywhere in Sweden"), default=False)
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("municipalities where I can work"),
        blank=True,
        related_name="+",
    )
    regions = models.ManyToManyField(
        "geo.Region", verbose_name=_("regions where I can work"), blank=True, related_name="+"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    share_of_time = models.PositiveSmallIntegerField(
        _("share of time (%)"), default=20, help_text=_("How much of a full-time week, 1–100.")
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Only published profiles are matched and shown to other registered users."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector"])

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("competence profile")
        verbose_name_plural = _("competence profiles")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(organisation__isnull=True))
                | (Q(user__isnull=True) & Q(organisation__isnull=False)),
                name="competence_profile_one_owner",
                violation_error_message=_(
                    "A profile belongs to either a person or an organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(share_of_time__gte=1) & Q(share_of_time__lte=100),
                name="competence_profile_share",
                violation_error_message=_("The share of time must be between 1 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=models.F("available_from")),
                name="competence_profile_dates",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("competences:profile_detail", kwargs={"pk": self.pk})

    @property
    def owner_name(self) -> str:
        if self.organisation_id:
            return str(self.organisation.name)  # type: ignore[union-attr]
        user = self.user
        return str(user.full_name or _("A person")) if user is not None else ""


class ProfileKey(models.Model):
    """A precomputed matching key of a published profile, kept current by its services.

    ``c:<concept>``, ``g:<SSYK group>``, ``m:<SSYK minor group>`` and ``t:<Swedish word stem>``:
    the index that lets a need find its candidates without reading every profile.
    """

    # The index (profile, key) below serves the lookups by profile; no separate one is needed.
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="keys", db_index=False
    )
    key = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("profile matching key")
        verbose_name_plural = _("profile matching keys")
        indexes = [
            # Who holds a key (the search for a need's best profiles, read index-only) ...
            models.Index(fields=["key", "profile"], name="competence_profilekey_key"),
            # ... and which of a need's keys the candidates hold (scoring them, index-only).
            models.Index(fields=["profile", "key"], name="competence_profilekey_profile"),
        ]

    def __str__(self) -> str:
        return self.key


class ProfileFacts(models.Model):
    """What the score reads of a published profile besides its competence keys, kept by its
    services with the keys: a narrow row per profile, so that the search for a need's best
    profiles can bound the score of thousands of candidates in the query that finds them
    (``competences.matching``). ``tokens`` is one string: `` t:<word stem> d:<dimension>
    k:<municipality> n:<region of a municipality> r:<region> ``.
    """

    profile = models.OneToOneField(
        Profile, on_delete=models.CASCADE, primary_key=True, related_name="facts"
    )
    helix_sector = models.CharField(max_length=20)
    whole_country = models.BooleanField(default=False)
    share_of_time = models.PositiveSmallIntegerField()
    tokens = models.TextField()

    class Meta:
        verbose_name = _("profile matching facts")
        verbose_name_plural = _("profile matching facts")

    def __str__(self) -> str:
        return self.tokens


class CompetenceNeed(models.Model):
    """Kompetensbehov: competences that a project, challenge, initiative or need asks for.

    Exactly one of the four targets; who may see and change it follows the target.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_needs",
    )
    challenge = models.ForeignKey(
        "ideas.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_needs",
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_needs",
    )
    need = models.ForeignKey(
        "needs.Need",
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_needs",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("where the work is done"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    share_of_time = models.PositiveSmallIntegerField(
        _("share of time wanted (%)"), null=True, blank=True
    )
    is_open = models.BooleanField(_("open for matching"), default=True)
    # The most availability can add to a match score (points), kept by the services with the
    # keys: with them the upper bound that lets the needs for a profile be found without
    # scoring every need (``competences.matching.search_needs``). 100 is always safe.
    match_headroom = models.FloatField(default=100.0, editable=False)
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

    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "match_headroom"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need for competence")
        verbose_name_plural = _("needs for competence")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(project__isnull=False, challenge=None, initiative=None, need=None)
                    | Q(project=None, challenge__isnull=False, initiative=None, need=None)
                    | Q(project=None, challenge=None, initiative__isnull=False, need=None)
                    | Q(project=None, challenge=None, initiative=None, need__isnull=False)
                ),
                name="competence_need_one_target",
                violation_error_message=_(
                    "Choose exactly one project, challenge, initiative or need."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="competence_need_dates",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(share_of_time__isnull=True)
                | (Q(share_of_time__gte=1) & Q(share_of_time__lte=100)),
                name="competence_need_share",
                violation_error_message=_("The share of time must be between 1 and 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("competences:need_detail", kwargs={"pk": self.pk})

    @property
    def target(self) -> models.Model:
        """The project, challenge, initiative or need that asks for the competences."""
        target = self.project or self.challenge or self.initiative or self.need
        assert target is not None
        return target


class Importance(models.TextChoices):
    MUST = "must", _("Must have")
    NICE = "nice", _("Nice to have")


class RequirementKind(models.TextChoices):
    COMPETENCE = "competence", _("Competence")
    DIMENSION = "dimension", _("Sustainability dimension")
    SECTOR = "sector", _("Helix sector")


class Requirement(models.Model):
    """Krav: one competence, sustainability dimension or helix sector a need asks for."""

    need = models.ForeignKey(
        CompetenceNeed,
        verbose_name=_("need for competence"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RequirementKind.choices)
    concept = models.ForeignKey(
        Concept,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dimension = models.ForeignKey(
        "core.SustainabilityDimension",
        verbose_name=_("sustainability dimension"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sector = models.CharField(
        _("helix sector"), max_length=20, choices=HelixSector.choices, blank=True
    )
    importance = models.CharField(
        _("importance"), max_length=4, choices=Importance.choices, default=Importance.MUST
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "importance", "pk"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="competence", concept__isnull=False, dimension=None, sector="")
                | Q(kind="dimension", concept=None, dimension__isnull=False, sector="")
                | Q(kind="sector", concept=None, dimension=None, sector__gt=""),
                name="competence_requirement_kind",
                violation_error_message=_("Choose one competence, dimension or sector."),
            ),
            models.UniqueConstraint(
                fields=["need", "concept"],
                condition=Q(concept__isnull=False),
                name="competence_requirement_concept_once",
                violation_error_message=_("This competence is already required."),
            ),
            models.UniqueConstraint(
                fields=["need", "dimension"],
                condition=Q(dimension__isnull=False),
                name="competence_requirement_dimension_once",
                violation_error_message=_("This dimension is already required."),
            ),
            models.UniqueConstraint(
                fields=["need", "sector"],
                condition=Q(sector__gt=""),
                name="competence_requirement_sector_once",
                violation_error_message=_("This sector is already required."),
            ),
        ]

    def __str__(self) -> str:
        if self.concept_id:
            return str(self.concept)
        if self.dimension_id:
            return str(self.dimension)
        return str(HelixSector(self.sector).label) if self.sector else ""


class NeedKey(models.Model):
    """A precomputed, weighted matching key of an open need for competence.

    Each requirement and each word of the need becomes keys with the weight a profile holding
    that key earns (``competences.matching``); the best key per item counts.
    """

    need = models.ForeignKey(CompetenceNeed, on_delete=models.CASCADE, related_name="keys")
    item = models.CharField(max_length=90)
    key = models.CharField(max_length=80)
    weight = models.FloatField()

    class Meta:
        verbose_name = _("need matching key")
        verbose_name_plural = _("need matching keys")
        indexes = [
            models.Index(fields=["need", "key"], name="competence_needkey_need"),
            # Which needs hold a profile's keys, with the weights (read index-only on PostgreSQL).
            models.Index(
                fields=["key", "need"], name="competence_needkey_key", include=["item", "weight"]
            ),
        ]

    def __str__(self) -> str:
        return self.key


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class InterestRequest(models.Model):
    """Intresseförfrågan: someone working on a need asks a profile whether they want to take part.

    The sender has said yes by sending; when the profile's side accepts, both see each other's
    contact details and a conversation opens. A decline is seen only by the side that declined.
    """

    need = models.ForeignKey(
        CompetenceNeed,
        verbose_name=_("need for competence"),
        on_delete=models.CASCADE,
        related_name="interest_requests",
    )
    profile = models.ForeignKey(
        Profile,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="interest_requests",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.CASCADE,
        related_name="sent_interest_requests",
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("interest request")
        verbose_name_plural = _("interest requests")
        indexes = [models.Index(fields=["sender", "created_at"], name="competence_request_sender")]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "profile"],
                condition=Q(status__in=["pending", "accepted"]),
                name="competence_request_open_once",
                violation_error_message=_("This profile has already been asked about this need."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.need} → {self.profile}"

    def get_absolute_url(self) -> str:
        return reverse("competences:request_detail", kwargs={"pk": self.pk})


class Message(models.Model):
    """Meddelande: one message in the conversation of an accepted interest request."""

    request = models.ForeignKey(
        InterestRequest,
        verbose_name=_("interest request"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.body[:60]


class MatchList(models.Model):
    """The state of an open need's stored best matches (``StoredMatch``), kept by
    ``competences.match_lists``: what the page of the need's matches reads.

    ``complete``: the list holds every profile that shares a key with the need. Otherwise
    every profile left out ranks below the last one kept, and ``bar`` is the last one's
    score: a profile must reach it to enter (-1 when complete: any profile enters).
    ``dated``: the need's period starts today (no start date), so its scores hold only on
    ``computed_on``.
    """

    need = models.OneToOneField(
        CompetenceNeed, on_delete=models.CASCADE, primary_key=True, related_name="match_list"
    )
    computed_on = models.DateField()
    dated = models.BooleanField(default=False)
    complete = models.BooleanField(default=False)
    bar = models.FloatField(default=-1.0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored match list")
        verbose_name_plural = _("stored match lists")

    def __str__(self) -> str:
        return str(self.need)


class StoredMatch(models.Model):
    """One of the best profiles for an open need, with its exact score; the rank is the order
    by score, then by profile number (the index below)."""

    need = models.ForeignKey(
        CompetenceNeed, on_delete=models.CASCADE, related_name="stored_matches", db_index=False
    )
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="stored_matches")
    score = models.FloatField()

    class Meta:
        verbose_name = _("stored match")
        verbose_name_plural = _("stored matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "profile"], name="competence_storedmatch_pair")
        ]
        indexes = [
            models.Index(fields=["need", "-score", "profile"], name="competence_storedmatch_rank")
        ]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.profile_id} ({self.score:.1f})"
