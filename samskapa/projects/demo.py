"""Demo urban development projects of the seed texts, and the roles of units in their phases.

Projects: Näringen in Gävle, Landvetter Södra in Härryda, the new Kiruna, the toolbox project of
Göteborgsregionen, Stockholm's museums, and the six cities' innovation platforms (seed 001).

Phase roles (seed 001): in Kiruna every administration and board is at the table of the new town
centre, each from its own area of responsibility, with two deliberate gaps that the matrix should
reveal: nobody has taken on management and follow-up yet, and the rescue service has no part in
any phase. Näringen in Gävle, still in the detailed development plan, has roles only in the
phases so far.

Idempotent: each row is found by a natural key first, and an edited one is left alone.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from samskapa.accounts.demo import USERS, demo_user
from samskapa.accounts.models import User
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Membership, Organisation, Role, Unit
from samskapa.projects.models import (
    Funding,
    FundingStatus,
    PhaseRole,
    Project,
    ProjectPhase,
    ProjectUnit,
    UnitPhaseRole,
)
from samskapa.sdg.models import Target

PROJECTS: list[dict[str, Any]] = [
    {
        "slug": "naringen",
        "name": "Näringen",
        "organisation": "gavle-kommun",
        "municipality": "2180",
        "area": "Näringen, Gävle",
        "phase": ProjectPhase.DETAILED_PLAN,
        "start_date": datetime.date(2019, 9, 1),
        "end_date": datetime.date(2035, 12, 31),
        "summary": "En ny blandad stadsdel med innovationsstrategi från behovsinventering till genomförande.",
        "description": "Gävle kommun utvecklar Näringen till en ny stadsdel. Hösten 2019 påbörjades en "
        "innovationsstrategi med behovsinventering och processledning, som pilot för hur "
        "innovationsstrategier kan användas i stadsutvecklingsprojekt.",
        "goals": "Minskad klimatpåverkan från byggande och resor.\nBlandade upplåtelseformer och trygga mötesplatser.\n"
        "Samverkan med näringsliv, akademi och civilsamhälle i varje fas.",
        "dimensions": ["ecological", "economic", "social"],
        "targets": ["11.1", "11.3", "11.6", "11.7", "13.2"],
        "units": [
            ("Samhällsbyggnad Gävle", "Planering och exploatering; äger behovsinventeringen."),
            ("Kultur & fritid", "Mötesplatser och medskapande med boende."),
        ],
        "funding": [
            {
                "funder": "Regeringskansliet, utredningen Samordning för bostadsbyggande",
                "call": "Pilot: innovationsstrategier i stadsutvecklingsprojekt",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2019, 9, 1),
                "end_date": datetime.date(2020, 6, 30),
            }
        ],
    },
    {
        "slug": "landvetter-sodra-etapp-1",
        "name": "Landvetter Södra etapp 1",
        "organisation": "harryda-kommun",
        "municipality": "1401",
        "area": "Landvetter Södra",
        "phase": ProjectPhase.PROGRAMME,
        "start_date": datetime.date(2019, 9, 1),
        "end_date": datetime.date(2040, 12, 31),
        "summary": "Första etappen av en ny stad vid Landvetter flygplats, planerad med innovationsstrategi.",
        "description": "Härryda kommun planerar Landvetter Södra, en ny stad för upp till 25 000 invånare. "
        "Etapp 1 började med behovsinventering och processledning för innovationsarbetet.",
        "goals": "Hållbart resande från första inflyttningen.\nEn stad där skola, service och arbetsplatser finns nära.",
        "dimensions": ["ecological", "social"],
        "targets": ["11.2", "11.3", "7.2", "9.1"],
        "units": [("Sektor för samhällsbyggnad", "Planprogram och infrastruktur.")],
        "funding": [
            {
                "funder": "Regeringskansliet, utredningen Samordning för bostadsbyggande",
                "call": "Pilot: innovationsstrategier i stadsutvecklingsprojekt",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2019, 9, 1),
                "end_date": datetime.date(2020, 6, 30),
            }
        ],
    },
    {
        "slug": "nya-kiruna",
        "name": "Det nya Kiruna",
        "organisation": "kiruna-kommun",
        "municipality": "2584",
        "area": "Kiruna centrum",
        "phase": ProjectPhase.CONSTRUCTION,
        "start_date": datetime.date(2013, 1, 1),
        "end_date": datetime.date(2035, 12, 31),
        "summary": "Stadsomvandlingen av Kiruna som innovationsplattform för samhällsplaneringsprocessen.",
        "description": "Kiruna har samhällsplaneringsprocessen som innovationsplattform: metoder och arbetssätt för "
        "samverkan med externa parter när den nya staden planeras. Varje förvaltning och nämnd deltar.",
        "goals": "En hållbar och smart stad som möter framtidens hållbarhetsmål och miljökrav.\n"
        "Alla förvaltningar samverkar utifrån sina ansvarsområden.",
        "dimensions": ["ecological", "economic", "social"],
        "targets": ["11.3", "11.a", "9.4", "17.17"],
        "units": "all",
        "funding": [
            {
                "funder": "Vinnova",
                "call": "Innovationsplattformar för hållbara, attraktiva städer",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2016, 1, 1),
                "end_date": datetime.date(2019, 12, 31),
            }
        ],
    },
    {
        "slug": "social-innovation-i-samhallsplanering",
        "name": "Social innovation i samhällsplanering",
        "organisation": "goteborgsregionen",
        "municipality": "1480",
        "area": "Göteborgsregionen",
        "phase": ProjectPhase.MANAGEMENT,
        "start_date": datetime.date(2017, 12, 1),
        "end_date": datetime.date(2019, 11, 30),
        "summary": "En verktygslåda för socialt hållbar samhällsplanering, prövad i fem kommuner.",
        "description": "Göteborgsregionen, RISE och kommunerna Kungälv, Lerum, Lilla Edet, Partille och Stenungsund "
        "har utvecklat, testat och anpassat sex metoder i tvärsektoriella arbetsgrupper för att minska "
        "boendesegregationen.",
        "goals": "Stärkt social sammanhållning och minskad boendesegregation.\nÖkad tillgänglighet till den regionala bostadsmarknaden.",
        "dimensions": ["social"],
        "targets": ["10.2", "11.1", "11.3"],
        "funding": [
            {
                "funder": "Vinnova",
                "call": "Social innovation - temasatsning: Social innovation mot segregation",
                "amount_sek": Decimal("2467989"),
                "reference_number": "2017-04760",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2017, 12, 1),
                "end_date": datetime.date(2019, 11, 30),
            }
        ],
    },
    {
        "slug": "pa-gransen",
        "name": "På gränsen – innovativa samarbeten inom offentlig sektor",
        "organisation": "stockholms-stad",
        "municipality": "0180",
        "area": "Stockholm",
        "phase": ProjectPhase.MANAGEMENT,
        "start_date": datetime.date(2013, 9, 1),
        "end_date": datetime.date(2014, 5, 31),
        "summary": "Idén om en kommunal dejtingsajt för kompetenser som säkrar hållbarhetens alla aspekter.",
        "description": "Stadsmuseet och Medeltidsmuseet utarbetade med Stockholmsforskningen en projektbeskrivning "
        "för att stärka samarbeten utifrån behov i miljön.",
        "goals": "Ekonomiska, miljömässiga och sociokulturella aspekter tillgodoses i stadsutvecklingen.",
        "dimensions": ["economic", "ecological", "social"],
        "targets": ["11.4", "17.17"],
        "units": [("Stadsmuseet", "Koordinator."), ("Medeltidsmuseet", "Medverkande museum.")],
        "funding": [
            {
                "funder": "Vinnova",
                "call": "Utvecklingsforum",
                "amount_sek": Decimal("322380"),
                "reference_number": "2013-01747",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2013, 9, 1),
                "end_date": datetime.date(2014, 5, 31),
            }
        ],
    },
    {
        "slug": "kiruna-centrum-etapp-3-forstudie",
        "name": "Förstudie: Kiruna centrum etapp 3",
        "organisation": "kiruna-kommun",
        "municipality": "2584",
        "area": "Kiruna centrum, etapp 3",
        "phase": ProjectPhase.INITIATION,
        "visibility": Visibility.MEMBERS,
        "summary": "Intern förstudie, synlig bara för kommunens medlemmar.",
        "description": "Ett internt arbetsmaterial inför nästa etapp.",
        "dimensions": ["economic"],
        "targets": [],
    },
]

PLATFORM_CITIES = [
    ("boras-stad", "Borås"),
    ("goteborgs-stad", "Göteborg"),
    ("lunds-kommun", "Lund"),
    ("malmo-stad", "Malmö"),
    ("stockholms-stad", "Stockholm"),
]

MEMBERSHIPS: list[tuple[str, str, str]] = [
    # (user key, project slug, role)
    # (user key, "org" | "project", slug, role)
    ("assessor", "naringen", Role.ASSESSOR),
    ("facilitator", "naringen", Role.FACILITATOR),
    ("facilitator", "landvetter-sodra-etapp-1", Role.FACILITATOR),
]


def _project(
    spec: dict[str, Any],
    organisations: dict[str, Organisation],
    municipalities: dict[str, Municipality],
    creator: User,
) -> Project:
    project, created = Project.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "organisation": organisations[spec["organisation"]],
            "municipality": municipalities[spec["municipality"]],
            "area": spec.get("area", ""),
            "phase": spec["phase"],
            "start_date": spec.get("start_date"),
            "end_date": spec.get("end_date"),
            "summary": spec.get("summary", ""),
            "description": spec.get("description", ""),
            "goals": spec.get("goals", ""),
            "visibility": spec.get("visibility", Visibility.PUBLIC),
            "created_by": creator,
        },
    )
    if not created:
        return project
    project.dimensions.set(
        SustainabilityDimension.objects.filter(code__in=spec.get("dimensions", []))
    )
    project.sdg_targets.set(Target.objects.filter(code__in=spec.get("targets", [])))
    units = project.organisation.units.all()
    if spec.get("units") == "all":
        for unit in units:
            ProjectUnit.objects.create(project=project, unit=unit, contribution=unit.responsibility)
    else:
        by_name = {unit.name: unit for unit in units}
        for name, contribution in spec.get("units", []):
            ProjectUnit.objects.create(
                project=project, unit=by_name[name], contribution=contribution
            )
    for funding in spec.get("funding", []):
        Funding.objects.create(project=project, **funding)
    return project


def _platform_city(slug: str, city: str, organisation: Organisation) -> dict[str, Any]:
    """A project of one of the six cities in Vinnova's innovation platforms (seed 001)."""
    return {
        "slug": f"innovationsplattform-{slug.split('-')[0]}",
        "name": f"Innovationsplattform {city}",
        "organisation": slug,
        "municipality": organisation.municipality.code if organisation.municipality else "",
        "area": city,
        "phase": ProjectPhase.PROGRAMME,
        "start_date": datetime.date(2016, 1, 1),
        "end_date": datetime.date(2019, 12, 31),
        "summary": f"{city} i Vinnovas satsning Innovationsplattformar för hållbara, attraktiva städer.",
        "description": "En av sex städer (Borås, Göteborg, Lund, Malmö, Stockholm och Kiruna) som träffas "
        "regelbundet i tematräffar för att utbyta erfarenheter om hur innovation leds, organiseras, "
        "följs upp och utvärderas.",
        "dimensions": ["ecological", "economic", "social"],
        "targets": ["11.3", "17.17"],
        "funding": [
            {
                "funder": "Vinnova",
                "call": "Innovationsplattformar för hållbara, attraktiva städer",
                "status": FundingStatus.COMPLETED,
                "start_date": datetime.date(2016, 1, 1),
                "end_date": datetime.date(2019, 12, 31),
            }
        ],
    }


@transaction.atomic
def load_demo() -> dict[str, Project]:
    """Create the demo projects, their funding, units and project memberships if missing.

    Needs the demo organisations and people (``organisations.demo``, ``accounts.demo``).
    """
    municipalities = {m.code: m for m in Municipality.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    admin = demo_user("admin")
    if admin is None:
        raise RuntimeError("Load the demo people first (accounts.demo.load_demo).")
    specs = PROJECTS + [
        _platform_city(slug, city, organisations[slug]) for slug, city in PLATFORM_CITIES
    ]
    projects = {
        spec["slug"]: _project(spec, organisations, municipalities, admin) for spec in specs
    }
    people = {person.email: person for person in User.objects.all()}
    for user_key, slug, role in MEMBERSHIPS:
        Membership.objects.get_or_create(
            user=people[USERS[user_key].email], project=projects[slug], role=role
        )
    return projects


LEAD, CONTRIBUTES, CONSULTED = PhaseRole.LEAD, PhaseRole.CONTRIBUTES, PhaseRole.CONSULTED
INITIATION = ProjectPhase.INITIATION
PROGRAMME = ProjectPhase.PROGRAMME
DETAILED_PLAN = ProjectPhase.DETAILED_PLAN
DESIGN = ProjectPhase.DESIGN
CONSTRUCTION = ProjectPhase.CONSTRUCTION

# project slug -> unit name -> [(phase, role, what the unit contributes there)]
PHASE_ROLES: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    "nya-kiruna": {
        "Kommunfullmäktige": [
            (INITIATION, LEAD, "Beslutar om stadsomvandlingens inriktning och ger uppdraget."),
            (PROGRAMME, CONSULTED, "Godkänner planprogrammet för den nya stadskärnan."),
            (DETAILED_PLAN, CONTRIBUTES, "Antar detaljplaner av stor betydelse för staden."),
        ],
        "Kommunstyrelsen": [
            (INITIATION, CONTRIBUTES, "Samordnar förvaltningarnas uppdrag och beslutsunderlag."),
            (PROGRAMME, LEAD, "Leder arbetet med planprogrammet och samverkan med LKAB."),
            (DETAILED_PLAN, CONTRIBUTES, "Ger planuppdrag och prioriterar etapperna."),
            (DESIGN, CONTRIBUTES, "Prioriterar investeringar och markanvisningar."),
            (CONSTRUCTION, CONSULTED, "Följer tidplan och ekonomi i utbyggnaden."),
        ],
        "Miljö- och byggnämnden": [
            (PROGRAMME, CONSULTED, "Miljö- och hälsoskydd tidigt i planprogrammet."),
            (DETAILED_PLAN, CONTRIBUTES, "Granskar planförslagen och prövar lämpligheten."),
            (DESIGN, CONTRIBUTES, "Bygglov och tekniskt samråd för stadshuset och kvarteren."),
            (CONSTRUCTION, CONTRIBUTES, "Byggtillsyn och miljötillsyn under byggtiden."),
        ],
        "Samhällsbyggnadsförvaltningen": [
            (INITIATION, CONTRIBUTES, "Analyserar mark, infrastruktur och markförhållanden."),
            (PROGRAMME, CONTRIBUTES, "Tar fram planprogrammet med externa konsulter."),
            (DETAILED_PLAN, LEAD, "Upprättar detaljplanerna för den nya stadskärnan."),
            (DESIGN, LEAD, "Projekterar och upphandlar gator, torg, parker och ledningar."),
            (CONSTRUCTION, LEAD, "Bygger ut allmän platsmark och samordnar entreprenörerna."),
        ],
        "Barn- och utbildningsförvaltningen": [
            (PROGRAMME, CONTRIBUTES, "Behov av förskolor och skolor, trygga skolvägar."),
            (DETAILED_PLAN, CONSULTED, "Lägen och gårdsytor för skolor och förskolor i planen."),
            (DESIGN, CONTRIBUTES, "Verksamhetens krav i projekteringen av nya skolor."),
        ],
        "Socialförvaltningen": [
            (INITIATION, CONSULTED, "Sociala konsekvenser av flytten för utsatta grupper."),
            (PROGRAMME, CONTRIBUTES, "Social konsekvensanalys av planprogrammet."),
            (DETAILED_PLAN, CONSULTED, "Lägen för särskilda boenden och tillgänglighet."),
            (CONSTRUCTION, CONSULTED, "Stöd till boende som flyttar under ombyggnaden."),
        ],
        "Kultur- och fritidsförvaltningen": [
            (PROGRAMME, CONTRIBUTES, "Mötesplatser, idrott och kulturmiljö i planprogrammet."),
            (DETAILED_PLAN, CONSULTED, "Kulturarv: vilka byggnader som flyttas till nya staden."),
            (DESIGN, CONTRIBUTES, "Gestaltning av bibliotek, konsthall och offentlig konst."),
        ],
        # Räddningstjänsten: deliberately without a phase, a gap the matrix shows.
    },
    "naringen": {
        "Kommunstyrelsen": [
            (INITIATION, LEAD, "Gav uppdraget att utveckla Näringen med en innovationsstrategi."),
            (PROGRAMME, CONTRIBUTES, "Fastställer inriktningen i planprogrammet."),
        ],
        "Samhällsbyggnadsnämnden": [
            (PROGRAMME, CONSULTED, "Tar ställning till planprogrammet före samråd."),
            (DETAILED_PLAN, CONTRIBUTES, "Beslutar om planuppdrag, samråd och granskning."),
        ],
        "Byggnads- och miljönämnden": [
            (DETAILED_PLAN, CONTRIBUTES, "Antar detaljplanerna för första etappen."),
            (DESIGN, CONSULTED, "Bygglov och tekniskt samråd."),
        ],
        "Samhällsbyggnad Gävle": [
            (INITIATION, CONTRIBUTES, "Behovsinventering och processledning."),
            (PROGRAMME, LEAD, "Tar fram planprogrammet för Näringen."),
            (DETAILED_PLAN, LEAD, "Upprättar detaljplanerna för första etappen."),
            (DESIGN, CONTRIBUTES, "Förbereder projekteringen av gator och parker."),
        ],
        "Kultur & fritid": [
            (PROGRAMME, CONTRIBUTES, "Mötesplatser och medskapande med boende."),
            (DETAILED_PLAN, CONSULTED, "Ytor för idrott, lek och kultur i planen."),
        ],
        "Utbildning Gävle": [
            (DETAILED_PLAN, CONSULTED, "Behov av förskola och skola i den nya stadsdelen."),
        ],
        # Välfärd Gävle has not been asked yet: the matrix shows it as a gap.
    },
}


@transaction.atomic
def load_units_demo() -> int:
    """Create the demo phase roles that are missing; returns how many were created."""
    created_count = 0
    for slug, units in PHASE_ROLES.items():
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            continue
        by_name = {
            unit.name: unit for unit in Unit.objects.filter(organisation=project.organisation)
        }
        for name, roles in units.items():
            unit = by_name.get(name)
            if unit is None:
                continue
            link, _created = ProjectUnit.objects.get_or_create(
                project=project, unit=unit, defaults={"contribution": unit.responsibility}
            )
            for phase, role, contribution in roles:
                _role, created = UnitPhaseRole.objects.get_or_create(
                    project_unit=link,
                    phase=phase,
                    defaults={"role": role, "contribution": contribution},
                )
                created_count += created
    return created_count
