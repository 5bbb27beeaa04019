"""Benchmark of competence matchmaking at 100,000 profiles and 10,000 needs (issue 11, item 6).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samskapa_bench_matchmaking \\
        .venv/bin/python bench/matchmaking.py

Creates the database if it is missing, migrates it, loads the reference data and the JobTech
taxonomy, fills it with COPY (people, profiles with competences from the taxonomy, needs with
requirements, and the matching keys the services would write), fills the stored match lists
of the open needs that have none (as ``refresh_match_lists --missing`` does, in ``--workers N``
processes, 2 by default; ``--fill-only`` stops there, ``--no-fill`` skips it and measures the
needs that have a list), then measures:

- top-20 explained matches for one need read from its stored list (median and p95 over many
  needs), and for a few needs whether they equal the exhaustive ranking (every profile sharing
  a key scored; ``--check N`` needs, 3 by default);
- the team builder among 10,000 candidates (gathering them and solving, and solving alone);
- top-20 needs for one profile (the reverse direction);
- profile save to match-ready: adding a competence to a profile (the service rewrites its keys
  in the same transaction) and the update of the stored lists it affects (the Celery task,
  run in this process), until every list it enters holds it.

Each timing is given as wall time and as CPU time (this process plus its PostgreSQL backend),
since the machine may be shared. Prints the results as a Markdown section for
docs/benchmarks.md. A filled database is reused.
"""

import io
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/samskapa_bench_matchmaking"
PROFILES = 100_000
NEEDS = 10_000
PROJECTS = 100
RUNS = 60
WARM_UP = 5
SEED = 11
WORDS = [
    "hållbar",
    "stadsutveckling",
    "medborgardialog",
    "kulturmiljö",
    "planering",
    "social",
    "ekologisk",
    "ekonomisk",
    "innovation",
    "samverkan",
    "boende",
    "trygghet",
    "grönytor",
    "energi",
    "mobilitet",
    "bostäder",
    "näringsliv",
    "föreningsliv",
    "ungdomar",
    "delaktighet",
    "klimat",
    "dagvatten",
    "kulturarv",
    "digitalisering",
    "analys",
]


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _ids(table: str, after: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id > %s ORDER BY id", [after])
        return [row[0] for row in cursor.fetchall()]


def _max_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
        return int(cursor.fetchone()[0])


def fill() -> None:
    from django.db import transaction
    from django.utils import timezone

    from samskapa.competences import matching
    from samskapa.competences.models import CompetenceNeed, Concept, Requirement
    from samskapa.core.models import SustainabilityDimension
    from samskapa.geo.models import Municipality
    from samskapa.organisations.models import Organisation, OrganisationType
    from samskapa.projects.models import Project, ProjectPhase

    rng = random.Random(SEED)
    now = timezone.now()
    concepts = list(
        Concept.objects.exclude(kind="group").values_list("pk", "jobtech_id", "ssyk_code", "label")
    )
    occupations = [c for c in concepts if c[2]]
    by_pk = {c[0]: c for c in concepts}
    dimensions = list(SustainabilityDimension.objects.values_list("pk", flat=True))
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    sectors = ["public", "business", "academia", "civil_society"]
    started = time.perf_counter()
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name="Benchkommun",
            slug="benchkommun",
            type=OrganisationType.MUNICIPALITY,
            helix_sector="public",
            municipality_id=municipalities[0],
        )
        projects = Project.objects.bulk_create(
            Project(
                name=f"Projekt {i}",
                slug=f"bench-projekt-{i}",
                organisation=organisation,
                municipality_id=municipalities[i % len(municipalities)],
                phase=ProjectPhase.PROGRAMME,
            )
            for i in range(PROJECTS)
        )
        before = _max_id("accounts_user")
        _copy(
            "accounts_user",
            [
                "password",
                "is_superuser",
                "email",
                "full_name",
                "language",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            [
                ("!", False, f"bench{i}@example.org", f"Person {i}", "sv", False, True, now)
                for i in range(PROFILES)
            ],
        )
        users = _ids("accounts_user", before)
        profile_concepts: list[list[int]] = []
        rows = []
        for i, user_id in enumerate(users):
            chosen = [rng.choice(occupations)[0] for _ in range(rng.randint(2, 4))]
            chosen += [rng.choice(concepts)[0] for _ in range(rng.randint(0, 3))]
            chosen = list(dict.fromkeys(chosen))
            profile_concepts.append(chosen)
            title = f"{by_pk[chosen[0]][3]} med erfarenhet av {rng.choice(WORDS)}"
            offers = " ".join(rng.sample(WORDS, 6))
            rows.append(
                (
                    user_id,
                    title,
                    offers,
                    "",
                    "",
                    rng.choice(sectors),
                    rng.random() < 0.2,
                    "[]",
                    rng.choice([10, 20, 50, 100]),
                    f"bench{i}@example.org",
                    "",
                    True,
                    now,
                    now,
                )
            )
        before = _max_id("competences_profile")
        _copy(
            "competences_profile",
            [
                "user_id",
                "title",
                "offers",
                "seeks",
                "other_competences",
                "helix_sector",
                "whole_country",
                "languages",
                "share_of_time",
                "contact_email",
                "contact_phone",
                "is_published",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        profiles = _ids("competences_profile", before)
        _copy(
            "competences_profile_competences",
            ["profile_id", "concept_id"],
            [(p, c) for p, chosen in zip(profiles, profile_concepts, strict=True) for c in chosen],
        )
        _copy(
            "competences_profile_dimensions",
            ["profile_id", "sustainabilitydimension_id"],
            [(p, d) for p in profiles for d in rng.sample(dimensions, rng.randint(1, 2))],
        )
        _copy(
            "competences_profile_municipalities",
            ["profile_id", "municipality_id"],
            [(p, m) for p in profiles for m in rng.sample(municipalities, rng.randint(1, 2))],
        )
        key_rows = []
        for profile_id, row, chosen in zip(profiles, rows, profile_concepts, strict=True):
            keys = {k for c in chosen for k in _concept_keys(by_pk[c])}
            keys |= {f"t:{w}" for w in dict.fromkeys(matching.stems(f"{row[1]} {row[2]}"))}
            key_rows += [(profile_id, key) for key in keys]
        _copy("competences_profilekey", ["profile_id", "key"], key_rows)
        _fill_facts()
        print(
            f"{len(profiles)} profiles, {len(key_rows)} profile keys "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )

        needs = CompetenceNeed.objects.bulk_create(
            CompetenceNeed(
                title=f"Behov av {by_pk[rng.choice(occupations)[0]][3].lower()}",
                description=" ".join(rng.sample(WORDS, 8)),
                project=projects[i % PROJECTS],
                municipality_id=rng.choice(municipalities),
                share_of_time=rng.choice([None, 20, 50]),
            )
            for i in range(NEEDS)
        )
        requirements = []
        for need in needs:
            for concept in {rng.choice(occupations)[0] for _ in range(rng.randint(2, 5))}:
                requirements.append(
                    Requirement(
                        need=need,
                        kind="competence",
                        concept_id=concept,
                        importance=rng.choice(["must", "nice"]),
                    )
                )
            requirements.append(
                Requirement(
                    need=need,
                    kind="dimension",
                    dimension_id=rng.choice(dimensions),
                    importance="must",
                )
            )
            requirements.append(
                Requirement(need=need, kind="sector", sector=rng.choice(sectors), importance="nice")
            )
        Requirement.objects.bulk_create(requirements, batch_size=5000)
        by_need: dict[int, list[Requirement]] = {}
        for requirement in Requirement.objects.select_related("concept").order_by("pk"):
            by_need.setdefault(requirement.need_id, []).append(requirement)
        need_rows = []
        for need in needs:
            need_rows += [
                (k.need_id, k.item, k.key, k.weight)
                for k in matching.need_key_rows(need, by_need[need.pk])
            ]
        _copy("competences_needkey", ["need_id", "item", "key", "weight"], need_rows)
        _fill_headroom()
    with transaction.get_connection().cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{len(needs)} needs, {len(need_rows)} need keys "
        f"({time.perf_counter() - started:.0f} s in all)",
        flush=True,
    )


_FACTS = """
INSERT INTO competences_profilefacts (profile_id, helix_sector, whole_country, share_of_time, tokens)
SELECT p.id, p.helix_sector, p.whole_country, p.share_of_time, ' ' || concat_ws(' ',
    (SELECT string_agg(k.key, ' ') FROM competences_profilekey k
     WHERE k.profile_id = p.id AND k.key LIKE 't:%%'),
    (SELECT string_agg('d:' || d.sustainabilitydimension_id, ' ')
     FROM competences_profile_dimensions d WHERE d.profile_id = p.id),
    (SELECT string_agg('k:' || m.municipality_id, ' ')
     FROM competences_profile_municipalities m WHERE m.profile_id = p.id),
    (SELECT string_agg(DISTINCT 'n:' || g.region_id, ' ')
     FROM competences_profile_municipalities m JOIN geo_municipality g ON g.id = m.municipality_id
     WHERE m.profile_id = p.id),
    (SELECT string_agg('r:' || r.region_id, ' ')
     FROM competences_profile_regions r WHERE r.profile_id = p.id)
) || ' '
FROM competences_profile p WHERE p.is_published
ON CONFLICT (profile_id) DO NOTHING
"""


def _fill_facts() -> None:
    """The profiles' ``ProfileFacts`` rows, as ``profile_keys_refresh`` writes them (the word
    stems are the profile's ``t:`` keys), in one statement."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_FACTS)


def _fill_headroom() -> None:
    """Each need's ``match_headroom``, as ``need_keys_refresh`` writes it."""
    from samskapa.competences import matching
    from samskapa.competences.models import CompetenceNeed

    needs = list(CompetenceNeed.objects.prefetch_related("requirements"))
    for need in needs:
        parts = matching.applicable_parts(need, list(need.requirements.all()))
        need.match_headroom = matching.availability_headroom(parts)
    CompetenceNeed.objects.bulk_update(needs, ["match_headroom"], batch_size=2000)


def _fill_lists_part(part: int, parts: int) -> tuple[int, float]:
    """Fill the stored match lists of every ``parts``-th open need lacking one (a process)."""
    import django
    from django.db import connection

    django.setup()
    connection.close()
    from samskapa.competences import match_lists
    from samskapa.competences.models import CompetenceNeed

    started = time.process_time()
    ids = CompetenceNeed.objects.filter(is_open=True, match_list__isnull=True).order_by("pk")
    count = 0
    for need_id in list(ids.values_list("pk", flat=True))[part::parts]:
        count += match_lists.need_list_refresh(need_id=need_id) is not None
    return count, time.process_time() - started


def fill_lists(workers: int) -> str:
    """The stored match lists of every open need, as ``refresh_match_lists`` fills them, in
    ``workers`` processes; returns a note of how long it took."""
    import multiprocessing

    from django.db import connection

    connection.close()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        done = pool.starmap(_fill_lists_part, [(i, workers) for i in range(workers)])
    wall = time.perf_counter() - started
    count = sum(n for n, _cpu in done)
    return (
        f"Filling the stored lists of {count:,} needs: {wall:,.0f} s wall in {workers} "
        f"processes ({sum(cpu for _n, cpu in done):,.0f} s CPU of the Python processes)."
    )


def _concept_keys(concept: tuple) -> list[str]:
    _pk, jobtech_id, ssyk, _label = concept
    keys = [f"c:{jobtech_id}"]
    if ssyk:
        keys += [f"g:{ssyk}", f"m:{ssyk[:3]}"]
    return keys


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


class _Clock:
    """Wall time, and the CPU time of this process plus that of its PostgreSQL backend (read
    from /proc when the server runs on the same machine): on a shared machine the CPU time
    says what a request costs, the wall time also what it waited for."""

    def __init__(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
        self.ticks = os.sysconf("SC_CLK_TCK")

    def _server(self) -> float | None:
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / self.ticks

    def __enter__(self) -> "_Clock":
        self.started, self.cpu, self.server = (
            time.perf_counter(),
            time.process_time(),
            self._server(),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.started
        server = self._server()
        self.cpu_used = time.process_time() - self.cpu
        if server is not None and self.server is not None:
            self.cpu_used += server - self.server


def _row(what: str, walls: list[float], cpus: list[float], digits: int = 0) -> str:
    median, p95 = _ms(walls)
    cpu_median, cpu_p95 = _ms(cpus)
    return (
        f"| {what} | {median:,.{digits}f} ms | {p95:,.{digits}f} ms "
        f"| {cpu_median:,.{digits}f} ms | {cpu_p95:,.{digits}f} ms |"
    )


def measure(check: int) -> list[str]:
    from django.conf import settings

    from samskapa.accounts.models import User
    from samskapa.competences import matching, services
    from samskapa.competences.models import CompetenceNeed, Concept, MatchList, Profile, StoredMatch
    from samskapa.competences.selectors import (
        competence_needs_visible_to,
        matchable_profiles,
        team_universe,
    )
    from samskapa.competences.teams import COVERS_AT, Candidate, build_team

    assert settings.CELERY_TASK_ALWAYS_EAGER, "the list updates must run in this process"
    rng = random.Random(SEED + 1)
    reader = User.objects.filter(email__startswith="bench").order_by("pk").first()
    assert reader is not None
    need_ids = list(CompetenceNeed.objects.values_list("pk", flat=True))
    listed = sorted(MatchList.objects.values_list("need_id", flat=True))
    profiles = matchable_profiles(user=reader)
    clock = _Clock()
    lines, notes = [], []

    walls, cpus = [], []
    stored = 0
    for i, pk in enumerate(rng.sample(listed, RUNS + WARM_UP)):
        need = CompetenceNeed.objects.get(pk=pk)
        with clock:
            matches = matching.profiles_for_need(need=need, profiles=profiles, limit=20)
        assert len(matches) == 20
        if i >= WARM_UP:
            walls.append(clock.wall)
            cpus.append(clock.cpu_used)
            stored += matching.last_search.stored
    lines.append(
        _row(f"top-20 explained matches for one need, stored list ({RUNS} needs)", walls, cpus)
    )
    notes.append(
        f"Top-20: {stored} of {RUNS} read from the need's stored list ({len(listed):,} of "
        f"{len(need_ids):,} needs had one)."
    )

    agree = 0
    for pk in rng.sample(listed, check):
        context = matching.NeedContext.of(matching.need_queryset().get(pk=pk))
        today = datetime_today()
        context, fast = matching.ranked_profiles(
            need=context.need, profiles=profiles, limit=20, today=today
        )
        assert matching.last_search.stored
        slow = matching.exhaustive_profiles(
            context=context, profiles=profiles, limit=20, today=today
        )
        same = [(r.pk, r.score) for r in fast] == [(r.pk, r.score) for r in slow]
        agree += same
        notes.append(f"Need {pk}: the top 20 equal the exhaustive ranking: {same}.")

    walls, cpus, solving = [], [], []
    for pk in rng.sample(need_ids, 5):
        need = CompetenceNeed.objects.get(pk=pk)
        with clock:
            context, ranked = matching.ranked_profiles(
                need=need, profiles=profiles, limit=10_000, today=datetime_today()
            )
            universe, _labels = team_universe(context.need)
            candidates = []
            for result in ranked:
                assert result.facts is not None
                covers = {
                    f"r{r.pk}"
                    for r in context.competences
                    if matching._similarity(context, r, result.hits)[1] >= COVERS_AT
                }
                covers |= {f"d:{d}" for d in result.facts.dimensions}
                covers.add(f"s:{result.facts.helix_sector}")
                candidates.append(
                    Candidate(pk=result.pk, covers=frozenset(covers), score=result.score)
                )
            solving_started = time.perf_counter()
            team = build_team(universe=universe, candidates=candidates, min_size=3, max_size=6)
        walls.append(clock.wall)
        cpus.append(clock.cpu_used)
        solving.append(time.perf_counter() - solving_started)
        notes.append(
            f"Team builder, need {pk}: {len(candidates)} candidates, team of "
            f"{len(team.members)} ({team.method}), {len(team.uncoverable)} uncoverable, "
            f"{len(team.left_uncovered)} left."
        )
    lines.append(
        _row(
            "team builder among the 10,000 best candidates, gathered and solved (5 needs)",
            walls,
            cpus,
        )
    )
    median, p95 = _ms(solving)
    lines.append(
        f"| team builder among 10,000 candidates, greedy cover alone | {median:.1f} ms "
        f"| {p95:.1f} ms | | |"
    )

    walls, cpus = [], []
    profile_ids = list(Profile.objects.values_list("pk", flat=True))
    for i, pk in enumerate(rng.sample(profile_ids, 20 + WARM_UP)):
        profile = Profile.objects.select_related("user").get(pk=pk)
        with clock:
            matching.needs_for_profile(
                profile=profile, needs=competence_needs_visible_to(user=profile.user), limit=20
            )
        if i >= WARM_UP:
            walls.append(clock.wall)
            cpus.append(clock.cpu_used)
    lines.append(_row("top-20 needs for one profile (20 profiles)", walls, cpus))

    walls, cpus, entered = [], [], []
    target = CompetenceNeed.objects.get(pk=listed[0])
    required = target.requirements.filter(kind="competence").first()
    assert required is not None and required.concept is not None
    sample = Profile.objects.exclude(competences=required.concept).order_by("pk")[:20]
    for profile in sample:
        with clock:
            services.profile_competence_add(
                actor=profile.user,
                profile=profile,
                concept=Concept.objects.get(pk=required.concept_id),
            )
        walls.append(clock.wall)
        cpus.append(clock.cpu_used)
        assert profile.keys.filter(key=f"c:{required.concept.jobtech_id}").exists()
        entered.append(StoredMatch.objects.filter(profile=profile).count())
    lines.append(
        _row(
            "profile save to match-ready (add a competence, 20 saves; the save and the update "
            "of the stored lists it affects)",
            walls,
            cpus,
        )
    )
    notes.append(
        f"Save to match-ready: the saved profile is then in {statistics.median(entered):.0f} "
        f"stored lists (median; max {max(entered)})."
    )
    notes.append(f"{agree} of {check} sampled needs: top 20 equal to the exhaustive ranking.")
    return [*lines, "", *notes]


def datetime_today():
    import datetime

    return datetime.date.today()


def main() -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench/matchmaking.py needs a PostgreSQL DATABASE_URL.")
    _create_database(url)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskapa.settings.local")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    from samskapa.competences.models import CompetenceNeed, Profile, ProfileFacts
    from samskapa.competences.reference import load_taxonomy

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    load_taxonomy()
    if Profile.objects.count() < PROFILES:
        fill()
    if not ProfileFacts.objects.exists():  # a database filled before the facts existed
        _fill_facts()
    if CompetenceNeed.objects.filter(match_headroom=100).exists():
        _fill_headroom()
    check = int(sys.argv[sys.argv.index("--check") + 1]) if "--check" in sys.argv else 3
    workers = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else 2
    missing = CompetenceNeed.objects.filter(is_open=True, match_list__isnull=True)
    if "--no-fill" not in sys.argv and missing.exists():
        print(fill_lists(workers), flush=True)
    if "--fill-only" in sys.argv:
        return
    lines = measure(check)
    print("\n| what | wall median | wall p95 | CPU median | CPU p95 |\n|---|---|---|---|---|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
