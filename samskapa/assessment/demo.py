"""Demo assessment: the Näringen challenge on safe walkways with criteria of its own, and the
shared criteria of the demo programme, which its other challenges are assessed on.

Three assessors score with realistic differences (the assessor, the facilitator and the
researcher); the researcher has declared a conflict of interest on one idea. Loaded by
``workspace.demo.load_demo_data``: ``load_assessment_demo`` after the ideas demo and
``load_programme_assessment_demo`` after the programmes demo. Idempotent (criteria by name,
assignments by idea and assessor, scores only for assignments without any).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, CriterionSet, Score
from samskapa.ideas.models import Challenge, Idea
from samskapa.programmes.models import Programme

CHALLENGE = "Trygga och levande stråk i Näringen"
LEADER = "projektledare.gavle@samskapa.example"

# (name, description, weight)
CRITERIA: list[tuple[str, str, Decimal]] = [
    (
        "Värde för invånarna",
        "Hur väl idén svarar mot de behov som invånarna har beskrivit.",
        Decimal(3),
    ),
    (
        "Genomförbarhet",
        "Kan idén genomföras med rimliga resurser och inom projektets tid?",
        Decimal(2),
    ),
    ("Kostnad", "Hög poäng betyder låg kostnad i förhållande till nyttan.", Decimal("1.5")),
    (
        "Hållbarhet i alla tre dimensioner",
        "Ekologisk, social och ekonomisk hållbarhet tillsammans.",
        Decimal(2),
    ),
    ("Innovationshöjd", "Hur nytt är greppet jämfört med vad kommunen redan gör?", Decimal(1)),
]

# idea title -> assessor e-mail -> (scores in CRITERIA order, comment on the first criterion)
SCORES: dict[str, dict[str, tuple[list[int], str]]] = {
    "Belysning som följer med längs ån": {
        "bedomare@samskapa.example": (
            [5, 4, 3, 4, 3],
            "Svarar direkt mot flera behov om otrygghet på kvällstid.",
        ),
        "processledare@samskapa.example": (
            [4, 4, 5, 4, 2],
            "Beprövad teknik; mindre nytt men enkelt att pröva i en pilot.",
        ),
        "forskare@samskapa.example": (
            [4, 3, 2, 5, 4],
            "Studier visar att adaptiv belysning ökar upplevd trygghet; driftkostnaden är osäker.",
        ),
    },
    "Öppen data om hur stråken används": {
        "bedomare@samskapa.example": (
            [3, 2, 2, 3, 5],
            "Spännande, men invånarnas nytta syns först på sikt.",
        ),
        "processledare@samskapa.example": (
            [4, 4, 4, 4, 4],
            "Kan bli ett underlag för många andra idéer i stadsdelen.",
        ),
    },
}

# idea title -> assessor e-mail -> declared conflict of interest (jäv)
CONFLICTS: dict[str, dict[str, str]] = {
    "Öppen data om hur stråken används": {
        "forskare@samskapa.example": "Jag samarbetar med Fiktiva Smartstad AB i ett pågående "
        "forskningsprojekt om sensordata.",
    },
}


PROGRAMME = "innovationsprogram-2026-2028"
# The programme's challenges; those without criteria of their own use the programme's.
PROGRAMME_CHALLENGES: list[tuple[str, str]] = [
    ("naringen", CHALLENGE),
    ("naringen", "Mötesplatser för grannar i en ny stadsdel"),
    ("landvetter-sodra-etapp-1", "Hållbart resande i Landvetter Södra från första inflyttningen"),
]

PROGRAMME_CRITERIA: list[tuple[str, str, Decimal]] = [
    (
        "Värde för invånarna",
        "Hur väl initiativet svarar mot de behov som invånare och andra intressenter beskrivit.",
        Decimal(3),
    ),
    (
        "Genomförbarhet",
        "Kan initiativet genomföras med programmets resurser och inom programmets tre år?",
        Decimal(2),
    ),
    (
        "Hållbarhet i alla tre dimensioner",
        "Ekologisk, social och ekonomisk hållbarhet tillsammans.",
        Decimal(2),
    ),
    (
        "Samverkan mellan sektorerna",
        "Bidrar offentlig sektor, näringsliv, akademi och civilsamhälle var och en med något?",
        Decimal("1.5"),
    ),
    (
        "Spridningspotential",
        "Kan initiativet prövas och spridas i fler av programmets kommuner?",
        Decimal(1),
    ),
]

# Scored on the programme's criteria, in PROGRAMME_CRITERIA order.
PROGRAMME_SCORES: dict[str, dict[str, tuple[list[int], str]]] = {
    "Grannträdgård på tomten som väntar på bygglov": {
        "bedomare@samskapa.example": (
            [5, 4, 4, 3, 3],
            "Föreningen har redan många som vill vara med; tydligt behov av mötesplatser.",
        ),
        "processledare@samskapa.example": (
            [4, 2, 4, 4, 2],
            "Bra idé, men markfrågan och ett tillfälligt bygglov kan ta längre tid än väntat.",
        ),
    },
}

# Invited on the programme's criteria and not yet submitted.
PROGRAMME_OPEN: dict[str, list[str]] = {
    "Grannträdgård på tomten som väntar på bygglov": ["forskare@samskapa.example"],
}


def _criteria(
    criterion_set: CriterionSet, specs: list[tuple[str, str, Decimal]]
) -> list[Criterion]:
    criteria = []
    for position, (name, description, weight) in enumerate(specs, start=1):
        criterion, _created = Criterion.objects.get_or_create(
            criterion_set=criterion_set,
            name=name,
            defaults={"description": description, "weight": weight, "position": position},
        )
        criteria.append(criterion)
    return criteria


def _people(*specs: dict[str, Any]) -> dict[str, User]:
    emails = {email for spec in specs for by_idea in spec.values() for email in by_idea}
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _score(
    *,
    ideas: dict[str, Idea],
    criteria: list[Criterion],
    scores: dict[str, dict[str, tuple[list[int], str]]],
    people: dict[str, User],
    leader: User | None,
) -> None:
    submitted_at = timezone.now() - datetime.timedelta(days=2)
    for title, by_assessor in scores.items():
        idea = ideas.get(title)
        if idea is None:
            continue
        for email, (values, comment) in by_assessor.items():
            assessor = people.get(email)
            if assessor is None:
                continue
            assignment, _created = Assignment.objects.get_or_create(
                idea=idea,
                assessor=assessor,
                defaults={
                    "invited_by": leader,
                    "status": AssignmentStatus.SUBMITTED,
                    "submitted_at": submitted_at,
                },
            )
            if not assignment.scores.exists():
                Score.objects.bulk_create(
                    [
                        Score(
                            assignment=assignment,
                            criterion=criterion,
                            value=value,
                            comment=comment if position == 0 else "",
                        )
                        for position, (criterion, value) in enumerate(
                            zip(criteria, values, strict=True)
                        )
                    ]
                )


@transaction.atomic
def load_assessment_demo() -> dict[str, int]:
    """Create the walkways challenge's criteria, assignments and scores if missing."""
    challenge = Challenge.objects.filter(title=CHALLENGE, project__slug="naringen").first()
    if challenge is None:
        return {"assignments": 0}
    leader = User.objects.filter(email=LEADER).first()
    criterion_set, _created = CriterionSet.objects.get_or_create(
        challenge=challenge, defaults={"scale_min": 1, "scale_max": 5}
    )
    criteria = _criteria(criterion_set, CRITERIA)
    ideas = {idea.title: idea for idea in Idea.objects.filter(challenge=challenge)}
    people = _people(SCORES, CONFLICTS)
    _score(ideas=ideas, criteria=criteria, scores=SCORES, people=people, leader=leader)
    for title, conflicts in CONFLICTS.items():
        idea = ideas.get(title)
        for email, reason in conflicts.items():
            assessor = people.get(email)
            if idea is None or assessor is None:
                continue
            Assignment.objects.get_or_create(
                idea=idea,
                assessor=assessor,
                defaults={
                    "invited_by": leader,
                    "status": AssignmentStatus.EXCLUDED,
                    "conflict_reason": reason,
                },
            )
    return {"assignments": Assignment.objects.filter(idea__challenge=challenge).count()}


@transaction.atomic
def load_programme_assessment_demo() -> dict[str, int]:
    """The demo programme's shared criteria, its challenges, and scores on those criteria."""
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    if programme is None:
        return {"assignments": 0}
    leader = User.objects.filter(email=LEADER).first()
    for project_slug, title in PROGRAMME_CHALLENGES:
        # Only where no programme is set, so that a change made in the demo is kept.
        Challenge.objects.filter(
            project__slug=project_slug, title=title, programme__isnull=True
        ).update(programme=programme)
    criterion_set, _created = CriterionSet.objects.get_or_create(
        programme=programme, defaults={"scale_min": 1, "scale_max": 5}
    )
    criteria = _criteria(criterion_set, PROGRAMME_CRITERIA)
    ideas = {
        idea.title: idea
        for idea in Idea.objects.filter(
            challenge__programme=programme, challenge__criterion_set__isnull=True
        )
    }
    people = _people(PROGRAMME_SCORES, PROGRAMME_OPEN)
    _score(ideas=ideas, criteria=criteria, scores=PROGRAMME_SCORES, people=people, leader=leader)
    for title, emails in PROGRAMME_OPEN.items():
        idea = ideas.get(title)
        for email in emails:
            assessor = people.get(email)
            if idea is not None and assessor is not None:
                Assignment.objects.get_or_create(
                    idea=idea, assessor=assessor, defaults={"invited_by": leader}
                )
    return {"assignments": Assignment.objects.filter(idea__in=ideas.values()).count()}
