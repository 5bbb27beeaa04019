"""Demo organisations, their administrations and boards, and who works in them (``make run``).

Real public bodies keep their real names; residents' associations and companies that do not
exist are marked as fictional. Idempotent: every row is looked up by a natural key first.
"""

from typing import Any

from django.db import transaction

from samskapa.accounts.demo import USERS
from samskapa.accounts.models import User
from samskapa.core.models import HelixSector
from samskapa.geo.models import Municipality
from samskapa.organisations.models import (
    DEFAULT_SECTOR,
    Membership,
    Organisation,
    OrganisationType,
    Role,
    Unit,
    UnitKind,
)

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

MEMBERSHIPS: list[tuple[str, str, str]] = [
    ("leader_gavle", "gavle-kommun", Role.PROJECT_LEADER),
    ("leader_harryda", "harryda-kommun", Role.PROJECT_LEADER),
    ("leader_kiruna", "kiruna-kommun", Role.PROJECT_LEADER),
    ("leader_kiruna", "kiruna-kommun", Role.ADMINISTRATOR),
    ("leader_gavle", "gavle-kommun", Role.ADMINISTRATOR),
    ("facilitator", "rise", Role.FACILITATOR),
    ("researcher", "rise", Role.MEMBER),
    ("facilitator", "rise", Role.ADMINISTRATOR),
    ("moderator", "gavle-kommun", Role.MODERATOR),
    ("company", "fiktiva-smartstad-ab", Role.ADMINISTRATOR),
    ("association", "fiktiva-grannar-i-naringen", Role.ADMINISTRATOR),
]


def _organisation(spec: dict[str, Any], municipalities: dict[str, Municipality]) -> Organisation:
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


@transaction.atomic
def load_demo() -> dict[str, Organisation]:
    """Create the demo organisations, units and organisation memberships that are missing."""
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
    people = {person.email: person for person in User.objects.all()}
    for user_key, slug, role in MEMBERSHIPS:
        Membership.objects.get_or_create(
            user=people[USERS[user_key].email], organisation=organisations[slug], role=role
        )
    return organisations
