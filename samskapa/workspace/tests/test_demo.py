"""Demo data for ``make run``: the actors of the seed texts, loaded without duplicates."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samskapa.accounts.demo import DEMO_PASSWORD
from samskapa.accounts.models import User
from samskapa.geo.models import Municipality, Region
from samskapa.organisations.models import Membership, Organisation, Unit
from samskapa.projects.models import Funding, Project, ProjectUnit
from samskapa.workspace.demo import load_demo_data

pytestmark = pytest.mark.usefixtures("reference_data")

MODELS = (Organisation, Unit, Project, ProjectUnit, Funding, Membership, User)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_changes_no_counts() -> None:
    first = load_demo_data()
    counts = _counts()

    second = load_demo_data()

    assert second == first
    assert _counts() == counts
    assert counts["Organisation"] >= 20
    assert counts["Project"] >= 10


def test_seed_actors_are_there() -> None:
    load_demo_data()

    gavle = Organisation.objects.get(name="Gävle kommun")
    assert gavle.org_number == "212000-2270"
    assert gavle.municipality.code == "2180"

    naringen = Project.objects.get(slug="naringen")
    assert naringen.name == "Näringen"
    assert naringen.organisation == gavle
    assert sorted(naringen.sdg_targets.values_list("code", flat=True)) == [
        "11.1",
        "11.3",
        "11.6",
        "11.7",
        "13.2",
    ]

    kiruna = Organisation.objects.get(slug="kiruna-kommun")
    unit_names = set(kiruna.units.values_list("name", flat=True))
    assert {
        "Kommunfullmäktige",
        "Samhällsbyggnadsförvaltningen",
        "Socialförvaltningen",
    } <= unit_names
    nya_kiruna = Project.objects.get(slug="nya-kiruna")
    assert nya_kiruna.unit_links.count() == len(unit_names)  # every administration and board

    grant = Funding.objects.get(reference_number="2017-04760")
    assert grant.amount_sek == Decimal("2467989")
    assert grant.funder == "Vinnova"
    assert grant.project.organisation.name == "Göteborgsregionen (GR)"


def test_demo_accounts_can_log_in_and_have_their_roles() -> None:
    load_demo_data()

    leader = User.objects.get(email="projektledare.gavle@samskapa.example")
    resident = User.objects.get(email="invanare@samskapa.example")
    naringen = Project.objects.get(slug="naringen")
    hidden = Project.objects.get(slug="kiruna-centrum-etapp-3-forstudie")

    assert leader.check_password(DEMO_PASSWORD)
    assert leader.has_perm("projects.change_project", naringen)
    assert not resident.has_perm("projects.change_project", naringen)
    assert not resident.has_perm("projects.view_project", hidden)
    assert User.objects.get(email="admin@samskapa.example").is_superuser


def test_command_refuses_without_debug_unless_forced() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert not Project.objects.exists()

    output = StringIO()
    call_command("load_demo_data", "--force", stdout=output)

    assert Project.objects.filter(slug="naringen").exists()
    assert "projektledare.gavle@samskapa.example" in output.getvalue()


def test_refuses_without_reference_data() -> None:
    Municipality.objects.all().delete()
    Region.objects.all().delete()

    with pytest.raises(RuntimeError, match="load_reference_data"):
        load_demo_data()


def test_printed_accounts_say_what_each_person_may_really_do() -> None:
    output = StringIO()
    call_command("load_demo_data", "--force", stdout=output)
    lines = {line.split()[0]: line for line in output.getvalue().splitlines() if "@" in line}

    company = lines["foretag@samskapa.example"].lower()
    assert "administrat" in company and "smartstad" in company
    leader = lines["projektledare.gavle@samskapa.example"].lower()
    assert "administrat" in leader and "gävle kommun" in leader
    assert "no memberships" in lines["invanare@samskapa.example"]
