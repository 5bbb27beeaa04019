"""Demo assessment of the Näringen challenge on safe walkways: criteria, assessors and scores.

Loaded by ``core.demo.load_demo_data`` after the ideas demo; idempotent (criteria by name,
assignments by idea and assessor, scores only for assignments without any).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.assessment.models import Assignment, AssignmentStatus, Criterion, CriterionSet, Score
from samskapa.ideas.models import Challenge, Idea

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


@transaction.atomic
def load_assessment_demo() -> dict[str, int]:
    """Create the demo criteria, assignments and scores if missing."""
    challenge = Challenge.objects.filter(title=CHALLENGE, project__slug="naringen").first()
    if challenge is None:
        return {"assignments": 0}
    leader = User.objects.filter(email=LEADER).first()
    criterion_set, _created = CriterionSet.objects.get_or_create(
        challenge=challenge, defaults={"scale_min": 1, "scale_max": 5}
    )
    criteria = []
    for position, (name, description, weight) in enumerate(CRITERIA, start=1):
        criterion, _created = Criterion.objects.get_or_create(
            criterion_set=criterion_set,
            name=name,
            defaults={"description": description, "weight": weight, "position": position},
        )
        criteria.append(criterion)
    ideas = {idea.title: idea for idea in Idea.objects.filter(challenge=challenge)}
    emails = {email for spec in SCORES.values() for email in spec}
    emails |= {email for spec in CONFLICTS.values() for email in spec}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    submitted_at = timezone.now() - datetime.timedelta(days=2)
    for title, by_assessor in SCORES.items():
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
