"""Demo content of networks and events, built on seed 001 (and the events of seeds 000 and 002).

The six innovation platforms (Borås, Göteborg, Lund, Malmö, Stockholm, Kiruna) form the network
"Innovationsplattformar för hållbara, attraktiva städer". Kiruna's theme is the one the seed
names; the others' themes are examples. The 2017 meetings are there as the seed tells them
(Göteborg on 15 November on organisational culture, Kvalitetsmässan on 16 November), with the
next meetings in Lund in February and Kiruna in April 2018. Upcoming events are placed some
weeks from the day the demo is loaded, so that registration can be tried; one of them is full
and has a waiting list. Every row is looked up by a natural key first: loading twice changes
nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from samskapa.accounts.demo import demo_user
from samskapa.accounts.models import User
from samskapa.events.models import (
    AgendaItem,
    DocumentKind,
    Event,
    EventDocument,
    EventKind,
    ExperiencePost,
    Feedback,
    Network,
    NetworkMember,
    PostComment,
    Registration,
    RegistrationStatus,
)
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NETWORK_SLUG = "innovationsplattformar"
FULL_EVENT_SLUG = "labbworkshop-fran-labb-till-vardag"

# (organisation slug, theme, about the theme, coordinator)
MEMBERS = [
    (
        "kiruna-kommun",
        "Samhällsplaneringsprocessen som innovationsplattform",
        "Metoder och arbetssätt för samverkan med externa parter när det nya Kiruna planeras. "
        "Varje förvaltning och nämnd ska vara delaktig i planeringen, eftersom alla har sitt eget "
        "ansvarsområde i samhället.",
        True,
    ),
    (
        "goteborgs-stad",
        "Organisationskultur och nya sätt att leda innovation",
        "Exempel i demodata: hur nya arbetssätt stöds av nya sätt att leda och organisera.",
        False,
    ),
    (
        "boras-stad",
        "Medskapande i stadsutvecklingen",
        "Exempel i demodata: invånare och näringsliv med från början i planeringen.",
        False,
    ),
    (
        "lunds-kommun",
        "Testbäddar för hållbar stadsutveckling",
        "Exempel i demodata: nya lösningar prövas i verklig miljö innan de sprids.",
        False,
    ),
    (
        "malmo-stad",
        "Socialt hållbar stadsutveckling",
        "Exempel i demodata: trygghet, mötesplatser och delaktighet i nya stadsdelar.",
        False,
    ),
    (
        "stockholms-stad",
        "Uppföljning och utvärdering av innovation",
        "Exempel i demodata: hur innovationsarbetet följs upp och utvärderas på bästa sätt.",
        False,
    ),
    (
        "rise",
        "Processtöd och lärande mellan plattformarna",
        "Håller ihop tematräffarna och den gemensamma uppföljningen.",
        True,
    ),
]


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def _ahead(days: int, hour: int) -> datetime.datetime:
    """``days`` from today at ``hour`` Swedish time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def _network(organisations: dict[str, Organisation]) -> Network:
    network, _created = Network.objects.get_or_create(
        slug=NETWORK_SLUG,
        defaults={
            "name": "Innovationsplattformar för hållbara, attraktiva städer",
            "summary": "Sex städer med var sin innovationsplattform, finansierade av Vinnova, "
            "som träffas regelbundet för att utbyta erfarenheter och frågeställningar.",
            "description": "Den röda tråden i plattformarnas arbete är hur nya arbetssätt på bästa "
            "sätt kan understödjas av nya sätt att leda och organisera innovation, och hur de kan "
            "följas upp och utvärderas. Tematräffarna hålls hos städerna i tur och ordning, och "
            "plattformarna medverkar tillsammans på mässor och konferenser.",
        },
    )
    for slug, theme, about, coordinator in MEMBERS:
        NetworkMember.objects.get_or_create(
            network=network,
            organisation=organisations[slug],
            defaults={
                "theme": theme,
                "theme_description": about,
                "is_coordinator": coordinator,
                "joined_on": datetime.date(2016, 1, 1),
            },
        )
    return network


def _event(slug: str, **fields: object) -> tuple[Event, bool]:
    return Event.objects.get_or_create(slug=slug, defaults=fields)


def _register(event: Event, user: User | None, **fields: object) -> Registration | None:
    if user is None:
        return None
    registration, _created = Registration.objects.get_or_create(
        event=event,
        email=user.email,
        defaults={"user": user, "registered_by": user, "name": user.get_full_name(), **fields},
    )
    return registration


def _events(network: Network, organisations: dict[str, Organisation]) -> dict[str, Event]:
    gbg = Municipality.objects.filter(code="1480").first()
    lund = Municipality.objects.filter(code="1281").first()
    kiruna = Municipality.objects.filter(code="2584").first()
    malmo = Municipality.objects.filter(code="1280").first()
    events: dict[str, Event] = {}
    events["tema"], created = _event(
        "tematraff-organisationskultur-goteborg-2017",
        title="Tematräff om organisationskultur",
        kind=EventKind.THEME_MEETING,
        organiser=organisations["goteborgs-stad"],
        network=network,
        host_municipality=gbg,
        summary="De sex innovationsplattformarna träffas i Göteborg. Temat är organisationskultur.",
        description="Hur kan nya arbetssätt understödjas av nya sätt att leda och organisera "
        "innovation, och hur följer vi upp och utvärderar dem?",
        starts_at=_at(2017, 11, 15, 9, 30),
        ends_at=_at(2017, 11, 15, 16, 0),
        place="Göteborg",
        capacity=30,
        accessibility="Lokalen har hiss och hörslinga.",
        materials="Anteckningar och presentationer från dagen finns under Dokumentation.",
    )
    if created:
        agenda = [
            (9, 30, 10, 0, "Välkomna och incheckning", ""),
            (10, 0, 11, 30, "Organisationskultur som hinder och möjlighet", "Värdstaden Göteborg"),
            (
                13,
                0,
                14,
                30,
                "Kiruna: samhällsplaneringsprocessen som innovationsplattform",
                "Joakim Norman, Kiruna kommun",
            ),
            (14, 45, 16, 0, "Hur följer vi upp och utvärderar innovation?", "Alla plattformar"),
        ]
        for h1, m1, h2, m2, title, speakers in agenda:
            AgendaItem.objects.create(
                event=events["tema"],
                starts_at=_at(2017, 11, 15, h1, m1),
                ends_at=_at(2017, 11, 15, h2, m2),
                title=title,
                speakers=speakers,
            )
        EventDocument.objects.create(
            event=events["tema"],
            title="Anteckningar från tematräffen",
            kind=DocumentKind.NOTES,
            url="https://example.org/innovationsplattformar/2017-11-15-anteckningar",
        )
    events["massa"], _ = _event(
        "kvalitetsmassan-2017",
        title="Kvalitetsmässan 2017: Det nya Sverige",
        kind=EventKind.FAIR,
        organiser=organisations["goteborgs-stad"],
        network=network,
        host_municipality=gbg,
        summary="Innovationsplattformarna berättar om sitt arbete på Europas största konferens "
        "och fackmässa om verksamhets- och samhällsutveckling.",
        description="Vad innebär innovationsplattformsarbetet, vilka utmaningar har varje stad, "
        "vad har städerna gemensamt och vad skiljer dem åt? Intresset var så stort att stora "
        "åhörarsalen fylldes.",
        starts_at=_at(2017, 11, 16, 10, 0),
        ends_at=_at(2017, 11, 16, 11, 0),
        place="Svenska Mässan, stora åhörarsalen",
    )
    events["lund"], _ = _event(
        "innovationsplattformstraff-lund-2018",
        title="Innovationsplattformsträff i Lund",
        kind=EventKind.THEME_MEETING,
        organiser=organisations["lunds-kommun"],
        network=network,
        host_municipality=lund,
        summary="Nästa träff efter Göteborg, med Lund som värd.",
        starts_at=_at(2018, 2, 14, 10, 0),
        ends_at=_at(2018, 2, 14, 16, 0),
        place="Lund",
        capacity=30,
    )
    events["kiruna"], _ = _event(
        "innovationsplattformstraff-kiruna-2018",
        title="Innovationsplattformsträff i Kiruna",
        kind=EventKind.THEME_MEETING,
        organiser=organisations["kiruna-kommun"],
        network=network,
        host_municipality=kiruna,
        summary="Kirunas tur: planeringen av den nya staden som innovationsplattform.",
        starts_at=_at(2018, 4, 18, 10, 0),
        ends_at=_at(2018, 4, 19, 15, 0),
        place="Kiruna stadshus",
        capacity=30,
    )
    events["labb"], created = _event(
        FULL_EVENT_SLUG,
        title="Labbworkshop: från labb till vardag",
        kind=EventKind.WORKSHOP,
        organiser=organisations["rise"],
        network=network,
        host_municipality=gbg,
        summary="Regional workshop om hur det som prövats i innovationslabbet blir en del av "
        "det vanliga arbetet.",
        description="En av de projektgemensamma workshopparna i det regionala labbet, på tema "
        "medskapande, målgrupper, prototyper och från labb till vardag.",
        starts_at=_ahead(21, 9),
        ends_at=_ahead(21, 12),
        place="Göteborgsregionen, Anders Personsgatan 8, Göteborg",
        capacity=3,
        organisation_quota=2,
        accessibility="Entré utan trappsteg. Säg till om du behöver tolk.",
    )
    if created:
        AgendaItem.objects.create(
            event=events["labb"],
            starts_at=_ahead(21, 9),
            ends_at=_ahead(21, 10),
            title="Vad hände efter labbet? Erfarenheter från fem kommuner",
            speakers="Frida Processledare, RISE",
        )
    events["session"], _ = _event(
        "kunskapstillfalle-leda-for-innovation",
        title="Kunskapstillfälle: att styra och leda för innovation",
        kind=EventKind.KNOWLEDGE_SESSION,
        organiser=organisations["rise"],
        summary="Det första av fem kunskapstillfällen för projektledare i stadsbyggnadsprojekt, "
        "med en uppgift att arbeta med till nästa gång.",
        starts_at=_ahead(35, 13),
        ends_at=_ahead(35, 16),
        online_url="https://example.org/mote/kunskapstillfalle-1",
        capacity=40,
    )
    events["malmo"], _ = _event(
        "tematraff-uppfoljning-malmo",
        title="Tematräff om uppföljning och utvärdering",
        kind=EventKind.THEME_MEETING,
        organiser=organisations["kiruna-kommun"],
        network=network,
        host_municipality=malmo,
        summary="Hur följer plattformarna upp och utvärderar sitt arbete tillsammans?",
        starts_at=_ahead(56, 10),
        ends_at=_ahead(56, 16),
        place="Malmö",
        capacity=30,
        registration_closes_at=_ahead(49, 12),
    )
    return events


def _registrations(events: dict[str, Event]) -> None:
    kiruna = demo_user("leader_kiruna")
    facilitator = demo_user("facilitator")
    researcher = demo_user("researcher")
    gavle = demo_user("leader_gavle")
    harryda = demo_user("leader_harryda")
    company = demo_user("company")
    for user in (kiruna, facilitator, researcher):
        registration = _register(
            events["tema"], user, attended=True, diet="Vegetarisk" if user is researcher else ""
        )
        if registration is not None and user is kiruna:
            Feedback.objects.get_or_create(
                registration=registration,
                defaults={
                    "overall": 5,
                    "content": 4,
                    "organisation": 5,
                    "comment": "Bra att höra hur de andra städerna leder förändring. Mer tid för "
                    "erfarenhetsutbyte nästa gång.",
                },
            )
    for user in (kiruna, facilitator):
        _register(events["massa"], user)
    # The full workshop: three seats taken, one on the waiting list.
    for user in (gavle, harryda, researcher):
        _register(events["labb"], user, diet="Glutenfri" if user is harryda else "")
    _register(events["labb"], company, status=RegistrationStatus.WAITING)
    for user in (kiruna, gavle):
        _register(events["session"], user)
    _register(events["malmo"], kiruna)


def _posts(
    network: Network, events: dict[str, Event], organisations: dict[str, Organisation]
) -> None:
    kiruna = demo_user("leader_kiruna")
    facilitator = demo_user("facilitator")
    gavle = demo_user("leader_gavle")
    first, created = ExperiencePost.objects.get_or_create(
        network=network,
        title="Alla förvaltningar med när nya Kiruna planeras",
        defaults={
            "author": kiruna,
            "organisation": organisations["kiruna-kommun"],
            "event": events["tema"],
            "body": "På tematräffen i Göteborg berättade vi hur Kiruna använder "
            "samhällsplaneringsprocessen som innovationsplattform. Det viktigaste vi lärt oss: "
            "varje förvaltning och nämnd har sitt eget ansvarsområde i samhället, och planeringen "
            "blir bättre när alla är med från början. Vi letar efter en väg där alla "
            "förvaltningar samverkar på ett bra sätt.",
        },
    )
    if created and gavle is not None:
        PostComment.objects.create(
            post=first,
            author=gavle,
            body="Känns igen från Näringen i Gävle. Hur fick ni med nämnderna i ett tidigt skede?",
        )
    second, created = ExperiencePost.objects.get_or_create(
        network=network,
        title="Fullsatt åhörarsal på Kvalitetsmässan",
        defaults={
            "author": facilitator,
            "organisation": organisations["rise"],
            "event": events["massa"],
            "body": "Intresset för innovationsplattformarna var så stort att vi fyllde stora "
            "åhörarsalen. Lärdom: berätta om varje stads egen utmaning, och om vad städerna har "
            "gemensamt. Det var det publiken frågade mest om.",
        },
    )
    if created:
        testbed = Initiative.objects.filter(
            title="Testbädd för medskapande av mötesplatser"
        ).first()
        if testbed is not None:
            second.initiatives.add(testbed)


@transaction.atomic
def load_events_demo() -> Network:
    """The network of the six platforms, its events, registrations and experience posts."""
    organisations = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=[slug for slug, *_ in MEMBERS])
    }
    network = _network(organisations)
    events = _events(network, organisations)
    _registrations(events)
    _posts(network, events, organisations)
    return network
