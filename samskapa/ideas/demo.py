"""Demo challenges and ideas for Näringen (Gävle) and Landvetter Södra (Härryda).

Loaded by ``workspace.demo.load_demo_data``; idempotent (looked up by title). The people and
organisations are the fictional demo ones; ideas come from all four helix sectors.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.attachments import demo_picture_attach
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.ideas.models import Challenge, Comment, Follow, Idea, Report, Support
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project

E = "@samskapa.example"

CHALLENGES: list[dict[str, Any]] = [
    {
        "project": "naringen",
        "title": "Trygga och levande stråk i Näringen",
        "description": "Hur kan gång- och cykelstråken mellan Näringen, Brynäs och centrum bli "
        "trygga och inbjudande året runt, även under mörka vinterkvällar?",
        "days": 45,
    },
    {
        "project": "naringen",
        "title": "Mötesplatser för grannar i en ny stadsdel",
        "description": "Var och hur kan nya och gamla gävlebor mötas i Näringen innan alla hus "
        "är byggda? Vi söker idéer om tillfälliga och permanenta mötesplatser.",
        "days": 90,
    },
    {
        "project": "landvetter-sodra-etapp-1",
        "title": "Hållbart resande i Landvetter Södra från första inflyttningen",
        "description": "Hur kan de första invånarna i Landvetter Södra resa hållbart innan "
        "spårtrafiken finns på plats?",
        "days": 60,
    },
]

# (challenge title or None, author key, organisation slug or None, title, summary, description,
#  dimension codes)
IDEAS: list[tuple[str | None, str, str | None, str, str, str, list[str]]] = [
    (
        "Trygga och levande stråk i Näringen",
        "invanare",
        None,
        "Belysning som följer med längs ån",
        "Sensorstyrd belysning som lyser upp stråket där någon går.",
        "Jag går hem längs ån varje kväll och det känns otryggt när det är mörkt. Lampor som "
        "tänds när någon närmar sig skulle spara energi och göra det tryggare.",
        ["social", "ecological"],
    ),
    (
        "Trygga och levande stråk i Näringen",
        "foretag",
        "fiktiva-smartstad-ab",
        "Öppen data om hur stråken används",
        "Anonyma räknare som visar hur många som går och cyklar, som öppna data.",
        "Smartstad Norr AB kan sätta upp anonyma sensorer som räknar gående och cyklister. "
        "Kommunen och invånarna får se i öppna data var och när stråken används, så att "
        "belysning och snöröjning kan prioriteras.",
        ["economic", "social"],
    ),
    (
        "Mötesplatser för grannar i en ny stadsdel",
        "forening",
        "fiktiva-grannar-i-naringen",
        "Grannträdgård på tomten som väntar på bygglov",
        "Odlingslådor och bänkar på en tomt som inte bebyggs på några år.",
        "Grannföreningen vill ordna en tillfällig grannträdgård med odlingslådor, bänkar och "
        "en liten scen. Föreningen sköter skötseln om kommunen upplåter marken.",
        ["social", "ecological"],
    ),
    (
        "Mötesplatser för grannar i en ny stadsdel",
        "forskare",
        "rise",
        "Testbädd för medskapande av mötesplatser",
        "RISE följer upp hur tillfälliga mötesplatser används och vad de betyder för tilliten.",
        "Vi föreslår en testbädd där tillfälliga mötesplatser prövas i tre omgångar och "
        "utvärderas med enkäter, observationer och sensordata, tillsammans med de boende.",
        ["social"],
    ),
    (
        "Hållbart resande i Landvetter Södra från första inflyttningen",
        "processledare",
        "rise",
        "Mobilitetshubb med bilpool och lådcyklar",
        "En hubb vid första kvarteret med bilpool, lådcyklar och paketskåp.",
        "Innan spårtrafiken kommer behöver de första invånarna alternativ till egen bil. En "
        "mobilitetshubb med delade fordon kan bli en vana som håller när stadsdelen växer.",
        ["ecological", "economic"],
    ),
    (
        "Hållbart resande i Landvetter Södra från första inflyttningen",
        "invanare",
        None,
        "Anropsstyrd buss till Mölnlycke",
        "En minibuss som går när den bokas, tills ordinarie linjer finns.",
        "Jag vill kunna ta mig till jobbet utan bil. En anropsstyrd buss som går till "
        "Mölnlycke och Landvetter flygplats skulle räcka de första åren.",
        ["social", "ecological"],
    ),
    (
        None,
        "foretag",
        "fiktiva-smartstad-ab",
        "Snösmältning med spillvärme",
        "Spillvärme från datacenter värmer gång- och cykelbanor vintertid.",
        "Ett fristående förslag för Gävle: spillvärme leds till de mest använda gång- och "
        "cykelbanorna så att de hålls fria från is.",
        ["ecological", "economic"],
    ),
]

COMMENTS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    # (idea title, author key, text, replies [(author key, text)])
    (
        "Belysning som följer med längs ån",
        "forening",
        "Vi har hört samma sak från många i föreningen. Kan belysningen också göra det lättare "
        "att hitta för den som ser dåligt?",
        [("foretag", "Ja, sensorerna kan styra ledljus i marknivå också.")],
    ),
    (
        "Grannträdgård på tomten som väntar på bygglov",
        "invanare",
        "Jag hjälper gärna till med odlingen!",
        [("forening", "Vad roligt! Vi hör av oss inför våren.")],
    ),
    (
        "Mobilitetshubb med bilpool och lådcyklar",
        "invanare",
        "Skulle hubben vara öppen för alla eller bara för de som bor i kvarteret?",
        [],
    ),
]

SUPPORT: dict[str, list[str]] = {
    "Belysning som följer med längs ån": ["forening", "foretag", "forskare", "processledare"],
    "Grannträdgård på tomten som väntar på bygglov": ["invanare", "forskare"],
    "Mobilitetshubb med bilpool och lådcyklar": ["invanare", "foretag"],
    "Öppen data om hur stråken används": ["forskare"],
}


def _user(key: str) -> User | None:
    return User.objects.filter(email=f"{key}{E}").first()


def _premoderated_demo(today: datetime.date) -> None:
    """A pre-moderated challenge in Näringen with a resident's idea awaiting approval, and a
    report on a comment: the moderation queue of ideas has something to approve and to read."""
    project = Project.objects.filter(slug="naringen").first()
    resident, association = _user("invanare"), _user("forening")
    if project is None or resident is None or association is None:
        return
    challenge, _created = Challenge.objects.get_or_create(
        project=project,
        title="Idéer för det nya torget i Näringen",
        defaults={
            "description": "Hur kan torget bli en plats där alla vill vara, året runt? Varje "
            "idé läses av en moderator innan den publiceras.",
            "opens_on": today - datetime.timedelta(days=7),
            "deadline": today + datetime.timedelta(days=60),
            "premoderated": True,
            "created_by": _user("projektledare.gavle"),
        },
    )
    idea, created = Idea.objects.get_or_create(
        title="Vattenlek för barn mitt på torget",
        defaults={
            "challenge": challenge,
            "project": project,
            "municipality": project.municipality,
            "summary": "Fontäner i marken som barn kan leka i på sommaren.",
            "description": "Fontäner i marken som stängs av på vintern och då blir en plan yta.",
            "author": resident,
            "awaiting_approval": True,
        },
    )
    if created:
        Follow.objects.get_or_create(idea=idea, user=resident)
    comment = Comment.objects.filter(author=resident, parent__isnull=True).order_by("pk").first()
    if comment is not None:
        Report.objects.get_or_create(
            idea=comment.idea,
            comment=comment,
            reporter=association,
            resolved_at=None,
            defaults={"reason": "Kommentaren nämner en privatpersons adress."},
        )


@transaction.atomic
def load_ideas_demo() -> dict[str, int]:
    """Create the demo challenges, ideas, comments, support and follows if missing."""
    today = timezone.localdate()
    challenges: dict[str, Challenge] = {}
    for spec in CHALLENGES:
        project = Project.objects.filter(slug=spec["project"]).first()
        if project is None:
            continue
        challenge, created = Challenge.objects.get_or_create(
            project=project,
            title=spec["title"],
            defaults={
                "description": spec["description"],
                "opens_on": today - datetime.timedelta(days=14),
                "deadline": today + datetime.timedelta(days=spec["days"]),
            },
        )
        if created:
            needs = Need.objects.filter(
                project=project, visibility=Visibility.PUBLIC, is_hidden=False
            ).order_by("pk")[:3]
            challenge.needs.set(needs)
        challenges[challenge.title] = challenge
    dimensions = {d.code: d for d in SustainabilityDimension.objects.all()}
    ideas: dict[str, Idea] = {}
    for challenge_title, author_key, org_slug, title, summary, description, dims in IDEAS:
        author = _user(author_key)
        answered = challenges.get(challenge_title) if challenge_title else None
        if author is None or (challenge_title and answered is None):
            continue
        project = answered.project if answered else Project.objects.filter(slug="naringen").first()
        municipality = project.municipality if project else author.municipality
        if municipality is None:
            continue
        idea, created = Idea.objects.get_or_create(
            title=title,
            defaults={
                "challenge": answered,
                "project": project,
                "municipality": municipality,
                "summary": summary,
                "description": description,
                "author": author,
                "organisation": Organisation.objects.filter(slug=org_slug).first()
                if org_slug
                else None,
            },
        )
        if created:
            idea.dimensions.set([dimensions[code] for code in dims if code in dimensions])
            Follow.objects.get_or_create(idea=idea, user=author)
        ideas[title] = idea
    for idea_title, author_key, text, replies in COMMENTS:
        commented = ideas.get(idea_title)
        author = _user(author_key)
        if commented is None or author is None:
            continue
        top, _created = Comment.objects.get_or_create(idea=commented, author=author, text=text)
        Follow.objects.get_or_create(idea=commented, user=author)
        for reply_key, reply_text in replies:
            reply_author = _user(reply_key)
            if reply_author is not None:
                Comment.objects.get_or_create(
                    idea=commented, parent=top, author=reply_author, text=reply_text
                )
    for idea_title, keys in SUPPORT.items():
        supported = ideas.get(idea_title)
        if supported is None:
            continue
        for key in keys:
            user = _user(key)
            if user is not None:
                Support.objects.get_or_create(idea=supported, user=user)
    # The counters the services keep, recomputed here because the demo writes rows directly.
    for idea in Idea.objects.filter(pk__in=[i.pk for i in ideas.values()]).annotate(
        supports_n=Count("supports", distinct=True),
        comments_n=Count("comments", filter=Q(comments__is_hidden=False), distinct=True),
    ):
        Idea.objects.filter(pk=idea.pk).update(
            support_count=idea.supports_n, comment_count=idea.comments_n
        )
    _premoderated_demo(today)
    first_idea = next(iter(ideas.values()), None)
    if first_idea is not None:
        demo_picture_attach(
            owner=first_idea,
            actor=first_idea.author,
            alt_text="Skiss av idén: en brygga ut i vattnet, med grönska på stranden.",
            colours=("#f3e9c6", "#4b8bbe", "#7bb661"),
        )
    return {"challenges": len(challenges), "ideas": len(ideas)}
