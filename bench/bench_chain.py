"""Fill a PostgreSQL database with the innovation chain at scale, and time the pages.

Run through ``bench/chain.py`` (which points Django at a separate database and sets it up). Two sizes: 5,000
ideas with 30,000 needs, then 50,000 ideas with 300,000 needs; the same URLs are timed at both
and the query counts compared. Besides needs and ideas (with comments and support) the portfolio
is filled: one initiative per ten ideas, with partners, dimensions, SDG targets, needs, stages
spread over the pipeline and the gate decisions that brought each one there, and a programme of
thirty municipalities. Results go to docs/benchmarks.md.
"""

import contextlib
import datetime
import logging
import os
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, reset_queries, transaction
from django.db.models import Count, Model
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from samskapa.accounts.models import User
from samskapa.core.models import HelixSector, StakeholderGroup, SustainabilityDimension, Visibility
from samskapa.core.reference import load_vocabularies
from samskapa.geo.models import Municipality
from samskapa.geo.reference import load_regions_and_municipalities
from samskapa.ideas.models import Challenge, Comment, Idea, Support
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.portfolio.models import PIPELINE, Decision, GateDecision, Initiative, Level, Stage
from samskapa.programmes.models import Participant, ParticipantRole, Phase, Programme
from samskapa.projects.models import Project, ProjectPhase
from samskapa.sdg.models import Target
from samskapa.sdg.reference import load_goals_and_targets

STEPS = [(5_000, 30_000), (50_000, 300_000)]
SMALL_STEPS = [(500, 3_000), (2_000, 12_000)]
USERS = 500
BATCH = 5_000
RUNS = 100
WARM_UP = 5
IDEAS_PER_INITIATIVE = 10
PROGRAMME_SLUG = "bench-innovationsprogram"
PROGRAMME_MUNICIPALITIES = 30
# The demo programme's municipalities (Gävle, Härryda, Kiruna) are in the bench programme too.
PROGRAMME_CORE = ("2180", "1401", "2584")
# Where initiatives stand: (stage, share). Stopped and parked ones are off the pipeline.
STAGE_SHARES = [
    (Stage.IDEA, 0.22),
    (Stage.PRESTUDY, 0.24),
    (Stage.PILOT, 0.18),
    (Stage.IMPLEMENTATION, 0.10),
    (Stage.SCALING, 0.06),
    (Stage.COMPLETED, 0.05),
    (Stage.STOPPED, 0.08),
    (Stage.PARKED, 0.07),
]
PARTNERS = [
    (OrganisationType.COMPANY, HelixSector.BUSINESS, "Bänkföretag"),
    (OrganisationType.UNIVERSITY, HelixSector.ACADEMIA, "Bänkhögskolan"),
    (OrganisationType.RESEARCH_INSTITUTE, HelixSector.ACADEMIA, "Bänkinstitutet"),
    (OrganisationType.CIVIL_SOCIETY, HelixSector.CIVIL_SOCIETY, "Bänkföreningen"),
]

WORDS = [
    "trygg",
    "belysning",
    "cykelväg",
    "odling",
    "tak",
    "grönska",
    "mötesplats",
    "lekplats",
    "buss",
    "hållplats",
    "solceller",
    "dagvatten",
    "park",
    "torg",
    "bibliotek",
    "skola",
    "förskola",
    "äldreboende",
    "delningstjänst",
    "bilpool",
    "laddstolpe",
    "återbruk",
    "verkstad",
    "kvarter",
    "gata",
    "träd",
    "bänk",
    "sensor",
    "data",
    "energi",
    "värme",
    "kyla",
    "skugga",
    "gångstråk",
    "ungdomar",
    "föreningar",
    "företag",
    "forskning",
    "invånare",
    "hyresgäster",
    "nattljus",
    "skyltning",
    "tillgänglighet",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


@contextlib.contextmanager
def _keep_given_times(
    *models: type[Model], updated: tuple[type[Model], ...] = ()
) -> Iterator[None]:
    """Let bulk_create keep the spread-out times we give, instead of "now" for every row.

    ``created_at`` of ``models``, and ``updated_at`` too of those in ``updated``.
    """
    created: list[Any] = [model._meta.get_field("created_at") for model in models]
    changed: list[Any] = [model._meta.get_field("updated_at") for model in updated]
    for field in created:
        field.auto_now_add = False
    for field in changed:
        field.auto_now = False
    try:
        yield
    finally:
        for field in created:
            field.auto_now_add = True
        for field in changed:
            field.auto_now = True


class Command(BaseCommand):
    help = "Benchmark the innovation chain's pages at 5,000 and 50,000 ideas (PostgreSQL only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md")
        )
        parser.add_argument("--runs", type=int, default=RUNS)
        parser.add_argument(
            "--small",
            action="store_true",
            help="Tiny sizes and few runs, to try the script (writes nothing unless --output).",
        )
        parser.add_argument(
            "--measure-only",
            action="store_true",
            help="Time the pages on the data already in the database; fill and write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise SystemExit("The benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
        call_command("migrate", verbosity=0)
        runs = options["runs"]
        if options["measure_only"]:
            self._measure(runs)
            return
        load_regions_and_municipalities()
        load_goals_and_targets()
        load_vocabularies()
        self.rng = random.Random(2026)
        self._reset()
        self._base()
        steps = SMALL_STEPS if options["small"] else STEPS
        if options["small"] and runs == RUNS:
            runs = 5
        results: list[tuple[int, int, list[dict[str, Any]]]] = []
        self.loads: list[tuple[float, float]] = []
        for ideas, needs in steps:
            started = time.monotonic()
            self._fill(ideas=ideas, needs=needs)
            generation = time.monotonic() - started
            self.stdout.write(
                f"filled to {ideas} ideas, {needs} needs, {self.initiative_count} initiatives "
                f"in {generation:.0f} s"
            )
            # As autovacuum would soon after a bulk load; done here so that it does not start
            # in the middle of the timings.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            load_before = os.getloadavg()[0]
            rows = self._measure(runs)
            self.loads.append((load_before, os.getloadavg()[0]))
            results.append((ideas, needs, rows))
        if options["small"] and options["output"] == self._default_output():
            self.stdout.write("--small: docs/benchmarks.md left as it is")
            return
        self._write(Path(options["output"]), results)

    @staticmethod
    def _default_output() -> str:
        return str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md")

    # --- Data ----------------------------------------------------------------------------------

    def _reset(self) -> None:
        models: tuple[type[Model], ...] = (
            GateDecision,
            Initiative,
            Participant,
            Phase,
            Programme,
            Comment,
            Support,
            Idea,
            Challenge,
            Need,
            Project,
            Organisation,
            User,
        )
        tables = [model._meta.db_table for model in models]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")

    @transaction.atomic
    def _base(self) -> None:
        rng = self.rng
        self.municipalities = list(Municipality.objects.order_by("code"))
        self.dimensions = list(SustainabilityDimension.objects.all())
        self.targets = list(Target.objects.values_list("pk", flat=True))
        self.groups = list(StakeholderGroup.objects.values_list("pk", flat=True))
        self.users = User.objects.bulk_create(
            [
                User(email=f"bench{n}@bench.example", full_name=f"Bänkperson {n}", password="!")
                for n in range(USERS)
            ]
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"{m.name} kommun (bench)",
                    slug=f"bench-{m.code}",
                    type=OrganisationType.MUNICIPALITY,
                    helix_sector="public",
                    municipality=m,
                )
                for m in self.municipalities
            ]
        )
        self.organisation_of = {o.municipality_id: o for o in organisations}
        # Partners from the other three helix sectors, and municipalities working together.
        self.partners = [
            *Organisation.objects.bulk_create(
                [
                    Organisation(
                        name=f"{label} {n}",
                        slug=f"bench-partner-{kind}-{n}",
                        type=kind,
                        helix_sector=sector,
                    )
                    for kind, sector, label in PARTNERS
                    for n in range(10)
                ]
            ),
            *rng.sample(organisations, 40),
        ]
        self.projects = Project.objects.bulk_create(
            [
                Project(
                    name=f"Stadsutveckling {o.name}",
                    slug=f"bench-projekt-{o.slug}",
                    organisation=o,
                    municipality=o.municipality,
                    phase=ProjectPhase.PROGRAMME,
                    visibility=Visibility.PUBLIC,
                )
                for o in organisations
            ]
        )
        today = timezone.localdate()
        self.challenges = Challenge.objects.bulk_create(
            [
                Challenge(
                    project=p,
                    title=_text(self.rng, 4),
                    description=_text(self.rng, 30),
                    deadline=today + datetime.timedelta(days=self.rng.randint(-60, 120)),
                )
                for p in self.projects
                for _ in range(2)
            ]
        )
        self._programme(organisations)
        self.needs_of_project: dict[int, list[int]] = {}
        self.challenges_linked = False
        self.idea_count = 0
        self.need_count = 0
        self.initiative_count = 0

    def _programme(self, organisations: list[Organisation]) -> None:
        """A three-year programme like the demo's, with thirty municipalities and their projects."""
        rng = self.rng
        by_code = {m.code: m for m in self.municipalities}
        others = [m for m in self.municipalities if m.code not in PROGRAMME_CORE]
        chosen = [by_code[code] for code in PROGRAMME_CORE] + rng.sample(
            others, PROGRAMME_MUNICIPALITIES - len(PROGRAMME_CORE)
        )
        lead = self.organisation_of[chosen[0].pk]
        (programme,) = Programme.objects.bulk_create(
            [
                Programme(
                    name="Innovationsprogram för hållbar stadsutveckling (bänk)",
                    slug=PROGRAMME_SLUG,
                    organisation=lead,
                    summary=_text(rng, 20),
                    description=_text(rng, 80),
                    start_date=datetime.date(2026, 1, 1),
                    end_date=datetime.date(2028, 12, 31),
                    portfolio_due_on=datetime.date(2026, 6, 30),
                    visibility=Visibility.PUBLIC,
                )
            ]
        )
        programme.municipalities.add(*chosen)
        programme.projects.add(
            *[p for p in self.projects if p.municipality_id in {m.pk for m in chosen}]
        )
        Participant.objects.bulk_create(
            [Participant(programme=programme, organisation=lead, role=ParticipantRole.LEAD)]
            + [
                Participant(
                    programme=programme,
                    organisation=self.organisation_of[m.pk],
                    role=ParticipantRole.MUNICIPALITY,
                )
                for m in chosen[1:]
            ]
            + [
                Participant(programme=programme, organisation=o, role=ParticipantRole.PARTNER)
                for o in self.partners[:40:4]
            ]
        )
        Phase.objects.bulk_create(
            [
                Phase(
                    programme=programme,
                    name=name,
                    start_date=start,
                    end_date=end,
                    description=_text(rng, 20),
                )
                for name, start, end in [
                    ("Behov och portfölj", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
                    (
                        "Förstudier och piloter",
                        datetime.date(2026, 7, 1),
                        datetime.date(2027, 12, 31),
                    ),
                    ("Implementering", datetime.date(2028, 1, 1), datetime.date(2028, 10, 31)),
                    ("Överlämning", datetime.date(2028, 9, 1), datetime.date(2028, 12, 31)),
                ]
            ]
        )
        self.programme = programme
        self.programme_municipalities = {m.pk for m in chosen}

    def _fill(self, *, ideas: int, needs: int) -> None:
        rng = self.rng
        now = timezone.now()
        with _keep_given_times(Need):
            while self.need_count < needs:
                size = min(BATCH * 2, needs - self.need_count)
                rows = []
                for n in range(size):
                    project = rng.choice(self.projects)
                    rows.append(
                        Need(
                            project=project,
                            municipality_id=project.municipality_id,
                            title=_text(rng, 5),
                            description=_text(rng, 40),
                            visibility=Visibility.PUBLIC
                            if rng.random() < 0.9
                            else Visibility.PRIVATE,
                            is_hidden=rng.random() < 0.02,
                            author=rng.choice(self.users),
                            support_count=rng.randint(0, 10),
                            created_at=now - datetime.timedelta(minutes=self.need_count + n),
                        )
                    )
                with transaction.atomic():
                    created = Need.objects.bulk_create(rows, batch_size=BATCH)
                for need in created:
                    self.needs_of_project.setdefault(need.project_id, []).append(need.pk)
                self.need_count += size
        if not self.challenges_linked:
            # Each challenge answers two needs of its project, so that "what became of this
            # need" has challenges and ideas to follow.
            through = Challenge.needs.through
            through.objects.bulk_create(
                [
                    through(challenge_id=challenge.pk, need_id=need_id)
                    for challenge in self.challenges
                    for need_id in self.needs_of_project.get(challenge.project_id, [])[:2]
                ]
            )
            self.challenges_linked = True
        with _keep_given_times(Idea, Comment, Initiative, updated=(Initiative,)):
            while self.idea_count < ideas:
                size = min(BATCH, ideas - self.idea_count)
                with transaction.atomic():
                    created_ideas = self._idea_batch(size, now)
                    self._initiative_batch(created_ideas[::IDEAS_PER_INITIATIVE])
                self.idea_count += size

    def _idea_batch(self, size: int, now: datetime.datetime) -> list[Idea]:
        rng = self.rng
        plan = []
        for n in range(size):
            challenge = rng.choice(self.challenges) if rng.random() < 0.5 else None
            project = (
                challenge.project
                if challenge
                else (rng.choice(self.projects) if rng.random() < 0.3 else None)
            )
            municipality_id = (
                project.municipality_id if project else rng.choice(self.municipalities).pk
            )
            supporters = rng.sample(self.users, rng.randint(0, 10))
            comments = rng.randint(0, 6)
            idea = Idea(
                challenge=challenge,
                project=project,
                municipality_id=municipality_id,
                title=_text(rng, 5),
                summary=_text(rng, 15),
                description=_text(rng, 80),
                author=rng.choice(self.users),
                is_hidden=rng.random() < 0.01,
                support_count=len(supporters),
                comment_count=comments,
                created_at=now - datetime.timedelta(minutes=3 * (self.idea_count + n)),
            )
            plan.append((idea, supporters, comments))
        created = Idea.objects.bulk_create([idea for idea, _s, _c in plan], batch_size=BATCH)
        through = Idea.dimensions.through
        Idea.dimensions.through.objects.bulk_create(
            [
                through(idea_id=idea.pk, sustainabilitydimension_id=dimension.pk)
                for idea in created
                for dimension in rng.sample(self.dimensions, rng.randint(1, 2))
            ],
            batch_size=BATCH * 2,
        )
        Support.objects.bulk_create(
            [Support(idea=idea, user=user) for idea, supporters, _c in plan for user in supporters],
            batch_size=BATCH * 2,
        )
        tops = []
        replies: list[tuple[int, Idea, int]] = []
        for idea, _s, count in plan:
            top_level = max(1, count // 2) if count else 0
            for k in range(top_level):
                tops.append(
                    Comment(
                        idea=idea,
                        author=rng.choice(self.users),
                        text=_text(rng, 20),
                        created_at=idea.created_at + datetime.timedelta(minutes=k + 1),
                    )
                )
            replies.extend((len(tops) - top_level, idea, count - top_level) for _ in [0] if count)
        saved = Comment.objects.bulk_create(tops, batch_size=BATCH * 2)
        Comment.objects.bulk_create(
            [
                Comment(
                    idea=idea,
                    parent=saved[first],
                    author=rng.choice(self.users),
                    text=_text(rng, 12),
                    created_at=saved[first].created_at + datetime.timedelta(minutes=k + 1),
                )
                for first, idea, count in replies
                for k in range(count)
            ],
            batch_size=BATCH * 2,
        )
        return created

    def _initiative_batch(self, ideas: list[Idea]) -> None:
        """Initiatives taken forward from ``ideas``, with the gate decisions behind their stage."""
        rng = self.rng
        today = timezone.localdate()
        stages, shares = zip(*STAGE_SHARES, strict=True)
        planned: list[tuple[Initiative, list[tuple[str, str, str]]]] = []
        for idea in ideas:
            stage = rng.choices(stages, shares)[0]
            parked_from = ""
            if stage == Stage.STOPPED:
                furthest = rng.choice(PIPELINE[:4])
            elif stage == Stage.PARKED:
                parked_from = furthest = rng.choice(PIPELINE[:4])
            else:
                furthest = stage
            started = idea.created_at + datetime.timedelta(days=rng.randint(1, 30))
            initiative = Initiative(
                title=idea.title[:200],
                summary=idea.summary[:300],
                description=_text(rng, 40),
                idea=idea,
                programme=self.programme
                if idea.municipality_id in self.programme_municipalities
                else None,
                project_id=idea.project_id,
                municipality_id=idea.municipality_id,
                lead_organisation=self.organisation_of[idea.municipality_id],
                stage=stage,
                furthest_stage=furthest,
                parked_from_stage=parked_from,
                parked_reason=_text(rng, 12) if parked_from else "",
                next_gate_on=None
                if stage in (Stage.COMPLETED, Stage.STOPPED)
                else today + datetime.timedelta(days=rng.randint(-20, 120)),
                risk=rng.choice(Level.values),
                expected_effect=rng.choice(Level.values),
                budget_sek=rng.randrange(50_000, 5_000_000, 10_000),
                visibility=Visibility.PUBLIC if rng.random() < 0.95 else Visibility.MEMBERS,
                created_by=rng.choice(self.users),
                created_at=started,
                updated_at=started + datetime.timedelta(days=rng.randint(0, 200)),
            )
            # The gates it passed: go at each step up to the furthest stage, with now and then
            # a rework first, then the stop or the hold that took it off the pipeline.
            gates: list[tuple[str, str, str]] = []
            for position in range(PIPELINE.index(Stage(furthest))):
                if rng.random() < 0.1:
                    gates.append((Decision.REWORK, PIPELINE[position], PIPELINE[position]))
                gates.append((Decision.GO, PIPELINE[position], PIPELINE[position + 1]))
            if stage == Stage.STOPPED:
                gates.append((Decision.STOP, furthest, Stage.STOPPED))
            elif stage == Stage.PARKED:
                gates.append((Decision.HOLD, parked_from, Stage.PARKED))
            planned.append((initiative, gates))
        created = Initiative.objects.bulk_create([i for i, _g in planned], batch_size=BATCH)
        self.initiative_count += len(created)

        def links(model: Any, column: str, choose: Any) -> None:
            model.objects.bulk_create(
                [
                    model(initiative_id=initiative.pk, **{column: value})
                    for initiative in created
                    for value in choose(initiative)
                ],
                batch_size=BATCH * 2,
            )

        links(
            Initiative.partners.through,
            "organisation_id",
            lambda i: {p.pk for p in rng.sample(self.partners, rng.randint(1, 3))},
        )
        links(
            Initiative.dimensions.through,
            "sustainabilitydimension_id",
            lambda i: [d.pk for d in rng.sample(self.dimensions, rng.randint(1, 2))],
        )
        links(
            Initiative.sdg_targets.through,
            "target_id",
            lambda i: rng.sample(self.targets, rng.randint(1, 3)),
        )
        links(
            Initiative.stakeholder_groups.through,
            "stakeholdergroup_id",
            lambda i: rng.sample(self.groups, rng.randint(0, min(2, len(self.groups)))),
        )
        links(
            Initiative.needs.through,
            "need_id",
            lambda i: rng.sample(
                self.needs_of_project.get(i.project_id, []),
                min(rng.randint(0, 3), len(self.needs_of_project.get(i.project_id, []))),
            ),
        )
        GateDecision.objects.bulk_create(
            [
                GateDecision(
                    initiative=initiative,
                    decision=decision,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    rationale=_text(rng, 25),
                    decided_by=rng.choice(self.users),
                    decided_at=initiative.created_at + datetime.timedelta(days=20 * (k + 1)),
                    board_reference=f"KS {2026 + k % 3}/{rng.randint(1, 999)}"
                    if rng.random() < 0.3
                    else "",
                )
                for initiative, (_i, gates) in zip(created, planned, strict=True)
                for k, (decision, from_stage, to_stage) in enumerate(gates)
            ],
            batch_size=BATCH * 2,
        )

    # --- Measurement -----------------------------------------------------------------------------

    def _urls(self) -> list[tuple[str, str | None]]:
        """(label, URL) of every timed page; the URL is None where the page does not exist."""
        # An idea in a challenge, so that the detail page runs the same queries at both sizes
        # (a stand-alone idea skips the challenge's needs and project).
        busy = (
            Idea.objects.filter(is_hidden=False, comment_count=6, challenge__isnull=False)
            .order_by("-support_count")
            .first()
        )
        # A need a challenge answers: its page follows it to the challenge's ideas and initiatives.
        need = (
            Need.objects.filter(
                visibility=Visibility.PUBLIC, is_hidden=False, challenges__isnull=False
            )
            .order_by("pk")
            .first()
        )
        challenge = Challenge.objects.order_by("pk").first()
        assert busy is not None and challenge is not None
        # A public initiative of the programme far along the pipeline, with needs.
        initiative = (
            Initiative.objects.filter(
                visibility=Visibility.PUBLIC,
                programme__isnull=False,
                stage__in=[Stage.PILOT, Stage.IMPLEMENTATION, Stage.SCALING],
            )
            .filter(needs__isnull=False)
            .order_by("pk")
            .first()
        )
        if not getattr(self, "municipality_code", ""):
            # Chosen once, at the first size: a municipality of the programme whose portfolio
            # has a parked initiative, so that both of its lists have rows at both sizes.
            parked = (
                Initiative.objects.filter(
                    programme__isnull=False, stage=Stage.PARKED, visibility=Visibility.PUBLIC
                )
                .values("municipality__code")
                .annotate(n=Count("pk"))
                .order_by("-n", "municipality__code")
                .first()
            )
            self.municipality_code = parked["municipality__code"] if parked else PROGRAMME_CORE[0]
        with translation.override("sv"):

            def page(name: str, **kwargs: Any) -> str | None:
                try:
                    return reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    return None

            return [
                ("need list", "/sv/behov/"),
                (
                    "need detail (with challenges, ideas and initiatives)",
                    f"/sv/behov/{need.pk}/" if need else None,
                ),
                ("need search", "/sv/behov/?q=belysning"),
                ("idea list, first page", "/sv/ideer/"),
                (
                    "idea list, filtered and sorted, page 5",
                    "/sv/ideer/?dimension=social&sort=supported&page=5",
                ),
                ("idea list, most supported", "/sv/ideer/?sort=supported"),
                ("idea list, most commented", "/sv/ideer/?sort=commented"),
                ("idea search", "/sv/ideer/?q=belysning"),
                ("idea detail (6 comments)", f"/sv/ideer/{busy.pk}/"),
                ("challenge page", f"/sv/ideer/utmaningar/{challenge.pk}/"),
                ("portfolio overview", page("portfolio:index")),
                (
                    "programme portfolio",
                    page("portfolio:programme_portfolio", slug=PROGRAMME_SLUG),
                ),
                (
                    "municipality portfolio",
                    page("portfolio:municipality_portfolio", code=self.municipality_code),
                ),
                ("initiative list", page("portfolio:initiative_list")),
                (
                    "initiative detail",
                    page("portfolio:initiative_detail", pk=initiative.pk) if initiative else None,
                ),
                ("API ideas list", "/api/v1/ideas/"),
                (
                    "API ideas, most supported page 10",
                    "/api/v1/ideas/?ordering=-support_count&page=10",
                ),
                ("API challenges list", "/api/v1/challenges/"),
                ("API needs list", "/api/v1/needs/"),
                ("API initiatives list", page("api:initiative-list")),
                (
                    "API programme portfolio",
                    page("api:programme-portfolio", slug=PROGRAMME_SLUG),
                ),
            ]

    def _measure(self, runs: int) -> list[dict[str, Any]]:
        """Median and p95 of ``runs`` timings and the query count of every page.

        The pages are timed in rounds (each page once per round) rather than one page ``runs``
        times in a row: the machine is shared, and a burst of other work then slows every page
        a little instead of one page a lot.
        """
        rows: list[dict[str, Any]] = []
        with override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []},
        ):
            client = Client()
            # Django empties the query log when a request starts, and with CONN_MAX_AGE=0 it
            # reconnects for every request; production keeps connections open, so do we.
            request_started.disconnect(reset_queries)
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
            logging.getLogger("samskapa.request").setLevel(logging.WARNING)
            timed: list[dict[str, Any]] = []
            for label, url in self._urls():
                row: dict[str, Any] = {"label": label, "url": url or ""}
                rows.append(row)
                problem = self._warm_up(client, url)
                if problem:
                    row["missing"] = problem
                    self.stdout.write(f"{label:45} {problem}")
                    continue
                executed: list[str] = []

                def count(execute: Any, sql: str, *args: Any) -> Any:
                    executed.append(sql)  # noqa: B023 - used within this iteration
                    return execute(sql, *args)

                with connection.execute_wrapper(count):
                    client.get(row["url"])
                row.update(queries=len(executed), times=[])
                timed.append(row)
            for _ in range(runs):
                for row in timed:
                    started = time.perf_counter()
                    client.get(row["url"])
                    row["times"].append((time.perf_counter() - started) * 1000)
            for row in timed:
                row["median"] = statistics.median(row["times"])
                row["p95"] = statistics.quantiles(row["times"], n=20)[18]
                self.stdout.write(
                    f"{row['label']:45} median {row['median']:6.1f} ms  "
                    f"p95 {row['p95']:6.1f} ms  {row['queries']} queries"
                )
        return rows

    def _warm_up(self, client: Client, url: str | None) -> str:
        """Request ``url`` a few times; what is wrong with it, or "" if it answers 200."""
        if url is None:
            return "not built yet"
        for _ in range(WARM_UP):
            try:
                response = client.get(url)
            except Exception as error:
                return f"failed ({type(error).__name__})"
            if response.status_code != 200:
                return f"answered {response.status_code}"
        return ""

    def _write(self, path: Path, results: list[tuple[int, int, list[dict[str, Any]]]]) -> None:
        (small_ideas, small_needs, small), (big_ideas, big_needs, big) = results
        version = connection.cursor().connection.info.server_version // 10000
        loads = "; ".join(
            f"{ideas:,} ideas: {before:.1f} before, {after:.1f} after"
            for (ideas, _n, _r), (before, after) in zip(results, self.loads, strict=True)
        )
        lines = [
            "<!-- bench_chain:start -->",
            "## The innovation chain at scale (`bench/chain.py`)",
            "",
            "```",
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/samskapa_bench .venv/bin/python bench/chain.py",
            "```",
            "",
            f"Machine: {os.cpu_count()} cores, PostgreSQL {version} on the same machine; in-process "
            f"Django test client, {WARM_UP} warm-up requests per page, then "
            f"{len(self._times_of(big))} timed rounds in which every page is requested once; "
            "anonymous visitor, DEBUG off; `VACUUM ANALYZE` after each fill. Data: "
            "500 users, 290 municipalities (one project and two challenges each), ideas with 0-6 "
            "comments and 0-10 supporters, 1-2 sustainability dimensions; 1 % of ideas hidden, "
            "10 % of needs private; one initiative per ten ideas (1-3 partners from all four helix "
            "sectors, 1-2 dimensions, 1-3 SDG targets, 0-3 needs, stages spread over the pipeline "
            "with the gate decisions that led there), a programme of 30 municipalities and their "
            "projects.",
            f"Measured {timezone.localdate():%Y-%m-%d}; load average (1 min) while measuring: {loads}.",
            "",
            f"| page | queries at {small_ideas:,} ideas / {small_needs:,} needs | median / p95 ms | "
            f"queries at {big_ideas:,} ideas / {big_needs:,} needs | median / p95 ms |",
            "|---|---|---|---|---|",
        ]
        for one, two in zip(small, big, strict=True):
            url = f" (`{one['url'] or two['url']}`)" if one["url"] or two["url"] else ""
            lines.append(f"| {one['label']}{url} | {self._cells(one)} | {self._cells(two)} |")
        lines.append("<!-- bench_chain:end -->")
        section = "\n".join(lines) + "\n"
        text = path.read_text() if path.exists() else "# Benchmarks\n\n"
        if "<!-- bench_chain:start -->" in text:
            start = text.index("<!-- bench_chain:start -->")
            end = text.index("<!-- bench_chain:end -->") + len("<!-- bench_chain:end -->\n")
            text = text[:start] + section + text[end:]
        else:
            text = text.rstrip("\n") + "\n\n" + section
        path.write_text(text)
        self.stdout.write(f"wrote {path}")

    @staticmethod
    def _cells(row: dict[str, Any]) -> str:
        if row.get("missing"):
            return f"{row['missing']} | "
        return f"{row['queries']} | {row['median']:.1f} / {row['p95']:.1f}"

    @staticmethod
    def _times_of(rows: list[dict[str, Any]]) -> list[float]:
        return next((row["times"] for row in rows if "times" in row), [])
