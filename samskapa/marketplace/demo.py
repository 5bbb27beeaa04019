"""Demo marketplace in the spirit of seed 003: fictional providers of digital services, and
requests from the demo municipalities.

Gävle runs a market dialogue on resident dialogue in Näringen (questions answered and published
to all), Härryda has closed a direct procurement of a booking system with an award, and Kiruna
drafts an innovation procurement of sensors. Every company here is fictional. Loaded after the
needs and ideas demos; idempotent (everything is found by name first). Dates are relative to
today, so the dialogue stays open and the procurement stays closed.
"""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from samskapa.accounts.demo import accept_documents_in_force, demo_person
from samskapa.accounts.models import User
from samskapa.core.models import DOCUMENT, HelixSector, SustainabilityDimension
from samskapa.core.uploads import upload_store
from samskapa.marketplace.models import (
    Criterion,
    DataLocation,
    EventKind,
    Outcome,
    PricingModel,
    ProcurementRequest,
    Question,
    Receipt,
    RequestEvent,
    RequestStatus,
    RequestType,
    Requirement,
    RequirementKind,
    Response,
    Score,
    Service,
    ServiceCategory,
    ServiceReference,
    WcagLevel,
)
from samskapa.marketplace.sealing import seal
from samskapa.needs.models import Need
from samskapa.organisations.models import Membership, Organisation, OrganisationType, Role
from samskapa.sdg.models import Goal

BUYER_EMAIL = "upphandlare@samskapa.example"

PROVIDERS: list[dict[str, str]] = [
    {
        "slug": "fiktiva-bokningsbolaget-ab",
        "name": "Fiktiva Bokningsbolaget AB",
        "org_number": "559012-3450",
        "description": "Fiktivt företag: bokning av kommunala lokaler, idrottshallar och utrustning.",
    },
    {
        "slug": "fiktiva-dialogverkstaden-ab",
        "name": "Fiktiva Dialogverkstaden AB",
        "org_number": "559123-4561",
        "description": "Fiktivt företag: digitala medborgardialoger, enkäter och kartbaserade synpunkter.",
    },
    {
        "slug": "fiktiva-etjanstfabriken-ab",
        "name": "Fiktiva E-tjänstfabriken AB",
        "org_number": "559234-5671",
        "description": "Fiktivt företag: e-tjänster och formulär med e-legitimation för kommuner.",
    },
]

# (provider slug, name, category, pricing, wcag, data location, summary, standards, goals)
SERVICES: list[tuple[str, str, str, str, str, str, str, str, list[int]]] = [
    (
        "fiktiva-bokningsbolaget-ab",
        "Boka Lokal",
        ServiceCategory.BOOKING,
        PricingModel.SUBSCRIPTION,
        WcagLevel.AA,
        DataLocation.SWEDEN,
        "Invånare och föreningar bokar lokaler, idrottshallar och utrustning i kommunen.",
        "OpenAPI 3\niCalendar\nSAML 2.0",
        [11, 16],
    ),
    (
        "fiktiva-dialogverkstaden-ab",
        "Dialogkartan",
        ServiceCategory.RESIDENT_DIALOGUE,
        PricingModel.PER_USER,
        WcagLevel.AA,
        DataLocation.EU,
        "Kartbaserad medborgardialog: invånare lämnar synpunkter och idéer på platser i stadsdelen.",
        "OpenAPI 3\nWFS\nGeoJSON",
        [11, 16, 17],
    ),
    (
        "fiktiva-smartstad-ab",
        "Sensorplattform Stad",
        ServiceCategory.SENSORS,
        PricingModel.PER_TRANSACTION,
        WcagLevel.A,
        DataLocation.EEA,
        "Öppen plattform för sensordata: luftkvalitet, buller, snödjup och beläggning i realtid.",
        "LoRaWAN\nSensorThings API\nMQTT",
        [9, 11, 13],
    ),
    (
        "fiktiva-etjanstfabriken-ab",
        "Formulärfabriken",
        ServiceCategory.E_SERVICES,
        PricingModel.FIXED,
        WcagLevel.AA,
        DataLocation.SWEDEN,
        "Bygg e-tjänster med e-legitimation och koppling till ärendehanteringen utan programmering.",
        "OpenAPI 3\nBankID\nSAML 2.0",
        [16],
    ),
    (
        "fiktiva-dialogverkstaden-ab",
        "Öppen Enkät",
        ServiceCategory.RESIDENT_DIALOGUE,
        PricingModel.FREE,
        WcagLevel.AA,
        DataLocation.SWEDEN,
        "Enkätverktyg med öppen källkod för medborgarundersökningar och dialog.",
        "OpenAPI 3\nCSV\nEUPL 1.2",
        [16],
    ),
]


def _provider(spec: dict[str, str]) -> Organisation:
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            type=OrganisationType.COMPANY,
            helix_sector=HelixSector.BUSINESS,
            org_number=spec["org_number"],
            description=spec["description"],
        )
    return organisation


def _buyer_person(organisations: list[Organisation]) -> User:
    """A second person in the buying municipalities, so that two can open the responses."""
    user = demo_person(email=BUYER_EMAIL, name="Ulla Upphandlare (fiktiv)")
    accept_documents_in_force(user)
    for organisation in organisations:
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.PROJECT_LEADER
        )
    return user


def _services(providers: dict[str, Organisation]) -> dict[str, Service]:
    services = {}
    social = SustainabilityDimension.objects.filter(code="social").first()
    for slug, name, category, pricing, wcag, location, summary, standards, goals in SERVICES:
        service = Service.objects.filter(name=name, provider=providers[slug]).first()
        if service is None:
            service = Service.objects.create(
                provider=providers[slug],
                name=name,
                slug=f"{providers[slug].slug[:40]}-{name.lower().replace(' ', '-').replace('ö', 'o').replace('ä', 'a')}",
                category=category,
                pricing_model=pricing,
                wcag_level=wcag,
                data_location=location,
                summary=summary,
                description=summary
                + " Tjänsten och leverantören är fiktiva och finns för demonstration.",
                target_users="Invånare, föreningar och kommunens handläggare.",
                has_processor_agreement=True,
                sub_processors="Fiktiv Molndrift AB (Sverige)",
                open_standards=standards,
                accessibility_statement_url="https://example.org/tillganglighetsredogorelse",
            )
            service.goals.set(Goal.objects.filter(number__in=goals))
            if social is not None:
                service.dimensions.add(social)
        services[name] = service
    return services


def _request(buyer: Organisation, title: str, **fields: Any) -> tuple[ProcurementRequest, bool]:
    found = ProcurementRequest.objects.filter(buyer=buyer, title=title).first()
    if found is not None:
        return found, False
    return ProcurementRequest.objects.create(buyer=buyer, title=title, **fields), True


def _requirements(request: ProcurementRequest, items: list[tuple[str, str]]) -> list[Requirement]:
    return [
        Requirement.objects.create(request=request, kind=kind, text=text) for kind, text in items
    ]


def _criteria(request: ProcurementRequest, items: list[tuple[str, int, str]]) -> list[Criterion]:
    return [
        Criterion.objects.create(request=request, name=name, weight=weight, description=text)
        for name, weight, text in items
    ]


def _dialogue(gavle: Organisation, leader: User | None, provider_user: User | None) -> None:
    now = timezone.now()
    request, created = _request(
        gavle,
        "Marknadsdialog: digital medborgardialog i Näringen",
        request_type=RequestType.MARKET_DIALOGUE,
        category=ServiceCategory.RESIDENT_DIALOGUE,
        summary="Gävle kommun vill lära sig vilka digitala verktyg som finns för dialog med "
        "invånare och näringsliv om den nya stadsdelen Näringen.",
        description="Vi bjuder in leverantörer till en marknadsdialog inför en möjlig upphandling. "
        "Invånarnas behov står i centrum: dialogen ska nå unga, äldre och de som sällan deltar.",
        cpv_code="72000000-5",
        estimated_value=800000,
        status=RequestStatus.PUBLISHED,
        published_at=now - datetime.timedelta(days=10),
        question_deadline=now + datetime.timedelta(days=20),
        response_deadline=now + datetime.timedelta(days=35),
        created_by=leader,
    )
    if not created:
        return
    _requirements(
        request,
        [
            (RequirementKind.MUST, "Tjänsten uppfyller WCAG 2.1 nivå AA."),
            (RequirementKind.MUST, "Personuppgifter lagras inom EU/EES."),
            (RequirementKind.SHOULD, "Synpunkter kan lämnas på en karta."),
        ],
    )
    _criteria(
        request,
        [
            ("Tillgänglighet och inkludering", 40, "Hur tjänsten når grupper som sällan deltar."),
            ("Öppna gränssnitt", 30, "Data kan hämtas via öppna standarder."),
            ("Pris", 30, "Totalkostnad för tre år."),
        ],
    )
    specification = SimpleUploadedFile(
        "kravspecifikation.txt",
        "Kravspecifikation (fiktiv): digital medborgardialog i Näringen.\n\n"
        "1. Tillgänglighet enligt WCAG 2.1 AA.\n2. Personuppgifter inom EU/EES.\n".encode(),
    )
    request.documents.add(upload_store(actor=leader, file=specification, kinds={DOCUMENT}))
    needs = Need.objects.filter(project__slug="naringen").order_by("pk")[:2]
    request.needs.set(needs)
    RequestEvent.objects.create(
        request=request,
        kind=EventKind.PUBLISHED,
        actor=leader,
        at=now - datetime.timedelta(days=10),
    )
    for days, text, answer in [
        (
            8,
            "Ska tjänsten kunna användas utan inloggning?",
            "Ja. Invånare ska kunna lämna synpunkter utan e-legitimation; inloggning får vara ett val.",
        ),
        (
            6,
            "Finns det krav på integration med kommunens GIS?",
            "Inget skallkrav. Vi vill gärna veta om tjänsten kan visa kommunens kartlager via WMS/WFS.",
        ),
    ]:
        Question.objects.create(
            request=request,
            text=text,
            asked_by=provider_user,
            answer=answer,
            answered_at=now - datetime.timedelta(days=days - 1),
            answered_by=leader,
        )
    Question.objects.create(
        request=request,
        text="Hur många invånare räknar ni med ska delta under det första året?",
        asked_by=provider_user,
    )


def _closed_procurement(
    harryda: Organisation,
    leader: User | None,
    second: User,
    providers: dict[str, Organisation],
) -> None:
    now = timezone.now()
    published = now - datetime.timedelta(days=60)
    request, created = _request(
        harryda,
        "Direktupphandling: bokningssystem för kommunens lokaler",
        request_type=RequestType.DIRECT,
        category=ServiceCategory.BOOKING,
        summary="Härryda kommun upphandlar ett bokningssystem för lokaler och idrottshallar i "
        "Landvetter Södra och resten av kommunen.",
        cpv_code="48000000-8",
        estimated_value=450000,
        status=RequestStatus.PUBLISHED,
        published_at=published,
        question_deadline=published + datetime.timedelta(days=14),
        response_deadline=published + datetime.timedelta(days=28),
        created_by=leader,
    )
    if not created:
        return
    requirements = _requirements(
        request,
        [
            (RequirementKind.MUST, "Bokning och betalning fungerar med skärmläsare."),
            (RequirementKind.SHOULD, "Kalenderflöden i iCalendar-format."),
        ],
    )
    criteria = _criteria(
        request,
        [("Funktion och användbarhet", 60, ""), ("Pris", 40, "Pris för fyra år.")],
    )
    RequestEvent.objects.create(
        request=request, kind=EventKind.PUBLISHED, actor=leader, at=published
    )
    responses = {}
    for offset, slug, price, scores in [
        (20, "fiktiva-bokningsbolaget-ab", 380000, [5, 4]),
        (25, "fiktiva-etjanstfabriken-ab", 320000, [3, 5]),
    ]:
        payload = {
            "request": request.pk,
            "provider": providers[slug].pk,
            "summary": "Vi erbjuder en beprövad tjänst som redan används av flera kommuner.",
            "price": str(price),
            "answers": [
                {"requirement": r.pk, "kind": r.kind, "text": r.text, "meets": True, "comment": ""}
                for r in requirements
            ],
            "documents": [],
        }
        sealed, digest = seal(payload)
        at = published + datetime.timedelta(days=offset)
        response = Response.objects.create(
            request=request,
            provider=providers[slug],
            submitted_at=at,
            sealed=sealed,
            digest=digest,
        )
        Receipt.objects.create(response=response, submitted_at=at, digest=digest)
        for criterion, score in zip(criteria, scores, strict=True):
            Score.objects.create(
                response=response, criterion=criterion, score=score, scored_by=second
            )
        responses[slug] = response
    opened = published + datetime.timedelta(days=29)
    request.opening_started_by, request.opening_started_at = leader, opened
    request.opened_by, request.opened_at = second, opened + datetime.timedelta(minutes=20)
    request.outcome = Outcome.AWARD
    request.awarded_response = responses["fiktiva-bokningsbolaget-ab"]
    request.outcome_rationale = (
        "Högst viktad poäng (4,6 av 5): bäst funktion och användbarhet, pris inom budget."
    )
    request.outcome_at = published + datetime.timedelta(days=35)
    request.status = RequestStatus.CLOSED
    request.save()
    for kind, actor, at in [
        (EventKind.OPENING_STARTED, leader, request.opening_started_at),
        (EventKind.OPENED, second, request.opened_at),
        (EventKind.OUTCOME, second, request.outcome_at),
    ]:
        RequestEvent.objects.create(request=request, kind=kind, actor=actor, at=at)


def _draft(kiruna: Organisation, leader: User | None) -> None:
    now = timezone.now()
    request, created = _request(
        kiruna,
        "Innovationsupphandling: sensorer för smartare snöröjning",
        request_type=RequestType.INNOVATION,
        category=ServiceCategory.SENSORS,
        summary="Kiruna kommun vill pröva sensorer som mäter snödjup och halka så att "
        "snöröjningen i den nya stadskärnan kan planeras efter behov.",
        status=RequestStatus.DRAFT,
        question_deadline=now + datetime.timedelta(days=60),
        response_deadline=now + datetime.timedelta(days=90),
        created_by=leader,
    )
    if created:
        _requirements(request, [(RequirementKind.MUST, "Sensorerna fungerar ned till -35 °C.")])


@transaction.atomic
def load_marketplace_demo() -> dict[str, int]:
    providers = {spec["slug"]: _provider(spec) for spec in PROVIDERS}
    smartstad = Organisation.objects.filter(slug="fiktiva-smartstad-ab").first()
    if smartstad is not None:
        providers[smartstad.slug] = smartstad
    services = _services(providers)
    buyers = {
        slug: Organisation.objects.get(slug=slug)
        for slug in ("gavle-kommun", "harryda-kommun", "kiruna-kommun")
    }
    second = _buyer_person([buyers["gavle-kommun"], buyers["harryda-kommun"]])
    leaders = {
        email.split(".")[1].split("@")[0]: User.objects.filter(email=email).first()
        for email in (
            "projektledare.gavle@samskapa.example",
            "projektledare.harryda@samskapa.example",
            "projektledare.kiruna@samskapa.example",
        )
    }
    company = User.objects.filter(email="foretag@samskapa.example").first()
    for slug in ("fiktiva-bokningsbolaget-ab", "fiktiva-dialogverkstaden-ab"):
        if company is not None:
            Membership.objects.get_or_create(
                user=company, organisation=providers[slug], role=Role.ADMINISTRATOR
            )
    reference, _created = ServiceReference.objects.get_or_create(
        service=services["Boka Lokal"],
        municipality=buyers["harryda-kommun"],
        defaults={"description": "Bokning av idrottshallar sedan 2025."},
    )
    if reference.confirmed_at is None:
        reference.confirmed_at, reference.confirmed_by = timezone.now(), leaders["harryda"]
        reference.save()
    _dialogue(buyers["gavle-kommun"], leaders["gavle"], company)
    _closed_procurement(buyers["harryda-kommun"], leaders["harryda"], second, providers)
    _draft(buyers["kiruna-kommun"], leaders["kiruna"])
    return {
        "services": Service.objects.count(),
        "requests": ProcurementRequest.objects.count(),
    }
