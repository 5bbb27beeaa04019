"""The SQLite path of ``make run``: migrate, reference data and demo data, run as a developer would.

Each step is its own ``manage.py`` process, as in the Makefile. Starting Django is most of the
cost, so the counts are read once, after the second demo load, and compared with what the demo
specification says should exist: any duplicate from the second load would show as a surplus.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samskapa.accounts import demo as accounts_demo
from samskapa.marketplace import demo as marketplace_demo
from samskapa.organisations import demo as organisations_demo
from samskapa.projects import demo as projects_demo

pytestmark = pytest.mark.sqlite

PROJECT_ROOT = Path(__file__).resolve().parents[3]

COUNTS = """
import json
from django.contrib.auth.models import AnonymousUser
from samskapa.accounts.models import User
from samskapa.geo.models import Municipality, Region
from samskapa.organisations.models import Membership, Organisation, Unit
from samskapa.projects.models import Funding, Project
from samskapa.projects.selectors import project_list
from samskapa.sdg.models import Goal, Target
models = (Region, Municipality, Goal, Target, Organisation, Unit, Project, Funding, Membership, User)
counts = {model.__name__: model.objects.count() for model in models}
found = project_list(user=AnonymousUser(), query="näringens").values_list("slug", flat=True)
counts["found"] = sorted(found)
print(json.dumps(counts))
"""


def _manage(*args: str, database: Path) -> str:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskapa.settings.local",
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _demo_summary(output: str) -> str:
    match = re.search(r"Demo data: .*", output)
    assert match, output
    return match.group(0)


def test_make_run_path_on_sqlite(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"

    _manage("migrate", "--noinput", database=database)
    reference = _manage("load_reference_data", database=database)
    first = _manage("load_demo_data", database=database)
    second = _manage("load_demo_data", database=database)
    counts = json.loads(_manage("shell", "--no-imports", "-c", COUNTS, database=database))

    assert "21 regions, 290 municipalities, 17 goals, 169 targets" in reference
    assert (counts["Region"], counts["Municipality"], counts["Goal"], counts["Target"]) == (
        21,
        290,
        17,
        169,
    )
    assert _demo_summary(second) == _demo_summary(first)
    platform_projects = len(projects_demo.PLATFORM_CITIES)
    # The marketplace's providers and the competence demo's university come on top.
    assert counts["Organisation"] == (
        len(organisations_demo.ORGANISATIONS) + len(marketplace_demo.PROVIDERS) + 1
    )
    assert counts["Unit"] == sum(len(units) for units in organisations_demo.UNITS.values())
    assert counts["Project"] == len(projects_demo.PROJECTS) + platform_projects
    assert counts["Funding"] == (
        sum(len(spec.get("funding", [])) for spec in projects_demo.PROJECTS) + platform_projects
    )
    # The domain apps' demos (marketplace, competences, events) add people and memberships of
    # their own on top of the chain's; loading twice added none (the summaries above agree).
    assert counts["Membership"] >= len(organisations_demo.MEMBERSHIPS) + len(
        projects_demo.MEMBERSHIPS
    )
    assert counts["User"] >= len(accounts_demo.USERS)
    # Swedish stemming without PostgreSQL: "näringens" finds Näringen, and only what is public.
    assert "naringen" in counts["found"]
    assert "kiruna-centrum-etapp-3-forstudie" not in counts["found"]
