"""Demo needs inventories of Näringen (Gävle) and Landvetter Södra (Härryda), for ``make run``.

The needs are written for the demo in the spirit of the seed texts; the people are fictional.
Running it twice changes nothing: campaigns, needs and clusters are looked up by name first.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, F

from samskapa.accounts.demo import USERS
from samskapa.accounts.models import User
from samskapa.core.attachments import demo_picture_attach
from samskapa.core.models import StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.needs.models import (
    Campaign,
    Cluster,
    Need,
    NeedReport,
    NeedSupport,
    PriorityWeights,
)
from samskapa.organisations.models import Unit
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

PUBLIC, MEMBERS, PRIVATE = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE

# (title, description, stakeholder group, area, dimensions, SDG targets, visibility, author key,
#  (reach, urgency, goal fit) or None)
NeedSpec = tuple[str, str, str, str, list[str], list[str], str, str, tuple[int, int, int] | None]

INVENTORIES: dict[str, dict[str, Any]] = {
    "naringen": {
        "campaign": (
            "Behovsinventering Näringen 2026",
            "Vad behöver du som bor, arbetar eller vill bo i Näringen? Behoven styr vilka "
            "utmaningar kommunen utlyser.",
            ["residents", "children-youth", "older-people", "local-business", "civil-society"],
        ),
        "leader": "leader_gavle",
        "unit": "Samhällsbyggnad Gävle",
        "needs": [
            (
                "Trygga cykelbanor till centrum",
                "Cykelbanorna från Näringen till centrum och stationen saknas eller är smala. Vi vill kunna cykla tryggt året runt.",
                "residents",
                "Näringen–centrum",
                ["ecological", "social"],
                ["11.2", "3.6"],
                PUBLIC,
                "resident",
                (4, 4, 5),
            ),
            (
                "Cykelvägar som plogas på vintern",
                "Cykelvägar måste plogas och sandas tidigt på morgonen, annars tar alla bilen. Cykla till jobbet ska fungera i januari.",
                "commuters",
                "Näringen",
                ["ecological"],
                ["11.2"],
                PUBLIC,
                "researcher",
                (3, 4, 4),
            ),
            (
                "Säker cykelväg till skolan",
                "Barnen vill cykla själva till skolan men cykelvägen korsar en tungt trafikerad väg utan cykelpassage.",
                "children-youth",
                "Skolvägen",
                ["social"],
                ["11.2", "3.6"],
                PUBLIC,
                "association",
                (4, 5, 4),
            ),
            (
                "Fler förskoleplatser i nya stadsdelen",
                "När tusentals bostäder byggs behövs förskoleplatser tidigt, innan familjerna flyttar in. Förskolan bör ligga nära bostäderna.",
                "future-residents",
                "Näringen",
                ["social", "economic"],
                ["4.2"],
                PUBLIC,
                "resident",
                (5, 4, 4),
            ),
            (
                "Förskola med gård och grönska",
                "Förskolan behöver en stor gård med träd och plats för lek, inte bara en takterrass.",
                "children-youth",
                "Näringen",
                ["social", "ecological"],
                ["4.2", "11.7"],
                PUBLIC,
                "association",
                (3, 3, 4),
            ),
            (
                "Mötesplats för äldre",
                "Äldre i området saknar en mötesplats inomhus där man kan fika, träffas och gå på aktiviteter utan att det kostar.",
                "older-people",
                "Centrala Näringen",
                ["social"],
                ["11.7", "10.2"],
                PUBLIC,
                "association",
                (3, 3, 3),
            ),
            (
                "Bänkar och vilplatser längs gångstråken",
                "Som äldre behöver jag bänkar var hundrade meter för att orka gå till butiken och busshållplatsen.",
                "older-people",
                "Gångstråken",
                ["social"],
                ["11.7"],
                PUBLIC,
                "resident",
                None,
            ),
            (
                "Lokaler för små företag och hantverkare",
                "Småföretag behöver billiga lokaler i bottenvåningar, gärna med port för varuleveranser, så att stadsdelen får liv dagtid.",
                "local-business",
                "Bottenvåningar",
                ["economic"],
                ["8.3"],
                PUBLIC,
                "company",
                (3, 2, 4),
            ),
            (
                "Laddplatser för elbilar och elcyklar",
                "Vi planerar fastigheter och behöver veta hur laddning för elbilar och elcyklar ska lösas gemensamt i mobilitetshus.",
                "developers",
                "Mobilitetshus",
                ["ecological", "economic"],
                ["7.2", "11.6"],
                MEMBERS,
                "company",
                (2, 3, 4),
            ),
            (
                "Dagvatten och skyfall",
                "Området ligger lågt nära ån. Skyfall behöver kunna ledas bort på ytan utan att källare och garage översvämmas.",
                "municipal-staff",
                "Ån och kajen",
                ["ecological", "economic"],
                ["11.5", "13.1"],
                MEMBERS,
                "moderator",
                (5, 4, 5),
            ),
            (
                "Platser där unga får vara",
                "Unga behöver ställen att hänga på kvällen som inte är köpcentrum: tak, ljus, wifi och ingen som kör bort en.",
                "children-youth",
                "Parken",
                ["social"],
                ["11.7", "16.7"],
                PUBLIC,
                "resident",
                (3, 3, 3),
            ),
            (
                "Föreningslokal att boka",
                "Föreningar behöver en lokal att boka billigt för möten, läxhjälp och fester.",
                "civil-society",
                "Näringen",
                ["social"],
                ["11.7", "17.17"],
                PUBLIC,
                "association",
                None,
            ),
            (
                "Tillgängliga entréer och hissar",
                "Alla entréer och gångstråk behöver fungera med rullstol och rollator, även vintertid.",
                "disability",
                "Hela området",
                ["social"],
                ["11.2", "10.2"],
                PUBLIC,
                "resident",
                (4, 3, 4),
            ),
            (
                "Grönområden och träd i gatorna",
                "Stadsdelen behöver gröna stråk och stora träd som ger skugga och tar hand om regnvatten.",
                "residents",
                "Gatorna",
                ["ecological", "social"],
                ["11.7", "15.1"],
                PUBLIC,
                "researcher",
                None,
            ),
            (
                "Oro för störande ljud från hamnen",
                "Jag är orolig för buller från hamnen och industrin nattetid när bostäderna byggs nära.",
                "residents",
                "Hamnsidan",
                ["social", "ecological"],
                ["3.9"],
                PRIVATE,
                "resident",
                None,
            ),
            (
                "Delade verktyg och lånecykel",
                "En verktygspool och lådcyklar att låna skulle minska behovet av bil och saker i förråden.",
                "residents",
                "Näringen",
                ["ecological", "economic"],
                ["12.5"],
                PUBLIC,
                "association",
                None,
            ),
        ],
        "clusters": {
            "Cykla tryggt året runt": [0, 1, 2],
            "Förskola": [3, 4],
        },
        "supports": {
            0: ["researcher", "association", "moderator"],
            3: ["association"],
            5: ["resident"],
            10: ["association", "researcher"],
        },
    },
    "landvetter-sodra-etapp-1": {
        "campaign": (
            "Behov i Landvetter Södra etapp 1",
            "En ny stad byggs mellan Göteborg och Borås. Berätta vad staden behöver för att bli "
            "en bra plats att bo, arbeta och växa upp i.",
            ["future-residents", "commuters", "local-business", "developers", "children-youth"],
        ),
        "leader": "leader_harryda",
        "unit": "Kommunstyrelsen",
        "needs": [
            (
                "Snabb kollektivtrafik till Göteborg och Borås",
                "Nya invånare kommer pendla. Tåg och expressbuss måste finnas när de första flyttar in, annars blir det bilstad.",
                "commuters",
                "Stationsläget",
                ["ecological", "economic"],
                ["11.2", "9.1"],
                PUBLIC,
                "resident",
                (5, 5, 5),
            ),
            (
                "Pendlarparkering för cykel vid stationen",
                "Säker, väderskyddad cykelparkering vid stationen så att man kan cykla till tåget.",
                "commuters",
                "Stationen",
                ["ecological"],
                ["11.2"],
                PUBLIC,
                "researcher",
                (3, 3, 4),
            ),
            (
                "Cykelbanor till Landvetter centrum",
                "Det behövs sammanhängande cykelbanor mellan nya staden och Landvetter centrum för att kunna cykla till skola och jobb.",
                "residents",
                "Landvetter",
                ["ecological", "social"],
                ["11.2"],
                PUBLIC,
                "resident",
                (4, 3, 4),
            ),
            (
                "Skolor och förskolor från start",
                "Förskolor och skolor måste vara klara när de första familjerna flyttar in, inte tio år senare.",
                "future-residents",
                "Etapp 1",
                ["social"],
                ["4.1", "4.2"],
                PUBLIC,
                "association",
                (5, 5, 4),
            ),
            (
                "Förskoleplatser nära stationen",
                "Pendlande föräldrar behöver förskoleplatser nära stationen för att hinna lämna och hämta.",
                "commuters",
                "Stationsläget",
                ["social", "economic"],
                ["4.2"],
                PUBLIC,
                "resident",
                (4, 4, 3),
            ),
            (
                "Arbetsplatser och kontor i staden",
                "För att inte bli en sovstad behövs kontor, coworking och verksamheter med arbetsplatser nära bostäderna.",
                "local-business",
                "Centrum",
                ["economic"],
                ["8.5", "11.3"],
                PUBLIC,
                "company",
                (3, 2, 5),
            ),
            (
                "Tydliga spelregler för byggherrar",
                "Byggherrar behöver veta tidigt vilka krav på klimat, parkering och markpriser som gäller.",
                "developers",
                "Etapp 1",
                ["economic"],
                ["11.3", "17.17"],
                MEMBERS,
                "company",
                (2, 4, 4),
            ),
            (
                "Natur och skog att ströva i",
                "Skogen runt omkring är ett skäl att flytta hit. Stigar och naturområden behöver sparas och göras tillgängliga.",
                "residents",
                "Skogen",
                ["ecological", "social"],
                ["15.1", "11.7"],
                PUBLIC,
                "researcher",
                (3, 2, 4),
            ),
            (
                "Flygbuller från Landvetter flygplats",
                "Vi behöver veta hur flygbullret påverkar var man kan bygga bostäder och skolor.",
                "future-residents",
                "Inflygningen",
                ["social", "ecological"],
                ["3.9", "11.6"],
                PUBLIC,
                "resident",
                None,
            ),
            (
                "Idrottshall och fotbollsplaner",
                "Barn och unga behöver idrottshall och planer tidigt så att föreningslivet kan starta.",
                "children-youth",
                "Etapp 1",
                ["social"],
                ["3.4", "11.7"],
                PUBLIC,
                "association",
                (3, 3, 3),
            ),
            (
                "Vårdcentral och apotek",
                "Äldre och barnfamiljer behöver vårdcentral och apotek i staden, inte bara i Mölnlycke.",
                "older-people",
                "Centrum",
                ["social"],
                ["3.8"],
                PUBLIC,
                "resident",
                None,
            ),
            (
                "Bostäder man har råd med",
                "Unga vuxna och äldre behöver hyresrätter med rimliga hyror, inte bara bostadsrätter.",
                "residents",
                "Etapp 1",
                ["social", "economic"],
                ["11.1"],
                PUBLIC,
                "association",
                (4, 3, 4),
            ),
            (
                "Mötesplatser för nyanlända och föreningar",
                "Civilsamhället behöver lokaler där nya och gamla invånare kan mötas från början.",
                "civil-society",
                "Centrum",
                ["social"],
                ["10.2", "11.7"],
                PUBLIC,
                "association",
                None,
            ),
            (
                "Egen oro kring min fastighet",
                "Min fastighet ligger i planområdet och jag vet inte vad som händer med den.",
                "residents",
                "Planområdet",
                ["social"],
                ["11.3"],
                PRIVATE,
                "resident",
                None,
            ),
            (
                "Energi från sol och fjärrvärme",
                "Staden behöver en plan för förnybar energi: solceller på taken och fjärrvärme med låg klimatpåverkan.",
                "developers",
                "Hela staden",
                ["ecological", "economic"],
                ["7.2", "13.2"],
                MEMBERS,
                "researcher",
                (3, 2, 5),
            ),
        ],
        "clusters": {"Kollektivtrafik och cykel": [0, 1, 2], "Skola och förskola": [3, 4]},
        "supports": {
            0: ["researcher", "association"],
            3: ["resident", "researcher"],
            7: ["association"],
        },
    },
}


def _premoderated_demo(users: dict[str, User | None]) -> None:
    """A pre-moderated campaign in Näringen with a resident's need awaiting approval, and a
    report on another need: the moderator's inbox has something to approve and to look at."""
    project = Project.objects.filter(slug="naringen").first()
    if project is None or users["resident"] is None:
        return
    today = datetime.date.today()
    campaign, _created = Campaign.objects.get_or_create(
        project=project,
        title="Synpunkter på det nya torget i Näringen",
        defaults={
            "purpose": "Vad behöver torget för att bli en plats där du vill vara? Varje inlägg "
            "läses av en moderator innan det publiceras.",
            "opens_on": today - datetime.timedelta(days=10),
            "closes_on": today + datetime.timedelta(days=60),
            "premoderated": True,
            "created_by": users["leader_gavle"],
        },
    )
    Need.objects.get_or_create(
        project=project,
        title="Sittplatser i skugga på torget",
        defaults={
            "campaign": campaign,
            "description": "Äldre behöver kunna vila i skuggan när de handlar på torget.",
            "municipality": project.municipality,
            "area": "Torget",
            "author": users["resident"],
            "awaiting_approval": True,
        },
    )
    reported = (
        Need.objects.filter(project=project, is_hidden=False, awaiting_approval=False)
        .order_by("pk")
        .first()
    )
    if reported is not None and users["association"] is not None:
        NeedReport.objects.get_or_create(
            need=reported,
            reporter=users["association"],
            resolved_at=None,
            defaults={"reason": "Behovet innehåller ett telefonnummer till en privatperson."},
        )


@transaction.atomic
def load_needs_demo() -> dict[str, int]:
    """Create the demo campaigns, needs, supports, clusters and priorities if missing."""
    groups = {group.code: group for group in StakeholderGroup.objects.all()}
    dimensions = {dimension.code: dimension for dimension in SustainabilityDimension.objects.all()}
    targets = {target.code: target for target in Target.objects.all()}
    users = {key: User.objects.filter(email=spec.email).first() for key, spec in USERS.items()}
    for slug, inventory in INVENTORIES.items():
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            continue
        PriorityWeights.objects.get_or_create(
            project=project, defaults={"reach": 3, "urgency": 2, "goal_fit": 3, "support": 1}
        )
        title, purpose, campaign_groups = inventory["campaign"]
        today = datetime.date.today()
        campaign, created = Campaign.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "purpose": purpose,
                "opens_on": today - datetime.timedelta(days=30),
                "closes_on": today + datetime.timedelta(days=120),
                "created_by": users[inventory["leader"]],
            },
        )
        if created:
            campaign.stakeholder_groups.set([groups[code] for code in campaign_groups])
        unit = Unit.objects.filter(
            organisation=project.organisation, name=inventory["unit"]
        ).first()
        needs: list[Need] = []
        for index, spec in enumerate(inventory["needs"]):
            title, text, group, area, dims, sdgs, visibility, author, scores = spec
            need, created = Need.objects.get_or_create(
                project=project,
                title=title,
                defaults={
                    "campaign": campaign,
                    "description": text,
                    "stakeholder_group": groups.get(group),
                    "municipality": project.municipality,
                    "area": area,
                    "visibility": visibility,
                    "author": users[author],
                    "responsible_unit": unit if index % 4 == 0 else None,
                    "reach": scores[0] if scores else None,
                    "urgency": scores[1] if scores else None,
                    "goal_fit": scores[2] if scores else None,
                },
            )
            if created:
                need.dimensions.set([dimensions[code] for code in dims])
                need.sdg_targets.set([targets[code] for code in sdgs if code in targets])
            needs.append(need)
        for index, supporters in inventory["supports"].items():
            for key in supporters:
                NeedSupport.objects.get_or_create(need=needs[index], user=users[key])
        for name, indexes in inventory["clusters"].items():
            cluster, _created = Cluster.objects.get_or_create(project=project, name=name)
            Need.objects.filter(pk__in=[needs[i].pk for i in indexes], cluster__isnull=True).update(
                cluster=cluster
            )
    public = Need.objects.filter(project__slug="naringen", visibility=Visibility.PUBLIC)
    first_need = public.order_by("pk").first()
    if first_need is not None:
        demo_picture_attach(
            owner=first_need,
            actor=first_need.author,
            alt_text="Tecknad bild: en bänk vid vattnet, gröna stränder och blå himmel.",
            colours=("#cfe8f7", "#3a78a8", "#6a9e4f"),
        )
    _premoderated_demo(users)
    # Support counts follow the support rows, whatever ran before.
    for need in Need.objects.annotate(rows=Count("supports")).exclude(support_count=F("rows")):
        Need.objects.filter(pk=need.pk).update(support_count=need.rows)
    return {"needs": Need.objects.count(), "campaigns": Campaign.objects.count()}
