"""Demo learning programmes, built on seed 000.

In 2020 Governo, RISE, IQ Samhällsbyggnad and the government inquiry Samordning för
bostadsbyggande ran five knowledge sessions for about fifteen project leaders from eleven
municipalities, with assignments between the sessions and a plan for the innovation work in
each municipality at the end. The municipalities are real, the people fictional. A second,
running round (dates relative to today) shows what participants and facilitators do now.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from samskapa.accounts.demo import accept_documents_in_force, demo_person, demo_user
from samskapa.accounts.models import User
from samskapa.core.models import DOCUMENT, Upload
from samskapa.core.uploads import upload_store
from samskapa.learning.models import (
    Assignment,
    Feedback,
    LearningProgramme,
    Member,
    MemberRole,
    Plan,
    PlanVersion,
    ProgrammeStatus,
    Session,
    Submission,
)
from samskapa.learning.services import plan_content
from samskapa.organisations.models import Organisation

PROGRAMME_SLUG = "leda-for-innovation-i-stadsbyggnadsprojekt-2020"
RUNNING_SLUG = "leda-for-innovation-omgang-2"


@dataclass(frozen=True)
class Participant:
    key: str  # a demo user key, or an e-mail address for a person made here
    name: str
    organisation: str


# Fifteen project leaders from eleven municipalities (fictional people).
PARTICIPANTS = [
    Participant("leader_gavle", "", "gavle-kommun"),
    Participant("lo.naringen@samskapa.example", "Lo Lindqvist (fiktiv)", "gavle-kommun"),
    Participant("leader_harryda", "", "harryda-kommun"),
    Participant("per.landvetter@samskapa.example", "Per Persson (fiktiv)", "harryda-kommun"),
    Participant("leader_kiruna", "", "kiruna-kommun"),
    Participant("bo.boras@samskapa.example", "Bo Bergström (fiktiv)", "boras-stad"),
    Participant("gull.goteborg@samskapa.example", "Gull Gustafsson (fiktiv)", "goteborgs-stad"),
    Participant("ali.goteborg@samskapa.example", "Ali Andersson (fiktiv)", "goteborgs-stad"),
    Participant("lisa.lund@samskapa.example", "Lisa Lund (fiktiv)", "lunds-kommun"),
    Participant("mira.malmo@samskapa.example", "Mira Malm (fiktiv)", "malmo-stad"),
    Participant("sam.stockholm@samskapa.example", "Sam Storm (fiktiv)", "stockholms-stad"),
    Participant("siv.stockholm@samskapa.example", "Siv Sjöberg (fiktiv)", "stockholms-stad"),
    Participant("kim.kungalv@samskapa.example", "Kim Karlsson (fiktiv)", "kungalvs-kommun"),
    Participant("lea.lerum@samskapa.example", "Lea Lerner (fiktiv)", "lerums-kommun"),
    Participant("pia.partille@samskapa.example", "Pia Palm (fiktiv)", "partille-kommun"),
]
GOVERNO_FACILITATOR = Participant(
    "gunnel.governo@samskapa.example", "Gunnel Governo (fiktiv)", "governo"
)

DESCRIPTION = (
    "Fem kunskapstillfällen under våren och hösten 2020 för ett 15-tal projektledare från 11 "
    "kommuner: vad innovation är och hur man styr och leder för att möjliggöra innovation i "
    "stadsbyggnadsprojekt. Mellan tillfällena gör deltagarna uppgifter som hjälper dem framåt, "
    "och varje kommun avslutar med en egen plan för hur arbetet tas vidare i organisationen. "
    "Governo och RISE leder processen, tillsammans med IQ Samhällsbyggnad och utredningen "
    "Samordning för bostadsbyggande."
)

# (title, date, start hour, place or "", online link or "", agenda)
SESSIONS = [
    (
        "Träff 1: Vad är innovation i stadsbyggande?",
        datetime.date(2020, 3, 12),
        "IQ Samhällsbyggnad, Stockholm",
        "",
        "Välkomna och presentation av kommunerna\nInnovation: begrepp och exempel\n"
        "Erfarenheter från Näringen i Gävle och Landvetter Södra\nUppgift till nästa gång",
    ),
    (
        "Träff 2: Behov som utgångspunkt",
        datetime.date(2020, 5, 7),
        "",
        "https://mote.samskapa.example/larprogram-2",
        "Återkoppling på behovsinventeringarna\nFrån behov till utmaning\nGrupparbete per kommun",
    ),
    (
        "Träff 3: Att styra och leda för innovation",
        datetime.date(2020, 9, 10),
        "",
        "https://mote.samskapa.example/larprogram-3",
        "Styrning, mandat och risk\nInnovationsstrategi i projektet\nKollegial granskning",
    ),
    (
        "Träff 4: Samverkan med näringsliv och forskning",
        datetime.date(2020, 10, 22),
        "RISE, Göteborg",
        "",
        "Innovationsupphandling och dialog\nTestbäddar och piloter\nUppgift: utkast till plan",
    ),
    (
        "Träff 5: Planen för innovationsarbetet",
        datetime.date(2020, 12, 3),
        "",
        "https://mote.samskapa.example/larprogram-5",
        "Kommunerna presenterar sina planer\nHur tar vi arbetet vidare?\nAvslutning",
    ),
]

# (title, given at session number, due date, peer review, instructions)
ASSIGNMENTS = [
    (
        "Inventera behoven i ert projekt",
        1,
        datetime.date(2020, 4, 23),
        False,
        "Beskriv tre behov i ert stadsbyggnadsprojekt som kan kräva nya lösningar. Vem har "
        "behovet, hur vet ni det och vad händer om inget görs?",
    ),
    (
        "Formulera en utmaning",
        2,
        datetime.date(2020, 8, 27),
        True,
        "Gör om ett av behoven till en utmaning som andra kan svara på. Läs två andra kommuners "
        "utmaningar och ge återkoppling.",
    ),
    (
        "Kartlägg mandat och hinder",
        3,
        datetime.date(2020, 10, 8),
        False,
        "Vem beslutar vad i ert projekt? Var finns utrymmet att pröva nytt, och vad står i vägen?",
    ),
    (
        "Utkast till plan för innovationsarbete",
        4,
        datetime.date(2020, 11, 19),
        True,
        "Skriv ett första utkast till kommunens plan: mål, fokusområden och nästa steg med "
        "ansvariga. Lämna in för hela kommunteamet.",
    ),
]

PLANS = {
    "gavle-kommun": {
        "aim": "Näringen ska bli en stadsdel där nya lösningar prövas i varje etapp, med de "
        "boende och näringslivet som medskapare.",
        "focus_areas": [
            {
                "title": "Hållbara resor",
                "description": "Det ska vara lätt att gå, cykla och åka kollektivt.",
                "goals": [
                    "En mobilitetspool vid första inflyttningen",
                    "Cykelparkering i varje kvarter",
                ],
            },
            {
                "title": "Innovationsvänlig upphandling",
                "description": "Upphandla funktioner i stället för färdiga lösningar.",
                "goals": ["Två funktionsupphandlingar under 2021"],
            },
        ],
        "next_steps": [
            {
                "action": "Förankra planen i samhällsbyggnadsnämnden",
                "owner": "Projektledaren",
                "due_on": "2021-02-15",
            },
            {
                "action": "Starta behovsdialog med byggherrarna",
                "owner": "Exploateringsenheten",
                "due_on": "2021-04-30",
            },
        ],
    },
    "harryda-kommun": {
        "aim": "Landvetter Södra byggs med innovation som arbetssätt från första spadtaget.",
        "focus_areas": [
            {
                "title": "Energi och klimat",
                "description": "Lokal energi och klimatneutralt byggande.",
                "goals": ["Plusenergikvarter i etapp 1"],
            }
        ],
        "next_steps": [
            {
                "action": "Ta fram innovationsstrategi för etapp 1",
                "owner": "Projektledaren",
                "due_on": "2021-03-31",
            },
        ],
    },
    "lunds-kommun": {
        "aim": "Använda stadsbyggnadsprojekten som testbäddar tillsammans med forskningen.",
        "focus_areas": [
            {
                "title": "Testbäddar",
                "description": "",
                "goals": ["En testbädd per stadsdelsprojekt"],
            }
        ],
        "next_steps": [
            {
                "action": "Avsiktsförklaring med universitetet",
                "owner": "Stadsbyggnadskontoret",
                "due_on": "2021-06-30",
            }
        ],
    },
}


MATERIAL = (
    "Innovation i stadsbyggande\n\nInnovation är nya lösningar som skapar värde när de "
    "används. I ett stadsbyggnadsprojekt handlar det om att pröva nytt i planering, byggande "
    "och förvaltning, och att lära av det.\n"
)
TEMPLATE = (
    "Plan för innovationsarbete\n\nÖvergripande mål:\n\nFokusområden och mål:\n\n"
    "Nästa steg (vad, vem, när):\n"
)
NEEDS = "Behov i Näringen\n\n1. Hållbara resor\n2. Mötesplatser\n3. Lokal energi\n"


def _document(actor: User, name: str, text: str) -> Upload:
    file = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    return upload_store(actor=actor, file=file, kinds={DOCUMENT})


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _person(spec: Participant) -> User:
    if "@" not in spec.key:
        user = demo_user(spec.key)
        assert user is not None, spec.key
        return user
    user = demo_person(email=spec.key, name=spec.name)
    accept_documents_in_force(user)
    return user


def _member(
    programme: LearningProgramme, user: User, role: str, organisation: Organisation
) -> Member:
    member, _created = Member.objects.get_or_create(
        programme=programme,
        user=user,
        defaults={
            "role": role,
            "organisation": organisation,
            "municipality": organisation.municipality,
        },
    )
    return member


def _seed_programme(organisations: dict[str, Organisation]) -> LearningProgramme:
    facilitator = demo_user("facilitator")
    assert facilitator is not None
    programme, created = LearningProgramme.objects.get_or_create(
        slug=PROGRAMME_SLUG,
        defaults={
            "title": "Leda för innovation i stadsbyggnadsprojekt 2020",
            "description": DESCRIPTION,
            "organiser": organisations["governo"],
            "starts_on": datetime.date(2020, 3, 1),
            "ends_on": datetime.date(2020, 12, 31),
            "status": ProgrammeStatus.PUBLISHED,
            "created_by": facilitator,
        },
    )
    if not created:
        return programme
    _member(programme, facilitator, MemberRole.FACILITATOR, organisations["rise"])
    governo = _person(GOVERNO_FACILITATOR)
    _member(programme, governo, MemberRole.FACILITATOR, organisations["governo"])
    people = []
    for spec in PARTICIPANTS:
        user = _person(spec)
        _member(programme, user, MemberRole.PARTICIPANT, organisations[spec.organisation])
        people.append((user, organisations[spec.organisation]))
    sessions = [
        Session.objects.create(
            programme=programme,
            title=title,
            starts_at=_at(day, 9),
            ends_at=_at(day, 15),
            place=place,
            online_url=link,
            agenda=agenda,
        )
        for title, day, place, link, agenda in SESSIONS
    ]
    sessions[0].attachments.add(
        _document(facilitator, "Träff 1 – innovation i stadsbyggande.txt", MATERIAL)
    )
    assignments = [
        Assignment.objects.create(
            programme=programme,
            session=sessions[number - 1],
            title=title,
            instructions=instructions,
            due_at=_at(due, 17),
            peer_review=peer_review,
        )
        for title, number, due, peer_review, instructions in ASSIGNMENTS
    ]
    assignments[3].template = _document(
        facilitator, "Mall – plan för innovationsarbete.txt", TEMPLATE
    )
    assignments[3].save(update_fields=["template"])
    # Most handed in the first two assignments; a few were late or missing, as in life.
    for index, (user, organisation) in enumerate(people):
        for number, assignment in enumerate(assignments[:3]):
            if (index + number) % 5 == 4:
                continue
            submission = Submission.objects.create(
                assignment=assignment,
                author=user,
                municipality=organisation.municipality,
                text=f"{assignment.title} – svar från {organisation.name}: "
                "vi har gått igenom projektet med kollegorna och ser tre områden att arbeta vidare med.",
                submitted_at=assignment.due_at - datetime.timedelta(days=2),
            )
            if index == 0 and number == 0:
                submission.attachments.add(_document(user, "Behov i Näringen.txt", NEEDS))
            if number == 0 or index % 3 == 0:
                Feedback.objects.create(
                    submission=submission,
                    author=facilitator,
                    from_facilitator=True,
                    text="Tydligt beskrivet. Fundera på vem som äger behovet och hur ni kan "
                    "pröva en lösning i liten skala.",
                )
    # The draft plans were handed in by each municipality team.
    seen: set[int] = set()
    for user, organisation in people:
        municipality = organisation.municipality
        if municipality is None or municipality.pk in seen or len(seen) >= 6:
            continue
        seen.add(municipality.pk)
        Submission.objects.create(
            assignment=assignments[3],
            author=user,
            municipality=municipality,
            for_team=True,
            text=f"Utkast till plan för {organisation.name}.",
            submitted_at=assignments[3].due_at - datetime.timedelta(days=1),
        )
    for slug, raw in PLANS.items():
        organisation = organisations[slug]
        author = next(user for user, org in people if org.pk == organisation.pk)
        assert organisation.municipality is not None
        content = plan_content(raw)
        plan = Plan.objects.create(
            programme=programme,
            municipality=organisation.municipality,
            title=f"Plan för innovationsarbete i {organisation.municipality.name}",
            content=content,
            version=1,
            updated_by=author,
        )
        PlanVersion.objects.create(
            plan=plan, number=1, title=plan.title, content=content, created_by=author
        )
    return programme


def _running_programme(organisations: dict[str, Organisation]) -> LearningProgramme:
    """A second round that runs now: one session behind, one ahead, an open assignment."""
    facilitator = demo_user("facilitator")
    assert facilitator is not None
    today = timezone.localdate()
    programme, created = LearningProgramme.objects.get_or_create(
        slug=RUNNING_SLUG,
        defaults={
            "title": "Leda för innovation – omgång 2",
            "description": "En ny omgång av kunskapstillfällena, för projektledare som vill "
            "ta fram en plan för innovationsarbetet i sin kommun.",
            "organiser": organisations["governo"],
            "starts_on": today - datetime.timedelta(days=30),
            "ends_on": today + datetime.timedelta(days=150),
            "status": ProgrammeStatus.PUBLISHED,
            "created_by": facilitator,
        },
    )
    if not created:
        return programme
    _member(programme, facilitator, MemberRole.FACILITATOR, organisations["rise"])
    for key, slug in (
        ("leader_gavle", "gavle-kommun"),
        ("leader_harryda", "harryda-kommun"),
        ("leader_kiruna", "kiruna-kommun"),
    ):
        user = demo_user(key)
        assert user is not None
        _member(programme, user, MemberRole.PARTICIPANT, organisations[slug])
    first = Session.objects.create(
        programme=programme,
        title="Träff 1: Vad är innovation i stadsbyggande?",
        starts_at=_at(today - datetime.timedelta(days=14), 9),
        ends_at=_at(today - datetime.timedelta(days=14), 15),
        place="RISE, Göteborg",
        agenda="Välkomna\nInnovation: begrepp och exempel\nUppgift till nästa gång",
    )
    Session.objects.create(
        programme=programme,
        title="Träff 2: Behov som utgångspunkt",
        starts_at=_at(today + datetime.timedelta(days=14), 9),
        ends_at=_at(today + datetime.timedelta(days=14), 15),
        online_url="https://mote.samskapa.example/omgang-2",
        agenda="Återkoppling på behovsinventeringarna\nFrån behov till utmaning",
    )
    Assignment.objects.create(
        programme=programme,
        session=first,
        title="Inventera behoven i ert projekt",
        instructions=ASSIGNMENTS[0][4],
        due_at=_at(today + datetime.timedelta(days=10), 17),
        peer_review=True,
    )
    return programme


@transaction.atomic
def load_demo() -> dict[str, Any]:
    """Create the demo programmes unless they exist (looked up by their slugs)."""
    organisations = {org.slug: org for org in Organisation.objects.select_related("municipality")}
    return {
        "seed": _seed_programme(organisations),
        "running": _running_programme(organisations),
    }
