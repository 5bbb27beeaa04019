"""Fill a PostgreSQL database with needs, ideas, comments and support, and time the pages.

Run through ``bench/chain.py`` (which points Django at a separate database). Two sizes: 5,000
ideas with 30,000 needs, then 50,000 ideas with 300,000 needs; the same URLs are timed at both
and the query counts compared. Results go to docs/benchmarks.md.
"""

import contextlib
import datetime
import logging
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
from django.db.models import Model
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from samskapa.accounts.models import User
from samskapa.core.models import SustainabilityDimension, Visibility
from samskapa.core.reference import load_vocabularies
from samskapa.geo.models import Municipality
from samskapa.geo.reference import load_regions_and_municipalities
from samskapa.ideas.models import Challenge, Comment, Idea, Support
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation, OrganisationType
from samskapa.projects.models import Project, ProjectPhase
from samskapa.sdg.reference import load_goals_and_targets

STEPS = [(5_000, 30_000), (50_000, 300_000)]
USERS = 500
BATCH = 5_000
RUNS = 30
WARM_UP = 5

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
def _keep_given_times(*models: type[Model]) -> Iterator[None]:
    """Let bulk_create keep the spread-out created_at we give, instead of "now" for every row."""
    fields: list[Any] = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


class Command(BaseCommand):
    help = "Benchmark the idea and need pages at 5,000 and 50,000 ideas (PostgreSQL only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md")
        )
        parser.add_argument("--runs", type=int, default=RUNS)
        parser.add_argument("--small", action="store_true", help="Tiny sizes, to try the script.")
        parser.add_argument(
            "--measure-only",
            action="store_true",
            help="Time the pages on the data already in the database; fill and write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise SystemExit("The benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
        call_command("migrate", verbosity=0)
        if options["measure_only"]:
            self._measure(options["runs"])
            return
        load_regions_and_municipalities()
        load_goals_and_targets()
        load_vocabularies()
        self.rng = random.Random(2026)
        self._reset()
        self._base()
        steps = [(500, 3_000), (2_000, 12_000)] if options["small"] else STEPS
        results: list[tuple[int, int, list[dict[str, Any]]]] = []
        for ideas, needs in steps:
            started = time.monotonic()
            self._fill(ideas=ideas, needs=needs)
            generation = time.monotonic() - started
            self.stdout.write(f"filled to {ideas} ideas, {needs} needs in {generation:.0f} s")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            results.append((ideas, needs, self._measure(options["runs"])))
        self._write(Path(options["output"]), results)

    # --- Data ----------------------------------------------------------------------------------

    def _reset(self) -> None:
        tables = [
            model._meta.db_table
            for model in (Comment, Support, Idea, Challenge, Need, Project, Organisation, User)
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")

    @transaction.atomic
    def _base(self) -> None:
        self.municipalities = list(Municipality.objects.order_by("code"))
        self.dimensions = list(SustainabilityDimension.objects.all())
        self.users = User.objects.bulk_create(
            [
                User(email=f"bench{n}@bench.example", full_name=f"Bänkperson {n}", password="!")  # noqa: S106 - unusable
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
        self.idea_count = 0
        self.need_count = 0

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
                    Need.objects.bulk_create(rows, batch_size=BATCH)
                self.need_count += size
        with _keep_given_times(Idea, Comment):
            while self.idea_count < ideas:
                size = min(BATCH, ideas - self.idea_count)
                with transaction.atomic():
                    self._idea_batch(size, now)
                self.idea_count += size

    def _idea_batch(self, size: int, now: datetime.datetime) -> None:
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

    # --- Measurement -----------------------------------------------------------------------------

    def _urls(self) -> list[tuple[str, str]]:
        # An idea in a challenge, so that the detail page runs the same queries at both sizes
        # (a stand-alone idea skips the challenge's needs and project).
        busy = (
            Idea.objects.filter(is_hidden=False, comment_count=6, challenge__isnull=False)
            .order_by("-support_count")
            .first()
        )
        need = (
            Need.objects.filter(visibility=Visibility.PUBLIC, is_hidden=False)
            .order_by("-id")
            .first()
        )
        challenge = Challenge.objects.order_by("pk").first()
        assert busy is not None and challenge is not None
        return [
            ("need list", "/sv/behov/"),
            ("need detail", f"/sv/behov/{need.pk}/" if need else "/sv/behov/0/"),
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
            ("API ideas list", "/api/v1/ideas/"),
            ("API ideas, most supported page 10", "/api/v1/ideas/?ordering=-support_count&page=10"),
            ("API challenges list", "/api/v1/challenges/"),
            ("API needs list", "/api/v1/needs/"),
        ]

    def _measure(self, runs: int) -> list[dict[str, Any]]:
        rows = []
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
            for label, url in self._urls():
                try:
                    resolve(url.split("?")[0])
                except Resolver404:
                    rows.append({"label": label, "url": url, "missing": True})
                    continue
                for _ in range(WARM_UP):
                    response = client.get(url)
                if response.status_code != 200:
                    rows.append(
                        {
                            "label": label,
                            "url": url,
                            "missing": True,
                            "status": response.status_code,
                        }
                    )
                    continue
                executed: list[str] = []

                def count(execute: Any, sql: str, *args: Any) -> Any:
                    executed.append(sql)  # noqa: B023 - used within this iteration
                    return execute(sql, *args)

                with connection.execute_wrapper(count):
                    client.get(url)
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                p95 = statistics.quantiles(times, n=20)[18]
                rows.append(
                    {
                        "label": label,
                        "url": url,
                        "median": statistics.median(times),
                        "p95": p95,
                        "queries": len(executed),
                    }
                )
                self.stdout.write(
                    f"{label:45} median {rows[-1]['median']:6.1f} ms  p95 {p95:6.1f} ms  {rows[-1]['queries']} queries"
                )
        return rows

    def _write(self, path: Path, results: list[tuple[int, int, list[dict[str, Any]]]]) -> None:
        (small_ideas, small_needs, small), (big_ideas, big_needs, big) = results
        lines = [
            "<!-- bench_chain:start -->",
            "## Ideas and needs at scale (`bench/chain.py`)",
            "",
            "```",
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/samskapa_bench .venv/bin/python bench/chain.py",
            "```",
            "",
            f"Machine: 2 cores, PostgreSQL {connection.cursor().connection.info.server_version // 10000}"
            f" on the same machine; in-process Django test client, {WARM_UP} warm-up requests then "
            "the timed ones, anonymous visitor, DEBUG off. Data: 500 users, 290 municipalities "
            "(one project and two challenges each), ideas with 0-6 comments and 0-10 supporters, "
            "1-2 sustainability dimensions; 1 % of ideas hidden, 10 % of needs private.",
            f"Measured {timezone.localdate():%Y-%m-%d}.",
            "",
            f"| page | queries at {small_ideas:,} ideas / {small_needs:,} needs | median / p95 ms | "
            f"queries at {big_ideas:,} ideas / {big_needs:,} needs | median / p95 ms |",
            "|---|---|---|---|---|",
        ]
        for one, two in zip(small, big, strict=True):
            if one.get("missing"):
                lines.append(f"| {one['label']} (`{one['url']}`) | not built yet | | | |")
                continue
            lines.append(
                f"| {one['label']} (`{one['url']}`) | {one['queries']} | {one['median']:.1f} / {one['p95']:.1f} "
                f"| {two['queries']} | {two['median']:.1f} / {two['p95']:.1f} |"
            )
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
