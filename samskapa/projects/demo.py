"""Demo roles of administrations and boards in the planning phases (seed 001).

Kiruna: every administration and board is at the table of the new town centre, each from its
own area of responsibility, with two deliberate gaps that the matrix should reveal: nobody has
taken on management and follow-up yet, and the rescue service has no part in any phase. Näringen
in Gävle, still in the detailed development plan, has roles only in the phases so far.

Loaded by ``core.demo.load_demo_data`` after the organisations, units and projects exist.
Idempotent: each role is found by its unit and phase first, and an edited one is left alone.
"""

from django.db import transaction

from samskapa.organisations.models import Unit
from samskapa.projects.models import PhaseRole, Project, ProjectPhase, ProjectUnit, UnitPhaseRole

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
