"""Demo portfolio of the 2026–2028 programme: initiatives in Gävle, Härryda and Kiruna.

Some initiatives are ideas from the ideas demo taken forward (the two assessed Näringen ideas
among them), some started without an idea. They answer demo needs, have partners from all four
helix sectors, and carry a gate history from 2026: go decisions to pre-study and pilot, one
implementation, one stop, one on the "not now" shelf, one rework and one correction, several
backed by a board's decision with its diary number.

Loaded by ``workspace.demo.load_demo_data`` after the programme demo; idempotent: initiatives are
found by title, and the gate history is written only for an initiative that has none.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.attachments import demo_picture_attach
from samskapa.core.models import StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.ideas.models import Idea
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, Unit, UnitKind
from samskapa.portfolio.models import PIPELINE, Decision, GateDecision, Initiative, Level, Stage
from samskapa.portfolio.services import gate_outcome
from samskapa.programmes.models import Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

PROGRAMME = "innovationsprogram-2026-2028"
E = "@samskapa.example"
LEADERS = {
    "gavle-kommun": f"projektledare.gavle{E}",
    "harryda-kommun": f"projektledare.harryda{E}",
    "kiruna-kommun": f"projektledare.kiruna{E}",
}


@dataclass(frozen=True)
class Gate:
    """One entry of the demo gate log. ``corrects`` is the index of an earlier entry."""

    on: datetime.date
    decision: str
    rationale: str
    board: str = ""
    board_on: datetime.date | None = None
    reference: str = ""
    corrects: int | None = None
    to_stage: str = ""


@dataclass(frozen=True)
class Spec:
    title: str
    lead: str
    project: str
    summary: str = ""
    description: str = ""
    idea: str = ""
    partners: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    unit: str = ""
    risk: str = Level.MEDIUM
    effect: str = Level.MEDIUM
    budget: int | None = None
    next_gate: datetime.date | None = None
    visibility: str = Visibility.PUBLIC
    gates: tuple[Gate, ...] = field(default_factory=tuple)


D = datetime.date

INITIATIVES: list[Spec] = [
    Spec(
        title="Belysning som följer med längs ån",
        idea="Belysning som följer med längs ån",
        lead="gavle-kommun",
        project="naringen",
        partners=("fiktiva-smartstad-ab", "rise", "fiktiva-grannar-i-naringen"),
        needs=("Trygga cykelbanor till centrum", "Bänkar och vilplatser längs gångstråken"),
        groups=("older-people",),
        dimensions=("social", "ecological"),
        targets=("11.2", "11.7", "7.3"),
        unit="Samhällsbyggnad Gävle",
        risk=Level.LOW,
        effect=Level.HIGH,
        budget=850_000,
        next_gate=D(2027, 3, 17),
        gates=(
            Gate(
                D(2026, 3, 11),
                Decision.GO,
                "Idén fick högst sammanvägt betyg i bedömningen och svarar direkt mot flera behov "
                "om otrygghet på kvällstid. En förstudie ska visa kostnad och var längs ån den gör "
                "mest nytta.",
                board="Kommunstyrelsen",
                board_on=D(2026, 3, 4),
                reference="KS 2026/87",
            ),
            Gate(
                D(2026, 6, 17),
                Decision.GO,
                "Förstudien visar att sensorstyrd belysning sparar omkring 40 procent energi. En "
                "pilot på sträckan Näringen–Brynäs under vintern 2026/27.",
                board="Byggnads- och miljönämnden",
                board_on=D(2026, 6, 10),
                reference="BMN 2026/412",
            ),
        ),
    ),
    Spec(
        title="Öppen data om hur stråken används",
        idea="Öppen data om hur stråken används",
        lead="gavle-kommun",
        project="naringen",
        partners=("fiktiva-smartstad-ab", "stockholms-universitet"),
        needs=("Trygga cykelbanor till centrum", "Cykelvägar som plogas på vintern"),
        dimensions=("economic", "social"),
        targets=("11.2", "9.c", "17.18"),
        risk=Level.MEDIUM,
        effect=Level.MEDIUM,
        budget=400_000,
        next_gate=D(2026, 12, 2),
        gates=(
            Gate(
                D(2026, 3, 11),
                Decision.REWORK,
                "Bedömarna var oense. Förslaget behöver visa hur räknarna skyddar personuppgifter "
                "och vad invånarna får ut av datan innan det kan gå vidare.",
            ),
            Gate(
                D(2026, 5, 20),
                Decision.GO,
                "Det omarbetade förslaget räknar utan kameror och publicerar bara summor per timme. "
                "Förstudie tillsammans med snöröjningen.",
            ),
        ),
    ),
    Spec(
        title="Grannträdgård på tomten som väntar på bygglov",
        idea="Grannträdgård på tomten som väntar på bygglov",
        lead="gavle-kommun",
        project="naringen",
        partners=("fiktiva-grannar-i-naringen", "bjork-innovation"),
        needs=("Föreningslokal att boka", "Mötesplats för äldre", "Grönområden och träd i gatorna"),
        groups=("civil-society",),
        dimensions=("social", "ecological"),
        targets=("11.7", "11.3"),
        unit="Kultur & fritid",
        risk=Level.LOW,
        effect=Level.MEDIUM,
        budget=150_000,
        next_gate=D(2027, 9, 15),
        gates=(
            Gate(
                D(2026, 4, 15),
                Decision.GO,
                "Marken står tom i minst tre år och föreningen tar på sig skötseln. En kort förstudie "
                "om markavtal och vatten.",
            ),
            Gate(
                D(2026, 6, 10),
                Decision.GO,
                "Markavtal klart. Pilot under sommaren med tolv odlingslådor och en scen.",
            ),
            Gate(
                D(2026, 10, 14),
                Decision.GO,
                "Piloten lockade över 300 besökare och 40 odlare. Grannträdgården blir en del av "
                "den ordinarie tillfälliga markanvändningen tills bygget startar.",
                board="Kommunstyrelsen",
                board_on=D(2026, 10, 7),
                reference="KS 2026/311",
            ),
        ),
    ),
    Spec(
        title="Testbädd för medskapande av mötesplatser",
        idea="Testbädd för medskapande av mötesplatser",
        lead="rise",
        project="naringen",
        partners=("gavle-kommun", "fiktiva-grannar-i-naringen"),
        needs=("Platser där unga får vara", "Mötesplats för äldre"),
        groups=("children-youth",),
        dimensions=("social",),
        targets=("11.7", "16.7"),
        risk=Level.MEDIUM,
        effect=Level.HIGH,
        budget=1_200_000,
        next_gate=D(2027, 4, 14),
        gates=(
            Gate(
                D(2026, 4, 15),
                Decision.GO,
                "Stark koppling till behoven från unga och äldre. Förstudie om metod och urval.",
            ),
            Gate(
                D(2026, 9, 2),
                Decision.HOLD,
                "Inte nu: testbädden behöver boende att pröva med, och de första kvarteren flyttar "
                "in först våren 2027. Tas upp igen när inflyttningen har börjat.",
            ),
        ),
    ),
    Spec(
        title="Snösmältning med spillvärme",
        idea="Snösmältning med spillvärme",
        lead="gavle-kommun",
        project="naringen",
        partners=("fiktiva-smartstad-ab",),
        needs=("Cykelvägar som plogas på vintern",),
        dimensions=("ecological", "economic"),
        targets=("7.3", "11.2"),
        risk=Level.HIGH,
        effect=Level.MEDIUM,
        gates=(
            Gate(
                D(2026, 5, 6),
                Decision.STOP,
                "Det finns ingen spillvärmekälla inom rimligt avstånd från Näringen, och en egen "
                "värmeslinga skulle kosta mer än den sparar. Behovet av snöfria cykelvägar tas om "
                "hand i driftens prioriteringar i stället.",
            ),
        ),
    ),
    Spec(
        title="Mobilitetshus med delningstjänster i Näringen",
        lead="gavle-kommun",
        project="naringen",
        summary="Ett mobilitetshus med bilpool, lådcyklar, verktygspool och laddning för hela "
        "stadsdelen.",
        description="Fastighetsägarna bygger gemensamt ett mobilitetshus i stället för garage i "
        "varje kvarter. Huset rymmer bilpool, lånecyklar och lådcyklar, en verktygspool och "
        "laddning för elbilar och elcyklar. Förstudien tar fram en modell för drift och avtal.",
        partners=("iq-samhallsbyggnad", "fiktiva-smartstad-ab", "rise"),
        needs=("Laddplatser för elbilar och elcyklar", "Delade verktyg och lånecykel"),
        groups=("developers", "residents"),
        dimensions=("ecological", "economic"),
        targets=("11.2", "11.6", "12.5"),
        unit="Samhällsbyggnad Gävle",
        risk=Level.HIGH,
        effect=Level.HIGH,
        budget=2_500_000,
        next_gate=D(2026, 12, 9),
        gates=(
            Gate(
                D(2026, 4, 29),
                Decision.GO,
                "Byggherrarna står bakom idén om ett gemensamt mobilitetshus. Förstudie om "
                "driftsform och parkeringstal.",
                board="Samhällsbyggnadsnämnden",
                board_on=D(2026, 4, 22),
                reference="SBN 2026/205",
            ),
            Gate(
                D(2026, 9, 9),
                Decision.GO,
                "Pilot med bilpool och lådcyklar i det första kvarteret.",
                board="Samhällsbyggnadsnämnden",
                board_on=D(2026, 9, 2),
                reference="SBN 2026/498",
            ),
            Gate(
                D(2026, 9, 14),
                Decision.REWORK,
                "Rättelse: nämnden beslutade den 2 september att förlänga förstudien till "
                "december, inte att starta en pilot. Pilotbeslutet loggades av misstag.",
                board="Samhällsbyggnadsnämnden",
                board_on=D(2026, 9, 2),
                reference="SBN 2026/498",
                corrects=1,
                to_stage=Stage.PRESTUDY,
            ),
        ),
    ),
    Spec(
        title="Dagvattenpark vid ån",
        lead="gavle-kommun",
        project="naringen",
        summary="Ytor som leder bort skyfall längs kajen och blir park när det är torrt.",
        description="Låglänta ytor vid ån utformas så att skyfall kan ledas bort på ytan och "
        "fördröjas i en park med träd, utan att källare och garage översvämmas.",
        partners=("stockholms-universitet", "governo"),
        needs=("Dagvatten och skyfall", "Grönområden och träd i gatorna"),
        groups=("residents",),
        dimensions=("ecological", "social"),
        targets=("11.5", "13.1", "6.3"),
        unit="Samhällsbyggnad Gävle",
        risk=Level.MEDIUM,
        effect=Level.HIGH,
        budget=3_000_000,
        next_gate=D(2026, 12, 3),
        gates=(
            Gate(
                D(2026, 6, 17),
                Decision.GO,
                "Skyfallskarteringen visar att kajen är stadsdelens mest utsatta plats. Förstudie "
                "om hur dagvattenparken kan byggas i etapper.",
                board="Samhällsbyggnadsnämnden",
                board_on=D(2026, 6, 10),
                reference="SBN 2026/377",
            ),
        ),
    ),
    Spec(
        title="Mobilitetshubb med bilpool och lådcyklar",
        idea="Mobilitetshubb med bilpool och lådcyklar",
        lead="harryda-kommun",
        project="landvetter-sodra-etapp-1",
        partners=("rise", "fiktiva-smartstad-ab", "vinnova"),
        needs=(
            "Snabb kollektivtrafik till Göteborg och Borås",
            "Pendlarparkering för cykel vid stationen",
        ),
        groups=("future-residents",),
        dimensions=("ecological", "economic"),
        targets=("11.2", "9.1"),
        unit="Sektor för samhällsbyggnad",
        risk=Level.MEDIUM,
        effect=Level.HIGH,
        budget=1_800_000,
        next_gate=D(2027, 5, 19),
        gates=(
            Gate(
                D(2026, 3, 25),
                Decision.GO,
                "De första invånarna behöver alternativ till egen bil långt innan spårtrafiken "
                "finns. Förstudie om plats, drift och finansiering.",
                board="Kommunstyrelsen",
                board_on=D(2026, 3, 18),
                reference="KS 2026/123",
            ),
            Gate(
                D(2026, 9, 23),
                Decision.GO,
                "Vinnova medfinansierar en pilot vid första kvarteret från inflyttningen.",
            ),
        ),
    ),
    Spec(
        title="Anropsstyrd buss till Mölnlycke",
        idea="Anropsstyrd buss till Mölnlycke",
        lead="harryda-kommun",
        project="landvetter-sodra-etapp-1",
        partners=("fiktiva-smartstad-ab", "goteborgsregionen"),
        needs=("Snabb kollektivtrafik till Göteborg och Borås", "Vårdcentral och apotek"),
        groups=("older-people",),
        dimensions=("social", "ecological"),
        targets=("11.2", "10.2"),
        risk=Level.MEDIUM,
        effect=Level.MEDIUM,
        budget=600_000,
        next_gate=D(2026, 12, 16),
        gates=(
            Gate(
                D(2026, 4, 22),
                Decision.GO,
                "Förstudie tillsammans med kollektivtrafiken om anropsstyrd trafik tills "
                "ordinarie linjer finns.",
            ),
        ),
    ),
    Spec(
        title="Skolan som mötesplats från första dagen",
        lead="harryda-kommun",
        project="landvetter-sodra-etapp-1",
        summary="Skola, idrottshall och föreningslokal byggs tillsammans och öppnar samtidigt "
        "som de första bostäderna.",
        description="Skolan planeras som stadsdelens första mötesplats: idrottshallen och "
        "lokalerna används av föreningar på kvällar och helger.",
        partners=("fiktiva-grannar-i-naringen", "stockholms-universitet"),
        needs=("Skolor och förskolor från start", "Idrottshall och fotbollsplaner"),
        groups=("children-youth", "civil-society"),
        dimensions=("social", "economic"),
        targets=("4.a", "11.7"),
        unit="Sektor för utbildning, kultur och fritid",
        risk=Level.HIGH,
        effect=Level.HIGH,
        next_gate=D(2026, 12, 2),
    ),
    Spec(
        title="Kiruna berättar – kulturarv som flyttar med",
        lead="kiruna-kommun",
        project="nya-kiruna",
        summary="Invånarnas berättelser om de hus och platser som flyttas eller rivs samlas och "
        "visas i den nya stadskärnan.",
        description="Kultur- och fritidsförvaltningen samlar med invånarna berättelser, bilder "
        "och föremål från den gamla stadskärnan. De visas digitalt och på platser i den nya "
        "staden, så att minnena flyttar med.",
        partners=("stockholms-universitet", "bjork-innovation", "fiktiva-smartstad-ab"),
        groups=("residents", "older-people"),
        dimensions=("social",),
        targets=("11.4", "11.3"),
        unit="Kultur- och fritidsförvaltningen",
        risk=Level.LOW,
        effect=Level.MEDIUM,
        budget=900_000,
        next_gate=D(2027, 2, 24),
        gates=(
            Gate(
                D(2026, 2, 18),
                Decision.GO,
                "Flytten av stadskärnan pågår nu; berättelserna måste samlas innan husen är borta.",
                board="Kommunstyrelsen",
                board_on=D(2026, 2, 10),
                reference="KS 2026/45",
            ),
            Gate(
                D(2026, 8, 26),
                Decision.GO,
                "Förstudien samlade 120 berättelser. Pilot med en digital karta och tre "
                "berättarplatser i den nya stadskärnan.",
            ),
        ),
    ),
    Spec(
        title="Innovationskrav i markanvisningar",
        lead="kiruna-kommun",
        project="nya-kiruna",
        summary="Krav på innovation och klimat i markanvisningarna för nästa etapp.",
        description="Internt arbete: hur markanvisningarna kan ställa krav på klimat, "
        "flexibla lokaler och samverkan, utan att stänga ute mindre byggherrar.",
        partners=("iq-samhallsbyggnad", "rise"),
        groups=("developers", "municipal-staff"),
        dimensions=("economic", "ecological"),
        targets=("11.3", "12.7"),
        unit="Samhällsbyggnadsförvaltningen",
        risk=Level.MEDIUM,
        effect=Level.MEDIUM,
        visibility=Visibility.MEMBERS,
        next_gate=D(2026, 12, 10),
    ),
]


def _log(
    initiative: Initiative,
    gates: tuple[Gate, ...],
    *,
    actor: User,
    boards: dict[tuple[int, str], Unit],
) -> None:
    """Write the gate history as the gate service would have, dated in 2026."""
    logged: list[GateDecision] = []
    stage: str = Stage.IDEA
    furthest: str = Stage.IDEA
    parked_from, parked_reason = "", ""
    for gate in gates:
        if gate.corrects is not None:
            to_stage = gate.to_stage
        else:
            to_stage = gate_outcome(
                stage=stage, parked_from_stage=parked_from, decision=gate.decision
            )
        entry = GateDecision(
            initiative=initiative,
            decision=gate.decision,
            from_stage=stage,
            to_stage=to_stage,
            rationale=gate.rationale,
            decided_by=actor,
            decided_at=timezone.make_aware(datetime.datetime.combine(gate.on, datetime.time(14))),
            corrects=logged[gate.corrects] if gate.corrects is not None else None,
            board=boards.get((initiative.municipality_id, gate.board)) if gate.board else None,
            board_decided_on=gate.board_on,
            board_reference=gate.reference,
        )
        entry.full_clean()
        entry.save()
        logged.append(entry)
        if to_stage == Stage.PARKED:
            parked_from, parked_reason = stage, gate.rationale
        else:
            parked_from, parked_reason = "", ""
        if gate.corrects is not None:
            furthest = to_stage if to_stage in PIPELINE else furthest
        elif to_stage in PIPELINE and PIPELINE.index(Stage(to_stage)) > PIPELINE.index(
            Stage(furthest)
        ):
            furthest = to_stage
        stage = to_stage
    Initiative.objects.filter(pk=initiative.pk).update(
        stage=stage,
        furthest_stage=furthest,
        parked_from_stage=parked_from,
        parked_reason=parked_reason,
    )


@transaction.atomic
def load_portfolio_demo() -> dict[str, int]:
    """Create the demo initiatives and their gate history if missing."""
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    if programme is None:
        return {"initiatives": 0}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    projects = {project.slug: project for project in Project.objects.all()}
    leaders = {slug: User.objects.filter(email=email).first() for slug, email in LEADERS.items()}
    dimensions = {d.code: d for d in SustainabilityDimension.objects.all()}
    groups = {g.code: g for g in StakeholderGroup.objects.all()}
    targets = {t.code: t for t in Target.objects.all()}
    # The boards the demo decisions cite; any missing from the organisations' demo is added.
    for spec in INITIATIVES:
        project = projects.get(spec.project)
        for gate in spec.gates:
            if gate.board and project is not None:
                Unit.objects.get_or_create(
                    organisation=project.organisation,
                    name=gate.board,
                    defaults={"kind": UnitKind.BOARD},
                )
    boards: dict[tuple[int, str], Unit] = {
        (unit.organisation.municipality_id, unit.name): unit  # type: ignore[misc]
        for unit in Unit.objects.filter(
            organisation__slug__in=list(LEADERS), kind__in=[UnitKind.BOARD, UnitKind.ADMINISTRATION]
        ).select_related("organisation")
    }
    count = 0
    for spec in INITIATIVES:
        project = projects.get(spec.project)
        lead = organisations.get(spec.lead)
        owner = project.organisation.slug if project is not None else spec.lead
        actor = leaders.get(owner)
        if project is None or lead is None or actor is None:
            continue
        idea = Idea.objects.filter(title=spec.idea).first() if spec.idea else None
        if spec.idea and idea is None:
            continue
        defaults: dict[str, Any] = {
            "summary": spec.summary or (idea.summary if idea else ""),
            "description": spec.description or (idea.description if idea else ""),
            "idea": idea
            if idea is not None and not Initiative.objects.filter(idea=idea).exists()
            else None,
            "programme": programme,
            "project": project,
            "municipality": project.municipality,
            "lead_organisation": lead,
            "responsible_unit": Unit.objects.filter(
                organisation=project.organisation, name=spec.unit
            ).first()
            if spec.unit
            else None,
            "risk": spec.risk,
            "expected_effect": spec.effect,
            "budget_sek": spec.budget,
            "next_gate_on": spec.next_gate,
            "visibility": spec.visibility,
            "created_by": actor,
        }
        initiative, created = Initiative.objects.get_or_create(
            title=spec.title, municipality=project.municipality, defaults=defaults
        )
        count += 1
        if not created:
            continue
        partners = [organisations[slug] for slug in spec.partners if slug in organisations]
        if idea is not None and idea.organisation not in (None, lead, *partners):
            partners.append(idea.organisation)  # type: ignore[arg-type]
        initiative.partners.set(partners)
        initiative.needs.set(Need.objects.filter(project=project, title__in=spec.needs))
        initiative.stakeholder_groups.set([groups[code] for code in spec.groups if code in groups])
        dims = spec.dimensions or (tuple(d.code for d in idea.dimensions.all()) if idea else ())
        initiative.dimensions.set([dimensions[code] for code in dims if code in dimensions])
        initiative.sdg_targets.set([targets[code] for code in spec.targets if code in targets])
        if spec.gates and not initiative.gate_decisions.exists():
            _log(initiative, spec.gates, actor=actor, boards=boards)
    decided = Initiative.objects.filter(project__slug="naringen", gate_decisions__isnull=False)
    pilot = decided.order_by("pk").first()
    if pilot is not None:
        demo_picture_attach(
            owner=pilot,
            actor=pilot.created_by,
            alt_text="Bild från piloten: provytan vid älven en klar dag.",
            colours=("#dbeefc", "#2f6f9f", "#8fbf6a"),
        )
    return {"initiatives": count}
