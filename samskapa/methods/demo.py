"""Demo toolbox in the spirit of seed 002: six methods for socially sustainable planning, each
adapted by one of the five municipalities of Göteborgsregionen's project (Kungälv, Lerum, Lilla
Edet, Partille, Stenungsund) and reported on by the cross-sector working groups that used it.

The regional lab of the project (Göteborgsregionen with RISE's process support) held four
workshops, on co-creation, target groups, prototypes and "from lab to everyday", with the five
municipalities' cross-sector working groups; each is linked to the methods and experience
reports it led to. One local workshop in Partille is coming up, so that the demo facilitator
and researcher see it in "Mitt arbete". One method carries a material file (a Word template).

Loaded by ``workspace.demo.load_demo_data`` after the organisations; idempotent (every row is
found by its natural key first). The texts are written for the demo, not taken from the
toolbox itself.
"""

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from docx import Document

from samskapa.accounts.models import User
from samskapa.core.attachments import demo_picture_attach
from samskapa.core.models import DOCUMENT, StakeholderGroup, SustainabilityDimension
from samskapa.core.uploads import upload_store
from samskapa.geo.models import Municipality
from samskapa.methods.models import (
    Adaptation,
    ExperienceReport,
    Lab,
    LabLevel,
    LabParticipant,
    LabTheme,
    Method,
    MethodPhase,
    MethodStatus,
    MethodStep,
    MethodVersion,
    Rating,
)
from samskapa.methods.services import StepInput, method_rating_refresh, method_snapshot
from samskapa.organisations.models import Organisation
from samskapa.sdg.models import Target

FACILITATOR = "processledare@samskapa.example"
AUTHORS = "Göteborgsregionen, RISE och de tvärsektoriella arbetsgrupperna i fem kommuner"

METHODS: list[dict[str, Any]] = [
    {
        "slug": "trygghetsvandring",
        "title": "Trygghetsvandring med boende",
        "summary": "Boende, fastighetsägare och kommunens förvaltningar går tillsammans genom ett "
        "område och pekar ut platser som känns otrygga eller fungerar bra.",
        "purpose": "Att fånga hur olika grupper upplever den fysiska miljön, särskilt kvällstid, "
        "och ta fram konkreta åtgärder som förvaltningarna och fastighetsägarna äger gemensamt.",
        "phase": MethodPhase.NEED,
        "roles": "Samordnare från samhällsbyggnad, en från socialtjänst eller fritid, "
        "fastighetsägare, polisens kommunpolis, sekreterare som dokumenterar.",
        "materials": "Karta över området i A3, kamera eller mobil, protokollsmall för platserna.",
        "groups": ["residents", "older-people", "children-youth"],
        "dimensions": ["social"],
        "targets": ["11.7", "16.1"],
        "steps": [
            (
                "Bjud in brett",
                60,
                "Nå grupper som sällan hörs: via skolor, föreningar, "
                "mötesplatser och på flera språk.",
            ),
            ("Planera rutten", 45, "Välj rutt efter boendes tips och kommunens statistik."),
            (
                "Vandra och dokumentera",
                120,
                "Stanna vid varje plats, låt deltagarna berätta, fotografera och anteckna.",
            ),
            (
                "Prioritera åtgärder",
                90,
                "Samla förslagen och fördela ansvar mellan förvaltningar och fastighetsägare.",
            ),
            ("Återkoppla", 30, "Berätta för deltagarna vad som görs, och när."),
        ],
    },
    {
        "slug": "medskapande-verkstad",
        "title": "Medskapande verkstad",
        "summary": "En verkstad där invånare och tjänstepersoner tillsammans tar fram idéer för "
        "en plats eller tjänst, utifrån de behov som kommit fram.",
        "purpose": "Att låta de som berörs vara med och forma lösningen, inte bara tycka till om "
        "ett färdigt förslag.",
        "phase": MethodPhase.IDEA,
        "roles": "Processledare, två tjänstepersoner från olika förvaltningar, gärna en "
        "representant för civilsamhället.",
        "materials": "Behovskort, post-it, stora ark, bilder från platsen.",
        "groups": ["residents", "civil-society", "municipal-staff"],
        "dimensions": ["social", "economic"],
        "targets": ["11.3", "16.7"],
        "steps": [
            ("Inledning och behov", 30, "Presentera behoven som kommit in och syftet med dagen."),
            ("Idéer i små grupper", 60, "Varje grupp tar ett behov och skissar lösningar."),
            ("Galleri och återkoppling", 40, "Grupperna visar sina skisser och ger varandra råd."),
            ("Välj vidare", 20, "Deltagarna prioriterar vilka idéer som ska prövas."),
        ],
    },
    {
        "slug": "social-konsekvensanalys",
        "title": "Social konsekvensanalys i detaljplan",
        "summary": "En strukturerad analys av hur en plan påverkar olika grupper: sammanhållning, "
        "vardagsliv, identitet, hälsa och trygghet.",
        "purpose": "Att synliggöra sociala konsekvenser tidigt, när planen fortfarande kan ändras, "
        "och motverka boendesegregation.",
        "phase": MethodPhase.PRESTUDY,
        "roles": "Planarkitekt, samhällsplanerare med social inriktning, folkhälsostrateg.",
        "materials": "Analysmall med frågor per tema, statistik för området, tidigare dialoger.",
        "groups": ["residents", "future-residents", "developers"],
        "dimensions": ["social"],
        "targets": ["11.1", "10.2"],
        "steps": [
            ("Beskriv nuläget", 240, "Vilka bor och verkar här, vad fungerar och vad saknas?"),
            ("Analysera planförslaget", 360, "Gå igenom varje tema och vilka grupper som berörs."),
            ("Föreslå åtgärder", 180, "Förslag som stärker det positiva och mildrar det negativa."),
            ("Förankra i planprocessen", 120, "Resultatet in i planbeskrivningen och samrådet."),
        ],
    },
    {
        "slug": "barns-perspektiv-i-planeringen",
        "title": "Barns perspektiv i planeringen",
        "summary": "Skolklasser kartlägger sina vägar, favoritplatser och otrygga platser, och "
        "resultatet blir ett underlag i planeringen.",
        "purpose": "Att ge barn och unga inflytande över den miljö de rör sig i och uppfylla "
        "barnkonventionen i samhällsplaneringen.",
        "phase": MethodPhase.NEED,
        "roles": "Planerare, lärare, fritidsledare.",
        "materials": "Kartor i skolans närområde, klistermärken, enkät anpassad efter ålder.",
        "groups": ["children-youth"],
        "dimensions": ["social", "ecological"],
        "targets": ["11.7", "4.7"],
        "steps": [
            ("Förbered med skolan", 60, "Välj klasser och koppla arbetet till undervisningen."),
            ("Kartläggning i klassrummet", 80, "Eleverna markerar vägar och platser på kartan."),
            ("Promenad med klassen", 90, "Besök platserna tillsammans och prata om dem."),
            (
                "Sammanställ och återkoppla",
                120,
                "Sammanställ och berätta för klassen vad som händer med deras synpunkter.",
            ),
        ],
    },
    {
        "slug": "prototyp-pa-platsen",
        "title": "Prototyp på platsen",
        "summary": "Pröva en idé i full skala under några veckor – möbler, belysning, en "
        "mötesplats – innan något byggs permanent.",
        "purpose": "Att lära av hur en plats faktiskt används och låta invånarna reagera på "
        "något konkret, till låg kostnad och med liten risk.",
        "phase": MethodPhase.PILOT,
        "roles": "Projektledare, driftansvarig från gatu- eller parkförvaltning, "
        "kommunikatör, lokal förening som värd.",
        "materials": "Tillfälliga möbler, skyltar med frågor, enkel enkät eller räkning av "
        "besökare.",
        "groups": ["residents", "local-business", "civil-society"],
        "dimensions": ["social", "economic", "ecological"],
        "targets": ["11.7", "11.3"],
        "steps": [
            ("Formulera vad ni vill lära", 60, "Vilken fråga ska prototypen svara på?"),
            ("Bygg enkelt", 480, "Använd det som finns; det ska gå att ändra under tiden."),
            ("Låt platsen leva", 600, "Observera, prata med besökare, justera."),
            ("Utvärdera och besluta", 120, "Vad ska bli permanent, ändras eller tas bort?"),
        ],
    },
    {
        "slug": "fran-labb-till-vardag",
        "title": "Från labb till vardag",
        "summary": "Ett arbetssätt för att föra in det som prövats i projektet i förvaltningarnas "
        "ordinarie processer, rutiner och budget.",
        "purpose": "Att det som fungerat i labbet lever kvar när projektet tar slut: med ägare, "
        "rutin och resurser.",
        "phase": MethodPhase.IMPLEMENTATION,
        "roles": "Förvaltningschefer, processägare, utvecklingsledare, projektledaren.",
        "materials": "Mall för överlämning, karta över berörda processer.",
        "groups": ["municipal-staff", "politicians"],
        "dimensions": ["social", "economic"],
        "targets": ["17.17", "16.6"],
        "steps": [
            ("Kartlägg var arbetssättet hör hemma", 90, "Vilka processer och vilka ägare?"),
            (
                "Överlämningsmöte",
                120,
                "Projektet och mottagande förvaltning går igenom "
                "metoden, erfarenheterna och vad som behövs.",
            ),
            ("Beslut om ägarskap och resurser", 60, "Förankra i ledningsgrupp och budget."),
            ("Uppföljning efter ett halvår", 60, "Lever arbetssättet? Vad behöver justeras?"),
        ],
    },
]

# (method slug, organisation slug, adaptation title, what changed, why, report)
ADAPTATIONS: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    (
        "trygghetsvandring",
        "kungalvs-kommun",
        "Trygghetsvandring i Ytterby med fastighetsägarna som värdar",
        "Fastighetsägarna bjöd in och var värdar; vandringen gick i skymningen i november.",
        "Boende kände fastighetsägarna bättre än kommunen, och mörkret visade belysningens "
        "brister.",
        {
            "used_on": datetime.date(2018, 11, 14),
            "place": "Ytterby",
            "group": "Samhällsbyggnad, socialtjänst, fritid, två fastighetsägare och boende",
            "outcome": "Tjugoåtta deltagare, femton platser med förslag; belysningen på "
            "gångvägen mot stationen byttes vintern efter.",
            "lessons": "Bjud in genom någon som boende redan litar på. Återkoppla inom en månad.",
            "ratings": {"usefulness": 5, "ease": 4, "participation": 4, "reach": 3},
        },
    ),
    (
        "social-konsekvensanalys",
        "lerums-kommun",
        "Förenklad SKA för mindre detaljplaner",
        "Fyra teman i stället för sex, och en checklista som planarkitekten fyller i själv.",
        "Den fullständiga analysen tog för lång tid för små planer; den förenklade kan göras i "
        "varje plan.",
        {
            "used_on": datetime.date(2019, 3, 5),
            "place": "Detaljplan för bostäder vid Aspedalen",
            "group": "Planarkitekt, folkhälsostrateg och socialtjänstens områdesansvarige",
            "outcome": "Planen fick en ny gångförbindelse och en lekplats flyttades närmare "
            "bostäderna.",
            "lessons": "Checklistan räcker för små planer, men samtalet med socialtjänsten "
            "gav mest.",
            "ratings": {"usefulness": 4, "ease": 5, "participation": 3, "reach": 3},
        },
    ),
    (
        "barns-perspektiv-i-planeringen",
        "lilla-edets-kommun",
        "Barnkartläggning med fritidsgården",
        "Fritidsgården ledde arbetet i stället för skolan, och kartan fanns också digitalt.",
        "Äldre barn nåddes bättre på fritiden, och en digital karta gick att fylla i hemma.",
        {
            "used_on": datetime.date(2019, 5, 20),
            "place": "Lilla Edet centrum",
            "group": "Fritidsgården, samhällsbyggnad och två skolklasser i årskurs 7",
            "outcome": "Nittiofyra barn deltog; tre otrygga passager och två önskade "
            "mötesplatser togs med i fördjupningen av översiktsplanen.",
            "lessons": "Låt barnen se resultatet: återkopplingen var det de mindes mest.",
            "ratings": {"usefulness": 5, "ease": 3, "participation": 5, "reach": 4},
        },
    ),
    (
        "prototyp-pa-platsen",
        "partille-kommun",
        "Sommartorg i Partille centrum",
        "Prototypen pågick hela sommaren och sköttes tillsammans med en lokal förening.",
        "Kortare tid hade inte visat hur platsen används under semestern, när fler är hemma.",
        {
            "used_on": datetime.date(2019, 6, 15),
            "place": "Torget vid Partille centrum",
            "group": "Gatu- och parkförvaltningen, kultur och fritid, föreningen Allum i samverkan",
            "outcome": "Torget användes mer på kvällarna; två av möblerna blev permanenta.",
            "lessons": "Bestäm i förväg vem som äger driften, annars faller det mellan stolarna.",
            "ratings": {"usefulness": 4, "ease": 3, "participation": 4, "reach": 4},
        },
    ),
    (
        "medskapande-verkstad",
        "stenungsunds-kommun",
        "Medskapande verkstad med tolkar",
        "Verkstaden hölls på tre språk med tolkar, och barnomsorg ordnades under tiden.",
        "Många nyanlända i området hade annars inte kunnat delta.",
        {
            "used_on": datetime.date(2019, 2, 9),
            "place": "Stenungsunds bibliotek",
            "group": "Samhällsbyggnad, integrationsenheten, biblioteket och två föreningar",
            "outcome": "Fyrtio deltagare, elva idéer; en mötesplats vid biblioteket prövas.",
            "lessons": "Tolkar och barnomsorg kostar lite jämfört med vad de ger.",
            "ratings": {"usefulness": 5, "ease": 3, "participation": 5, "reach": 5},
        },
    ),
    (
        "fran-labb-till-vardag",
        "kungalvs-kommun",
        "Överlämning till ordinarie planprocess",
        "Överlämningen gjordes per metod, med en utsedd ägare i varje förvaltning.",
        "Ett gemensamt överlämningsmöte för alla metoder blev för stort och otydligt.",
        {
            "used_on": datetime.date(2019, 10, 22),
            "place": "Kungälvs stadshus",
            "group": "Förvaltningschefer, projektledaren och Göteborgsregionens processtöd",
            "outcome": "Trygghetsvandringen och den sociala konsekvensanalysen fick ägare och "
            "ingår nu i planprocessen.",
            "lessons": "Börja överlämningen ett halvår före projektets slut.",
            "ratings": {"usefulness": 4, "ease": 4, "participation": 3, "reach": 3},
        },
    ),
]


@transaction.atomic
def load_methods_demo() -> None:
    """Create the demo methods, their adaptations and experience reports that are missing."""
    facilitator = User.objects.filter(email=FACILITATOR).first()
    groups = {group.code: group for group in StakeholderGroup.objects.all()}
    dimensions = {dimension.code: dimension for dimension in SustainabilityDimension.objects.all()}
    for spec in METHODS:
        method, created = Method.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "summary": spec["summary"],
                "purpose": spec["purpose"],
                "phase": spec["phase"],
                "roles": spec["roles"],
                "materials": spec["materials"],
                "authors": AUTHORS,
                "status": MethodStatus.PUBLISHED,
                "is_featured": spec["slug"] == "trygghetsvandring",
                "proposed_by": facilitator,
            },
        )
        if not created:
            continue
        steps = [StepInput(title=t, minutes=m, description=d) for t, m, d in spec["steps"]]
        MethodStep.objects.bulk_create(
            MethodStep(
                method=method,
                position=n,
                title=s.title,
                minutes=s.minutes,
                description=s.description,
            )
            for n, s in enumerate(steps, start=1)
        )
        method.total_minutes = sum(step.minutes for step in steps)
        method.save(update_fields=["total_minutes"])
        method.target_groups.set([groups[code] for code in spec["groups"] if code in groups])
        method.dimensions.set(
            [dimensions[code] for code in spec["dimensions"] if code in dimensions]
        )
        method.sdg_targets.set(Target.objects.filter(code__in=spec["targets"]))
        MethodVersion.objects.create(
            method=method,
            number=1,
            content=method_snapshot(method),
            change_note="Första versionen",
            created_by=facilitator,
        )
    for slug, organisation_slug, title, changes, reasons, report in ADAPTATIONS:
        method = Method.objects.get(slug=slug)
        organisation = Organisation.objects.select_related("municipality").get(
            slug=organisation_slug
        )
        municipality = organisation.municipality
        if municipality is None:  # every demo municipality has one; a changed demo would not
            continue
        adaptation, _created = Adaptation.objects.get_or_create(
            method=method,
            title=title,
            defaults={
                "method_version": method.version,
                "organisation": organisation,
                "municipality": municipality,
                "changes": changes,
                "reasons": reasons,
                "author": facilitator,
            },
        )
        ratings = report["ratings"]
        fields = {key: value for key, value in report.items() if key != "ratings"}
        experience, created = ExperienceReport.objects.get_or_create(
            method=method,
            place=fields.pop("place"),
            used_on=fields.pop("used_on"),
            defaults={
                **fields,
                "adaptation": adaptation,
                "organisation": organisation,
                "municipality": municipality,
                "author": facilitator,
            },
        )
        if created:
            Rating.objects.bulk_create(
                Rating(report=experience, aspect=aspect, score=score)
                for aspect, score in ratings.items()
            )
        method_rating_refresh(method=method)
    _load_material_demo(facilitator)
    _load_labs_demo(facilitator)
    _load_pictures_demo(facilitator)


def _load_pictures_demo(facilitator: User | None) -> None:
    """A picture of the summer square on Partille's report and on the prototypes workshop."""
    report = ExperienceReport.objects.filter(place="Torget vid Partille centrum").first()
    if report is not None:
        demo_picture_attach(
            owner=report,
            actor=facilitator,
            alt_text="Skiss av sommartorget: bänkar vid vattnet framför centrum",
            colours=("#cfe3f1", "#4a7fa8", "#b9a77c"),
        )
    lab = Lab.objects.filter(title="Regionalt labb: prototyper").first()
    if lab is not None:
        demo_picture_attach(
            owner=lab,
            actor=facilitator,
            alt_text="Arbetsgruppernas prototyp av en plats: en brygga i papp",
            colours=("#e8eef3", "#6d9bc3", "#8fae7a"),
        )


def _load_material_demo(facilitator: User | None) -> None:
    """The walk's protocol template as a Word file, on the method and its first version."""
    method = Method.objects.get(slug="trygghetsvandring")
    if method.material_files.exists():
        return
    document = Document()
    document.add_heading("Protokoll för trygghetsvandring", level=1)
    document.add_paragraph("Område: ______________________   Datum: ____________")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["Plats", "Vad deltagarna såg", "Förslag", "Ansvar"], strict=True
    ):
        cell.text = text
    for _row in range(8):
        table.add_row()
    buffer = io.BytesIO()
    document.save(buffer)
    file = SimpleUploadedFile("protokollsmall-trygghetsvandring.docx", buffer.getvalue())
    upload = upload_store(actor=facilitator, file=file, kinds={DOCUMENT})
    method.material_files.add(upload)
    for version in method.versions.all():
        version.material_files.add(upload)


MUNICIPALITIES = ["1482", "1441", "1462", "1402", "1415"]  # Kungälv, Lerum, Lilla Edet, ...
WORKING_GROUP = [
    # (name, organisation slug, administration)
    ("Karin Kustvik (fiktiv)", "kungalvs-kommun", "Samhällsbyggnadsförvaltningen"),
    ("Omar Ytterby (fiktiv)", "kungalvs-kommun", "Sektor omsorg och socialtjänst"),
    ("Lena Aspedal (fiktiv)", "lerums-kommun", "Sektor samhällsbyggnad"),
    ("Jonas Floda (fiktiv)", "lerums-kommun", "Folkhälsoenheten"),
    ("Sara Göta (fiktiv)", "lilla-edets-kommun", "Fritidsgården"),
    ("Mikael Lödöse (fiktiv)", "lilla-edets-kommun", "Samhällsbyggnad"),
    ("Anna Sävedal (fiktiv)", "partille-kommun", "Gatu- och parkförvaltningen"),
    ("Elif Furulund (fiktiv)", "partille-kommun", "Kultur och fritid"),
    ("Per Stora Höga (fiktiv)", "stenungsunds-kommun", "Integrationsenheten"),
    ("Maria Jörlanda (fiktiv)", "stenungsunds-kommun", "Plan- och byggenheten"),
    ("Eva Regionsson (fiktiv)", "goteborgsregionen", "Avdelningen för samhällsbyggnad"),
    ("Nils Labbsson (fiktiv)", "rise", "Processtöd"),
]

# (title, theme, starts on, place, description, method slugs, report places)
LABS: list[tuple[str, str, datetime.date, str, str, list[str], list[str]]] = [
    (
        "Regionalt labb: medskapande",
        LabTheme.CO_CREATION,
        datetime.date(2018, 4, 17),
        "Göteborgsregionens lokaler, Göteborg",
        "De fem kommunernas tvärsektoriella arbetsgrupper prövade hur invånare, fastighetsägare "
        "och föreningar kan vara med och forma lösningen från början, inte bara tycka till om "
        "ett färdigt förslag. Grupperna planerade var sin dialog att genomföra hemma.",
        ["medskapande-verkstad", "trygghetsvandring"],
        ["Stenungsunds bibliotek", "Ytterby"],
    ),
    (
        "Regionalt labb: målgrupper",
        LabTheme.TARGET_GROUPS,
        datetime.date(2018, 10, 9),
        "Göteborgsregionens lokaler, Göteborg",
        "Vilka berörs av planeringen men hörs sällan? Grupperna kartlade målgrupper i sina "
        "områden (barn och unga, nyanlända, äldre, framtida boende) och valde metoder för att "
        "nå dem.",
        ["barns-perspektiv-i-planeringen", "social-konsekvensanalys"],
        ["Lilla Edet centrum", "Detaljplan för bostäder vid Aspedalen"],
    ),
    (
        "Regionalt labb: prototyper",
        LabTheme.PROTOTYPES,
        datetime.date(2019, 3, 12),
        "RISE, Göteborg",
        "Att pröva i liten skala innan man bestämmer sig: grupperna byggde enkla prototyper av "
        "platser och tjänster och planerade hur de skulle utvärderas på plats.",
        ["prototyp-pa-platsen"],
        ["Torget vid Partille centrum"],
    ),
    (
        "Regionalt labb: från labb till vardag",
        LabTheme.LAB_TO_EVERYDAY,
        datetime.date(2019, 9, 24),
        "Kungälvs stadshus",
        "Hur lever det som fungerat kvar när projektet tar slut? Grupperna gick igenom vilka "
        "metoder som ska föras in i förvaltningarnas ordinarie processer, vem som äger dem och "
        "vad som behövs i budgeten.",
        ["fran-labb-till-vardag"],
        ["Kungälvs stadshus"],
    ),
]


def _load_labs_demo(facilitator: User | None) -> None:
    organisations = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(
            slug__in={slug for _name, slug, _dept in WORKING_GROUP} | {"partille-kommun"}
        )
    }
    organiser = organisations.get("goteborgsregionen")
    if organiser is None:  # the organisations demo was not loaded
        return
    municipalities = list(Municipality.objects.filter(code__in=MUNICIPALITIES))
    for title, theme, starts_on, place, description, slugs, report_places in LABS:
        lab, created = Lab.objects.get_or_create(
            title=title,
            defaults={
                "level": LabLevel.REGIONAL,
                "theme": theme,
                "organiser": organiser,
                "starts_on": starts_on,
                "place": place,
                "description": description,
                "created_by": facilitator,
            },
        )
        if not created:
            continue
        lab.municipalities.set(municipalities)
        if facilitator is not None:
            lab.facilitators.set([facilitator])
        lab.methods.set(Method.objects.filter(slug__in=slugs))
        lab.reports.set(
            ExperienceReport.objects.filter(method__slug__in=slugs, place__in=report_places)
        )
        LabParticipant.objects.bulk_create(
            LabParticipant(
                lab=lab, name=name, organisation=organisations[slug], department=department
            )
            for name, slug, department in WORKING_GROUP
            if slug in organisations
        )
    _load_coming_lab(facilitator, organisations)


def _load_coming_lab(facilitator: User | None, organisations: dict[str, Organisation]) -> None:
    """A local workshop six weeks after the demo is loaded, for "Mitt arbete"."""
    partille = organisations.get("partille-kommun")
    researcher = User.objects.filter(email="forskare@samskapa.example").first()
    if partille is None:
        return
    lab, created = Lab.objects.get_or_create(
        title="Lokalt labb i Partille: nästa sommartorg",
        defaults={
            "level": LabLevel.LOCAL,
            "theme": LabTheme.PROTOTYPES,
            "organiser": partille,
            "starts_on": datetime.date.today() + datetime.timedelta(days=42),
            "place": "Partille centrum",
            "description": "Gatu- och parkförvaltningen, kultur och fritid och föreningen Allum "
            "planerar nästa sommars prototyp på torget utifrån förra årets erfarenheter.",
            "created_by": facilitator,
        },
    )
    if not created:
        return
    lab.municipalities.set(Municipality.objects.filter(code="1402"))
    lab.methods.set(Method.objects.filter(slug="prototyp-pa-platsen"))
    if facilitator is not None:
        lab.facilitators.set([facilitator])
    if researcher is not None:
        rise = organisations.get("rise", partille)
        LabParticipant.objects.create(
            lab=lab,
            user=researcher,
            name=researcher.full_name or researcher.email,
            organisation=rise,
            department="Processtöd",
        )
    LabParticipant.objects.create(
        lab=lab,
        name="Anna Sävedal (fiktiv)",
        organisation=partille,
        department="Gatu- och parkförvaltningen",
    )
