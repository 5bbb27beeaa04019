"""Demo programme in the spirit of seed 003: three years, with the portfolio in the first six months.

Gävle, Härryda and Kiruna run it together with a method partner, a research institute, a company,
a residents' association and a funder. Loaded by ``workspace.demo.load_demo_data`` after the
assessment demo and before the portfolio demo; idempotent (everything is found by name first).
"""

import datetime

from django.db import transaction

from samskapa.accounts.models import User
from samskapa.geo.models import Municipality
from samskapa.organisations.models import Organisation
from samskapa.programmes.models import (
    Milestone,
    MilestoneStatus,
    Participant,
    ParticipantRole,
    Phase,
    Programme,
)
from samskapa.projects.models import Project

SLUG = "innovationsprogram-2026-2028"
LEADER = "projektledare.gavle@samskapa.example"

PARTICIPANTS: list[tuple[str, ParticipantRole, str]] = [
    (
        "gavle-kommun",
        ParticipantRole.LEAD,
        "Leder programmet och samordnar portföljen; Näringen är programmets största projekt.",
    ),
    (
        "harryda-kommun",
        ParticipantRole.MUNICIPALITY,
        "Tar med behovsinventeringen för Landvetter Södra och prövar initiativ i etapp 1.",
    ),
    (
        "kiruna-kommun",
        ParticipantRole.MUNICIPALITY,
        "Bidrar med erfarenheter från stadsomvandlingen där alla förvaltningar deltar.",
    ),
    (
        "bjork-innovation",
        ParticipantRole.PARTNER,
        "Metodstöd: en systematisk process för att bygga portföljen och driva initiativen.",
    ),
    ("rise", ParticipantRole.PARTNER, "Processledning, följeforskning och utvärdering."),
    (
        "fiktiva-smartstad-ab",
        ParticipantRole.PARTNER,
        "Företag som bidrar med sensorer och data i piloterna.",
    ),
    (
        "fiktiva-grannar-i-naringen",
        ParticipantRole.PARTNER,
        "Boendeföreningen som för fram invånarnas perspektiv i bedömningen.",
    ),
    ("vinnova", ParticipantRole.FUNDER, "Medfinansierar förstudier och piloter."),
]

# (name, start, end, description)
PHASES: list[tuple[str, datetime.date, datetime.date, str]] = [
    (
        "Behovsinventering och portfölj",
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
        "Alla aktörer tar tillsammans fram en portfölj med invånarnas behov i centrum och beslutar "
        "vad som är värt att gå vidare med.",
    ),
    (
        "Förstudier och piloter",
        datetime.date(2026, 7, 1),
        datetime.date(2027, 12, 31),
        "De initiativ som fått klartecken prövas i förstudier och piloter i de tre kommunerna.",
    ),
    (
        "Implementering och spridning",
        datetime.date(2028, 1, 1),
        datetime.date(2028, 10, 31),
        "Det som fungerat införs i ordinarie verksamhet och sprids till fler kommuner.",
    ),
    (
        "Överlämning",
        datetime.date(2028, 9, 1),
        datetime.date(2028, 12, 31),
        "Metodik och mötesplatser lämnas över så att kommunerna kan fortsätta på egen hand.",
    ),
]

# (title, phase name, due, status, completed on, responsible organisation)
MILESTONES: list[tuple[str, str, datetime.date, str, datetime.date | None, str]] = [
    (
        "Behovsinventering klar i alla tre kommuner",
        "Behovsinventering och portfölj",
        datetime.date(2026, 3, 31),
        MilestoneStatus.DONE,
        datetime.date(2026, 4, 8),
        "gavle-kommun",
    ),
    (
        "Portföljen beslutad",
        "Behovsinventering och portfölj",
        datetime.date(2026, 6, 30),
        MilestoneStatus.DONE,
        datetime.date(2026, 6, 24),
        "gavle-kommun",
    ),
    (
        "Förstudierapporter för de första initiativen",
        "Förstudier och piloter",
        datetime.date(2026, 10, 31),
        MilestoneStatus.IN_PROGRESS,
        None,
        "rise",
    ),
    (
        "Två piloter i drift",
        "Förstudier och piloter",
        datetime.date(2027, 6, 30),
        MilestoneStatus.PLANNED,
        None,
        "gavle-kommun",
    ),
    (
        "Halvtidsutvärdering",
        "Förstudier och piloter",
        datetime.date(2027, 9, 30),
        MilestoneStatus.PLANNED,
        None,
        "rise",
    ),
    (
        "Beslut om införande i ordinarie verksamhet",
        "Implementering och spridning",
        datetime.date(2028, 3, 31),
        MilestoneStatus.PLANNED,
        None,
        "gavle-kommun",
    ),
    (
        "Slutrapport och överlämning",
        "Överlämning",
        datetime.date(2028, 12, 15),
        MilestoneStatus.PLANNED,
        None,
        "bjork-innovation",
    ),
]


@transaction.atomic
def load_programmes_demo() -> Programme:
    organisations = {org.slug: org for org in Organisation.objects.all()}
    programme, _created = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Innovationsprogram för hållbar stadsutveckling 2026–2028",
            "organisation": organisations["gavle-kommun"],
            "summary": "Tre kommuner bygger under tre år en gemensam portfölj av innovationsinitiativ "
            "med invånarnas behov i centrum.",
            "description": "Programmet löper över tre år. De första sex månaderna används för att "
            "tillsammans med alla aktörer ta fram en portfölj av större och mindre initiativ som "
            "kommunerna beslutar att genomföra. Därefter prövas initiativen i förstudier och "
            "piloter, och det som fungerar införs och sprids. Efter tre år ska metodik och "
            "organisering för innovation finnas på plats och kunna leva vidare utan programmet.",
            "start_date": datetime.date(2026, 1, 1),
            "end_date": datetime.date(2028, 12, 31),
            "portfolio_due_on": datetime.date(2026, 6, 30),
            "created_by": User.objects.filter(email=LEADER).first(),
        },
    )
    programme.municipalities.add(*Municipality.objects.filter(code__in=["2180", "1401", "2584"]))
    programme.projects.add(
        *Project.objects.filter(slug__in=["naringen", "landvetter-sodra-etapp-1", "nya-kiruna"])
    )
    for slug, role, contribution in PARTICIPANTS:
        Participant.objects.get_or_create(
            programme=programme,
            organisation=organisations[slug],
            defaults={"role": role, "contribution": contribution},
        )
    phases = {}
    for name, start, end, description in PHASES:
        phases[name], _created = Phase.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={"start_date": start, "end_date": end, "description": description},
        )
    for title, phase, due, status, completed, responsible in MILESTONES:
        Milestone.objects.get_or_create(
            programme=programme,
            title=title,
            defaults={
                "phase": phases[phase],
                "due_on": due,
                "status": status,
                "completed_on": completed,
                "responsible": organisations[responsible],
            },
        )
    return programme
