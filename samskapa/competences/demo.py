"""Demo content of competence matchmaking, built on the actors of the seed texts.

Seed 004 (Stadsmuseet, Medeltidsmuseet and Stockholmsforskningen; Stockholms universitet,
Halmstad högskola and others took part) asks for a "municipal dating site for competences".
The profiles below are those actors, the research institute RISE, civil-society groups and
companies; the needs for competence belong to the projects Näringen (Gävle) and På gränsen
(Stockholm), so the demo shows matches that cover all three sustainability dimensions.
Idempotent: everything is looked up by a natural key first.
"""

import datetime
from typing import Any

from django.db import transaction

from samskapa.accounts.demo import USERS
from samskapa.accounts.models import User
from samskapa.competences.models import (
    CompetenceNeed,
    Concept,
    Importance,
    InterestRequest,
    Message,
    Profile,
    RequestStatus,
    Requirement,
    RequirementKind,
)
from samskapa.competences.reference import load_taxonomy
from samskapa.competences.services import need_keys_refresh, profile_keys_refresh
from samskapa.core.models import HelixSector, SustainabilityDimension
from samskapa.geo.models import Municipality, Region
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.projects.models import Project

# Concepts by their JobTech id (stable between versions of the taxonomy).
ANTIKVARIE = "6kiy_vo2_kc6"
BEBYGGELSEANTIKVARIE = "ijoc_xYk_hmR"
ETNOLOG = "feSZ_7hV_89t"
FORSKARE_KULTURGEOGRAFI = "dhfK_iio_46c"
FORSKARE_SAMHALLSVETENSKAP = "Lijw_Sfh_7vt"
FORSKARE_HISTORIA = "3ciP_LJE_ux6"
FORSKARE_MILJO = "P3mE_DHj_fw3"
SAMHALLSPLANERARE = "uYjC_s5u_tKu"
HALLBARHETSUTVECKLARE = "1naX_kwP_nzG"
PLANARKITEKT = "dVwu_SVA_Yoz"
ARKITEKT = "XMWR_V22_WS1"
LANDSKAPSARKITEKT = "SXAF_LMk_j4S"
NATIONALEKONOM = "ef1m_sEu_ok6"
FASTIGHETSEKONOM = "tRo2_KzC_RFT"
AFFARSUTVECKLARE = "Zwhm_5tT_Zms"
PROJEKTLEDARE_SOCIAL = "jJNX_nBj_SN9"
PROJEKTLEDARE_OFFENTLIG = "r47H_2uB_RDF"
SOCIONOM = "aEF1_qeh_5Qe"
FRITIDSLEDARE = "ZnNn_D2K_pTi"
MUSEIPEDAGOG = "TFdz_Dvb_vwc"
KOMMUNIKATOR = "aRp4_qjZ_tPV"
UX_DESIGNER = "iwJU_gW4_SxT"
GIS_SAMORDNARE = "nNEJ_aMM_bWW"
ENERGIRADGIVARE = "vqv8_Tiz_NeL"

HALMSTAD_HOGSKOLA = {
    "slug": "halmstad-hogskola",
    "name": "Halmstad högskola",
    "type": OrganisationType.UNIVERSITY,
    "helix_sector": HelixSector.ACADEMIA,
    "municipality": "1380",
    "description": "Högskola i Halmstad som forskar om innovation och hållbar samhällsutveckling.",
}

# (owner: organisation slug or user key, headline, sector, dimensions, competences, places,
#  whole country, offers, seeks, share of time)
PROFILES: list[dict[str, Any]] = [
    {
        "organisation": "gavle-kommun",
        "title": "Gävle kommun: samhällsbyggnad, planering och medborgardialog",
        "sector": HelixSector.PUBLIC,
        "dimensions": ["ecological", "economic", "social"],
        "competences": [SAMHALLSPLANERARE, PLANARKITEKT, PROJEKTLEDARE_OFFENTLIG],
        "regions": ["21"],
        "offers": "Planerare och processledare som kan bidra i andra kommuners "
        "stadsutvecklingsprojekt och dela erfarenheter från Näringen.",
        "seeks": "Erfarenhetsutbyte med andra kommuner.",
        "share": 10,
    },
    {
        "organisation": "stockholms-stad",
        "title": "Stadsmuseet och Medeltidsmuseet: kulturmiljö och stadens historia",
        "sector": HelixSector.PUBLIC,
        "dimensions": ["social"],
        "competences": [ANTIKVARIE, BEBYGGELSEANTIKVARIE, MUSEIPEDAGOG, ETNOLOG],
        "regions": ["01"],
        "offers": "Kunskap om stadens kulturmiljöer och historia, antikvarisk kompetens i "
        "stadsutvecklingsprojekt, dialog med medborgare om platsens identitet och minnen.",
        "seeks": "Samarbeten där sociokulturell hållbarhet tas på allvar i planeringen.",
        "share": 20,
    },
    {
        "organisation": "stockholms-universitet",
        "title": "Stockholmsforskningen: stadsforskning om sociokulturell hållbarhet",
        "sector": HelixSector.ACADEMIA,
        "dimensions": ["social", "economic"],
        "competences": [FORSKARE_KULTURGEOGRAFI, FORSKARE_SAMHALLSVETENSKAP, FORSKARE_HISTORIA],
        "whole_country": True,
        "offers": "Forskning och följeforskning om stadsutveckling, medborgardialog och "
        "sociokulturell hållbarhet; metoder för att utvärdera social hållbarhet.",
        "seeks": "Kommuner som vill pröva nya arbetssätt i stadsutvecklingsprojekt.",
        "share": 25,
    },
    {
        "organisation": "halmstad-hogskola",
        "title": "Halmstad högskola: innovation och hållbar samhällsutveckling",
        "sector": HelixSector.ACADEMIA,
        "dimensions": ["economic", "social"],
        "competences": [NATIONALEKONOM, FORSKARE_SAMHALLSVETENSKAP, AFFARSUTVECKLARE],
        "whole_country": True,
        "offers": "Forskning om innovationsprocesser i offentlig sektor, samverkan mellan "
        "akademi och kommun, ekonomisk hållbarhet i stadsutveckling.",
        "seeks": "Praktiska fall för studenter och forskare.",
        "share": 15,
    },
    {
        "organisation": "rise",
        "title": "RISE: hållbara städer, energi och innovationsledning",
        "sector": HelixSector.ACADEMIA,
        "dimensions": ["ecological", "economic"],
        "competences": [FORSKARE_MILJO, ENERGIRADGIVARE, HALLBARHETSUTVECKLARE],
        "whole_country": True,
        "offers": "Testbäddar, livscykelanalys, energi- och klimatberäkningar, stöd i "
        "innovationsledning och innovationsupphandling.",
        "seeks": "Kommuner som vill pröva nya lösningar i verklig miljö.",
        "share": 30,
    },
    {
        "organisation": "bjork-innovation",
        "title": "BJØRK Innovation: social innovation och medskapande",
        "sector": HelixSector.CIVIL_SOCIETY,
        "dimensions": ["social"],
        "competences": [PROJEKTLEDARE_SOCIAL, SOCIONOM, FRITIDSLEDARE],
        "regions": ["14"],
        "offers": "Medskapande workshoppar med boende, ungdomar och föreningar; social "
        "innovation i bostadsområden och dialog med målgrupper som sällan hörs.",
        "seeks": "Stadsutvecklingsprojekt som vill nå fler röster.",
        "share": 40,
    },
    {
        "organisation": "fiktiva-grannar-i-naringen",
        "title": "Grannföreningen Näringen: boendes kunskap om stadsdelen",
        "sector": HelixSector.CIVIL_SOCIETY,
        "dimensions": ["social", "ecological"],
        "competences": [FRITIDSLEDARE],
        "municipalities": ["2180"],
        "offers": "Lokal kännedom om Näringen, nätverk bland boende och föreningar, "
        "trygghetsvandringar och odling i kvarteret.",
        "seeks": "Att boendes röster tas tillvara i planeringen.",
        "share": 10,
    },
    {
        "organisation": "governo",
        "title": "Governo: verksamhetsutveckling och tjänstedesign för kommuner",
        "sector": HelixSector.BUSINESS,
        "dimensions": ["economic"],
        "competences": [UX_DESIGNER, PROJEKTLEDARE_OFFENTLIG, AFFARSUTVECKLARE],
        "whole_country": True,
        "offers": "Tjänstedesign, processledning och digital verksamhetsutveckling i "
        "offentlig sektor.",
        "seeks": "Uppdrag i innovationsprojekt.",
        "share": 50,
    },
    {
        "organisation": "fiktiva-smartstad-ab",
        "title": "Smartstad Norr AB: GIS, sensorer och energidata",
        "sector": HelixSector.BUSINESS,
        "dimensions": ["ecological", "economic"],
        "competences": [GIS_SAMORDNARE, ENERGIRADGIVARE],
        "regions": ["25", "21"],
        "offers": "Kartor och data om energi, trafik och grönytor; sensorer i stadsmiljö.",
        "seeks": "Pilotprojekt i norra Sverige.",
        "share": 30,
    },
    {
        "organisation": "iq-samhallsbyggnad",
        "title": "IQ Samhällsbyggnad: samverkan och innovation i samhällsbyggandet",
        "sector": HelixSector.CIVIL_SOCIETY,
        "dimensions": ["ecological", "economic", "social"],
        "competences": [SAMHALLSPLANERARE, PROJEKTLEDARE_OFFENTLIG],
        "whole_country": True,
        "offers": "Nätverk mellan företag, akademi och kommuner i samhällsbyggnadssektorn.",
        "seeks": "Nya samverkansprojekt.",
        "share": 10,
    },
    {
        "user": "researcher",
        "title": "Stadsforskare med inriktning på planering och social hållbarhet",
        "sector": HelixSector.ACADEMIA,
        "dimensions": ["social", "ecological"],
        "competences": [FORSKARE_KULTURGEOGRAFI, SAMHALLSPLANERARE],
        "whole_country": True,
        "offers": "Följeforskning, intervjuer och analys av medborgardialog i "
        "stadsutvecklingsprojekt; kulturmiljö i planeringen.",
        "seeks": "Projekt som vill lära av sin egen process.",
        "share": 20,
    },
    {
        "user": "company",
        "title": "Landskapsarkitekt med fokus på gröna och trygga stråk",
        "sector": HelixSector.BUSINESS,
        "dimensions": ["ecological", "social"],
        "competences": [LANDSKAPSARKITEKT, PLANARKITEKT],
        "regions": ["21", "25"],
        "offers": "Gestaltning av grönytor, dagvatten och trygga stråk; skisser tillsammans "
        "med boende.",
        "seeks": "Uppdrag i stadsutvecklingsprojekt i norra Sverige.",
        "share": 50,
    },
    {
        "user": "association",
        "title": "Föreningsaktiv samordnare för ungdomar och kultur",
        "sector": HelixSector.CIVIL_SOCIETY,
        "dimensions": ["social"],
        "competences": [FRITIDSLEDARE, KOMMUNIKATOR],
        "municipalities": ["2180"],
        "offers": "Kontakter med ungdomar och föreningar i Gävle, kultur- och fritidsaktiviteter.",
        "seeks": "Att unga får vara med och forma sina kvarter.",
        "share": 15,
    },
]

NEEDS: list[dict[str, Any]] = [
    {
        "project": "naringen",
        "title": "Team för sociokulturell hållbarhet i Näringen",
        "description": "Näringen ska utvecklas med de boende. Vi söker kompetens om "
        "kulturmiljö och stadens historia, medborgardialog och social hållbarhet, och någon "
        "som kan väga in ekonomisk och ekologisk hållbarhet i planeringen.",
        "municipality": "2180",
        "share": 20,
        "competences": [
            (ANTIKVARIE, Importance.MUST),
            (SAMHALLSPLANERARE, Importance.MUST),
            (PROJEKTLEDARE_SOCIAL, Importance.MUST),
            (LANDSKAPSARKITEKT, Importance.NICE),
            (NATIONALEKONOM, Importance.NICE),
        ],
        "dimensions": [("social", Importance.MUST), ("ecological", Importance.NICE)],
        "sectors": [
            (HelixSector.CIVIL_SOCIETY, Importance.MUST),
            (HelixSector.ACADEMIA, Importance.NICE),
        ],
    },
    {
        "project": "pa-gransen",
        "title": "Forskningspartner för kommunal dejtingsajt för kompetenser",
        "description": "På gränsen vill pröva en tjänst som matchar kompetenser i "
        "stadsutvecklingen. Vi söker forskare och tjänstedesign som kan utvärdera hur "
        "sociokulturell hållbarhet kommer in i planeringen.",
        "municipality": "0180",
        "share": 15,
        "competences": [
            (FORSKARE_SAMHALLSVETENSKAP, Importance.MUST),
            (UX_DESIGNER, Importance.NICE),
            (ETNOLOG, Importance.NICE),
        ],
        "dimensions": [("social", Importance.MUST), ("economic", Importance.NICE)],
        "sectors": [(HelixSector.ACADEMIA, Importance.MUST)],
    },
]


def _profile(
    spec: dict[str, Any],
    people: dict[str, User],
    concepts: dict[str, Concept],
    today: datetime.date,
) -> Profile:
    owner: dict[str, Any]
    if "user" in spec:
        user = people[USERS[spec["user"]].email]
        owner = {"user": user}
        email = user.email
    else:
        organisation = Organisation.objects.get(slug=spec["organisation"])
        owner = {"organisation": organisation}
        email = f"kontakt@{organisation.slug}.example"
    profile, created = Profile.objects.get_or_create(
        **owner,
        defaults={
            "title": spec["title"],
            "helix_sector": spec["sector"],
            "offers": spec["offers"],
            "seeks": spec["seeks"],
            "whole_country": spec.get("whole_country", False),
            "languages": ["sv", "en"],
            "available_from": today,
            "share_of_time": spec["share"],
            "contact_email": email,
            "contact_phone": "070-000 00 00",
        },
    )
    if created:
        profile.competences.set([concepts[jid] for jid in spec["competences"]])
        profile.dimensions.set(SustainabilityDimension.objects.filter(code__in=spec["dimensions"]))
        profile.municipalities.set(
            Municipality.objects.filter(code__in=spec.get("municipalities", []))
        )
        profile.regions.set(Region.objects.filter(code__in=spec.get("regions", [])))
        profile_keys_refresh(profile=profile)
    return profile


def _need(
    spec: dict[str, Any], concepts: dict[str, Concept], leader: User | None, today: datetime.date
) -> CompetenceNeed | None:
    project = Project.objects.filter(slug=spec["project"]).first()
    if project is None:
        return None
    need, created = CompetenceNeed.objects.get_or_create(
        project=project,
        title=spec["title"],
        defaults={
            "description": spec["description"],
            "municipality": Municipality.objects.get(code=spec["municipality"]),
            "start_date": today + datetime.timedelta(days=30),
            "end_date": today + datetime.timedelta(days=395),
            "share_of_time": spec["share"],
            "created_by": leader,
        },
    )
    if created:
        dimensions = {d.code: d for d in SustainabilityDimension.objects.all()}
        rows = [
            Requirement(
                need=need,
                kind=RequirementKind.COMPETENCE,
                concept=concepts[jid],
                importance=importance,
            )
            for jid, importance in spec["competences"]
        ]
        rows += [
            Requirement(
                need=need,
                kind=RequirementKind.DIMENSION,
                dimension=dimensions[code],
                importance=importance,
            )
            for code, importance in spec["dimensions"]
        ]
        rows += [
            Requirement(
                need=need, kind=RequirementKind.SECTOR, sector=sector, importance=importance
            )
            for sector, importance in spec["sectors"]
        ]
        Requirement.objects.bulk_create(rows)
        need_keys_refresh(need=need)
    return need


@transaction.atomic
def load_competences_demo() -> dict[str, int]:
    """The taxonomy (if missing), Halmstad högskola, the profiles and the needs."""
    if not Concept.objects.exists():
        load_taxonomy()
    municipality = Municipality.objects.filter(code=HALMSTAD_HOGSKOLA["municipality"]).first()
    Organisation.objects.get_or_create(
        slug=HALMSTAD_HOGSKOLA["slug"],
        defaults={
            "name": HALMSTAD_HOGSKOLA["name"],
            "type": HALMSTAD_HOGSKOLA["type"],
            "helix_sector": HALMSTAD_HOGSKOLA["helix_sector"],
            "municipality": municipality,
            "description": HALMSTAD_HOGSKOLA["description"],
            "is_verified": True,
        },
    )
    wanted = {jid for spec in PROFILES for jid in spec["competences"]}
    wanted |= {jid for spec in NEEDS for jid, _importance in spec["competences"]}
    concepts = {c.jobtech_id: c for c in Concept.objects.filter(jobtech_id__in=wanted)}
    people = {user.email: user for user in User.objects.all()}
    today = datetime.date.today()
    profiles = [_profile(spec, people, concepts, today) for spec in PROFILES]
    leader = people.get(USERS["leader_gavle"].email)
    needs = [_need(spec, concepts, leader, today) for spec in NEEDS]
    researcher = people.get(USERS["researcher"].email)
    if needs[0] is not None and leader is not None and researcher is not None:
        _accepted_request(needs[0], Profile.objects.get(user=researcher), leader, researcher)
    return {"profiles": len(profiles), "needs": len([n for n in needs if n])}


def _accepted_request(need: CompetenceNeed, profile: Profile, sender: User, answerer: User) -> None:
    """Gävle's project leader asked the researcher, who said yes: a conversation has begun."""
    request, created = InterestRequest.objects.get_or_create(
        need=need,
        profile=profile,
        defaults={
            "sender": sender,
            "message": "Hej! Vi söker följeforskning om medborgardialogen i Näringen. "
            "Vill du vara med?",
            "status": RequestStatus.ACCEPTED,
            "answered_by": answerer,
        },
    )
    if created:
        Message.objects.create(
            request=request, author=answerer, body="Gärna! Ska vi ses i Gävle nästa vecka?"
        )
