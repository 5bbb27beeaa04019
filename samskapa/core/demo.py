"""Demo content for ``make run``, built on the actors of the seed texts.

Real public bodies keep their real names; people, residents' associations and companies that
do not exist are marked as fictional. Running it twice changes nothing: every row is looked up
by a natural key first.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from samskapa.accounts.models import User
from samskapa.assessment.demo import load_assessment_demo, load_programme_assessment_demo
from samskapa.core.models import HelixSector, SustainabilityDimension, Visibility
from samskapa.geo.models import Municipality
from samskapa.ideas.demo import load_ideas_demo
from samskapa.needs.demo import load_needs_demo
from samskapa.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Role,
    Unit,
    UnitKind,
)
from samskapa.portfolio.demo import load_portfolio_demo
from samskapa.programmes.demo import load_programmes_demo
from samskapa.projects.demo import load_units_demo
from samskapa.projects.models import Funding, FundingStatus, Project, ProjectPhase, ProjectUnit
from samskapa.sdg.models import Target

DEMO_PASSWORD = "samskapa-demo"  # noqa: S105 - printed to the person who runs make run


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role_text: str


ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "gavle-kommun",
        "org_number": "212000-2270",
        "name": "Gävle kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "2180",
        "description": "Kommunen driver stadsutvecklingsprojektet Näringen och arbetar med en innovationsstrategi för det.",
    },
    {
        "slug": "harryda-kommun",
        "name": "Härryda kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1401",
        "description": "Kommunen planerar Landvetter Södra, en ny stad mellan Göteborg och Borås.",
    },
    {
        "slug": "kiruna-kommun",
        "name": "Kiruna kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "2584",
        "description": "Kiruna planerar en ny stad när gruvan tvingar staden att flytta. Alla förvaltningar och nämnder deltar.",
    },
    {
        "slug": "boras-stad",
        "name": "Borås stad",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1490",
    },
    {
        "slug": "goteborgs-stad",
        "org_number": "212000-1355",
        "name": "Göteborgs stad",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1480",
    },
    {
        "slug": "lunds-kommun",
        "name": "Lunds kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1281",
    },
    {
        "slug": "malmo-stad",
        "org_number": "212000-1124",
        "name": "Malmö stad",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1280",
    },
    {
        "slug": "stockholms-stad",
        "org_number": "212000-0142",
        "name": "Stockholms stad",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "0180",
    },
    {
        "slug": "kungalvs-kommun",
        "name": "Kungälvs kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1482",
    },
    {
        "slug": "lerums-kommun",
        "name": "Lerums kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1441",
    },
    {
        "slug": "lilla-edets-kommun",
        "name": "Lilla Edets kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1462",
    },
    {
        "slug": "partille-kommun",
        "name": "Partille kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1402",
    },
    {
        "slug": "stenungsunds-kommun",
        "name": "Stenungsunds kommun",
        "type": OrganisationType.MUNICIPALITY,
        "municipality": "1415",
    },
    {
        "slug": "goteborgsregionen",
        "name": "Göteborgsregionen (GR)",
        "type": OrganisationType.MUNICIPAL_ASSOCIATION,
        "municipality": "1480",
        "description": "Kommunalförbund för 13 kommuner. Samordnade projektet Social innovation i samhällsplanering.",
    },
    {
        "slug": "rise",
        "name": "RISE Research Institutes of Sweden",
        "type": OrganisationType.RESEARCH_INSTITUTE,
        "municipality": "1490",
        "description": "Statligt forskningsinstitut. Processtöd i innovationslabb och kunskapstillfällen.",
    },
    {
        "slug": "iq-samhallsbyggnad",
        "name": "IQ Samhällsbyggnad",
        "type": OrganisationType.OTHER,
        "sector": HelixSector.BUSINESS,
        "municipality": "0180",
        "description": "Samhällsbyggnadssektorns innovationsnod.",
    },
    {
        "slug": "governo",
        "name": "Governo",
        "type": OrganisationType.COMPANY,
        "municipality": "0180",
        "description": "Konsultföretag som gav processledningsstöd till innovationsstrategier i stadsutvecklingsprojekt.",
    },
    {
        "slug": "bjork-innovation",
        "name": "BJØRK Innovation",
        "type": OrganisationType.CIVIL_SOCIETY,
        "description": "Icke-vinstdrivande organisation som driver treåriga innovationsprogram med kommuner.",
    },
    {
        "slug": "stockholms-universitet",
        "name": "Stockholms universitet",
        "type": OrganisationType.UNIVERSITY,
        "municipality": "0180",
    },
    {
        "slug": "vinnova",
        "name": "Vinnova",
        "type": OrganisationType.PUBLIC_AGENCY,
        "municipality": "0180",
        "description": "Sveriges innovationsmyndighet.",
    },
    {
        "slug": "fiktiva-smartstad-ab",
        "name": "Smartstad Norr AB (fiktivt företag)",
        "type": OrganisationType.COMPANY,
        "municipality": "2584",
        "org_number": "556677-8899",
        "description": "Fiktivt demoföretag: sensorer och data för stadsmiljö.",
    },
    {
        "slug": "fiktiva-grannar-i-naringen",
        "name": "Grannföreningen Näringen (fiktiv förening)",
        "type": OrganisationType.CIVIL_SOCIETY,
        "municipality": "2180",
        "org_number": "802512-3459",
        "description": "Fiktiv demoförening för boende och verksamma kring Näringen.",
    },
]

UNITS: dict[str, list[tuple[str, str, str]]] = {
    "kiruna-kommun": [
        (
            "Kommunfullmäktige",
            UnitKind.BOARD,
            "Fattar beslut om översiktsplan, budget och stadsomvandlingens inriktning.",
        ),
        (
            "Kommunstyrelsen",
            UnitKind.BOARD,
            "Leder och samordnar stadsomvandlingen och kommunens planering.",
        ),
        (
            "Miljö- och byggnämnden",
            UnitKind.BOARD,
            "Bygglov, tillsyn och miljöskydd i den nya staden.",
        ),
        (
            "Samhällsbyggnadsförvaltningen",
            UnitKind.ADMINISTRATION,
            "Detaljplaner, mark, gator, parker och exploatering.",
        ),
        (
            "Barn- och utbildningsförvaltningen",
            UnitKind.ADMINISTRATION,
            "Förskolor och skolor i den nya stadskärnan.",
        ),
        (
            "Socialförvaltningen",
            UnitKind.ADMINISTRATION,
            "Omsorg, boendestöd och sociala konsekvenser av flytten.",
        ),
        (
            "Kultur- och fritidsförvaltningen",
            UnitKind.ADMINISTRATION,
            "Mötesplatser, idrott, bibliotek och kulturarv.",
        ),
        ("Räddningstjänsten", UnitKind.ADMINISTRATION, "Trygghet och beredskap under ombyggnaden."),
    ],
    "gavle-kommun": [
        (
            "Kommunstyrelsen",
            UnitKind.BOARD,
            "Styr stadsutvecklingen och innovationsstrategin för Näringen.",
        ),
        ("Byggnads- och miljönämnden", UnitKind.BOARD, "Planer, bygglov och miljötillsyn."),
        (
            "Samhällsbyggnad Gävle",
            UnitKind.ADMINISTRATION,
            "Planering, exploatering och drift av gator och parker.",
        ),
        ("Kultur & fritid", UnitKind.ADMINISTRATION, "Mötesplatser och fritid i nya stadsdelar."),
        (
            "Samhällsbyggnadsnämnden",
            UnitKind.BOARD,
            "Översiktlig planering, detaljplaneuppdrag, gator och parker.",
        ),
        (
            "Utbildning Gävle",
            UnitKind.ADMINISTRATION,
            "Förskolor, grundskolor och gymnasier, skolvägar och skolgårdar.",
        ),
        (
            "Välfärd Gävle",
            UnitKind.ADMINISTRATION,
            "Socialtjänst, äldreomsorg och stöd till personer med funktionsnedsättning.",
        ),
    ],
    "harryda-kommun": [
        ("Kommunstyrelsen", UnitKind.BOARD, "Leder utbyggnaden av Landvetter Södra."),
        ("Miljö- och byggnadsnämnden", UnitKind.BOARD, "Planer, bygglov och tillsyn."),
        (
            "Sektor för samhällsbyggnad",
            UnitKind.ADMINISTRATION,
            "Planering, mark och infrastruktur.",
        ),
        (
            "Sektor för utbildning, kultur och fritid",
            UnitKind.ADMINISTRATION,
            "Skolor, förskolor och fritid i den nya staden.",
        ),
    ],
    "stockholms-stad": [
        (
            "Stadsmuseet",
            UnitKind.ADMINISTRATION,
            "Kulturmiljö och stadens historia; koordinator för På gränsen.",
        ),
        ("Medeltidsmuseet", UnitKind.ADMINISTRATION, "Stockholms medeltida historia."),
        ("Stadsbyggnadskontoret", UnitKind.ADMINISTRATION, "Stadsplanering och bygglov."),
        ("Stadsledningskontoret", UnitKind.ADMINISTRATION, "Stadens samordning och styrning."),
        ("Miljöförvaltningen", UnitKind.ADMINISTRATION, "Miljö- och hälsoskydd."),
    ],
}

USERS = {
    "admin": DemoUser("admin@samskapa.example", "Alva Admin (fiktiv)", "platform administrator"),
    "leader_gavle": DemoUser(
        "projektledare.gavle@samskapa.example",
        "Gustav Gävlesson (fiktiv)",
        "project leader, Gävle kommun",
    ),
    "leader_harryda": DemoUser(
        "projektledare.harryda@samskapa.example",
        "Hanna Härrydasson (fiktiv)",
        "project leader, Härryda kommun",
    ),
    "leader_kiruna": DemoUser(
        "projektledare.kiruna@samskapa.example",
        "Kalle Kirunasson (fiktiv)",
        "project leader, Kiruna kommun",
    ),
    "facilitator": DemoUser(
        "processledare@samskapa.example", "Frida Processledare (fiktiv)", "facilitator, RISE"
    ),
    "assessor": DemoUser(
        "bedomare@samskapa.example", "Bertil Bedömare (fiktiv)", "assessor, Näringen"
    ),
    "moderator": DemoUser(
        "moderator@samskapa.example", "Maja Moderator (fiktiv)", "moderator, Gävle kommun"
    ),
    "company": DemoUser(
        "foretag@samskapa.example", "Fia Företagare (fiktiv)", "member, Smartstad Norr AB"
    ),
    "association": DemoUser(
        "forening@samskapa.example",
        "Folke Föreningsson (fiktiv)",
        "administrator, Grannföreningen Näringen",
    ),
    "researcher": DemoUser("forskare@samskapa.example", "Rut Forskare (fiktiv)", "member, RISE"),
    "resident": DemoUser(
        "invanare@samskapa.example", "Ingrid Invånare (fiktiv)", "resident, no memberships"
    ),
}

MEMBERSHIPS: list[tuple[str, str, str, str]] = [
    # (user key, "org" | "project", slug, role)
    ("leader_gavle", "org", "gavle-kommun", Role.PROJECT_LEADER),
    ("leader_harryda", "org", "harryda-kommun", Role.PROJECT_LEADER),
    ("leader_kiruna", "org", "kiruna-kommun", Role.PROJECT_LEADER),
    ("leader_kiruna", "org", "kiruna-kommun", Role.ADMINISTRATOR),
    ("leader_gavle", "org", "gavle-kommun", Role.ADMINISTRATOR),
    ("facilitator", "org", "rise", Role.FACILITATOR),
    ("researcher", "org", "rise", Role.MEMBER),
    ("facilitator", "org", "rise", Role.ADMINISTRATOR),
    ("moderator", "org", "gavle-kommun", Role.MODERATOR),
    ("company", "org", "fiktiva-smartstad-ab", Role.ADMINISTRATOR),
    ("association", "org", "fiktiva-grannar-i-naringen", Role.ADMINISTRATOR),
    ("assessor", "project", "naringen", Role.ASSESSOR),
    ("facilitator", "project", "naringen", Role.FACILITATOR),
    ("facilitator", "project", "landvetter-sodra-etapp-1", Role.FACILITATOR),
]

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


def _user(key: str) -> User:
    spec = USERS[key]
    user, created = User.objects.get_or_create(email=spec.email, defaults={"full_name": spec.name})
    if created:
        user.set_password(DEMO_PASSWORD)
        if key == "admin":
            user.is_superuser = user.is_staff = True
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    return user


def _organisation(spec: dict[str, Any], municipalities: dict[str, Municipality]) -> Organisation:
    from samskapa.organisations.models import DEFAULT_SECTOR

    organisation, _created = Organisation.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "type": spec["type"],
            "helix_sector": spec.get("sector") or DEFAULT_SECTOR[spec["type"]],
            "municipality": municipalities.get(spec.get("municipality", "")),
            "description": spec.get("description", ""),
            "org_number": spec.get("org_number", ""),
            "is_verified": True,
        },
    )
    return organisation


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


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    """Create the demo organisations, units, projects, users and memberships if missing."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    if not municipalities:
        raise RuntimeError("Load the reference data first (manage.py load_reference_data).")
    organisations = {spec["slug"]: _organisation(spec, municipalities) for spec in ORGANISATIONS}
    for slug, units in UNITS.items():
        for name, kind, responsibility in units:
            Unit.objects.get_or_create(
                organisation=organisations[slug],
                name=name,
                defaults={"kind": kind, "responsibility": responsibility},
            )
    users = {key: _user(key) for key in USERS}
    admin = users["admin"]
    projects = {
        spec["slug"]: _project(spec, organisations, municipalities, admin) for spec in PROJECTS
    }
    for slug, city in PLATFORM_CITIES:
        spec = {
            "slug": f"innovationsplattform-{slug.split('-')[0]}",
            "name": f"Innovationsplattform {city}",
            "organisation": slug,
            "municipality": organisations[slug].municipality.code,  # type: ignore[union-attr]
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
        projects[spec["slug"]] = _project(spec, organisations, municipalities, admin)
    for user_key, scope, slug, role in MEMBERSHIPS:
        target = (
            {"organisation": organisations[slug]} if scope == "org" else {"project": projects[slug]}
        )
        Membership.objects.get_or_create(user=users[user_key], role=role, **target)
    load_needs_demo()
    load_ideas_demo()
    load_assessment_demo()
    load_programmes_demo()
    load_programme_assessment_demo()
    load_portfolio_demo()
    load_units_demo()
    return {
        "organisations": Organisation.objects.count(),
        "projects": Project.objects.count(),
        "users": User.objects.count(),
    }
