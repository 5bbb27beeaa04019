"""Demo indicators for Gävle, Härryda and Kiruna, with several years of made-up values.

Every indicator here is marked as demo values (``is_demo``): the figures are invented to show
the platform, not taken from Kolada or any statistics. Where a real Kolada key figure fits, its
real id is used (N01951 is Kolada's "Invånare totalt, antal"); the values are still invented.
Loaded by ``workspace.demo.load_demo_data`` after the portfolio demo; idempotent (each
indicator is found by organisation and name first).
"""

from decimal import Decimal

from django.db import transaction

from samskapa.accounts.models import User
from samskapa.core.history import save_with_history
from samskapa.indicators.models import (
    Direction,
    Evaluation,
    Gender,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Measurement,
    Source,
)
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative
from samskapa.programmes.models import Milestone, Programme
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

LEADER = "projektledare.gavle@samskapa.example"
PROGRAMME = "innovationsprogram-2026-2028"

# (organisation, project, municipality, name, kind, kolada id, unit, direction, baseline
#  (year, value), targets {year: value}, values {year: value}, SDG targets, method)
DEMO: list[dict[str, object]] = [
    {
        "organisation": "gavle-kommun",
        "project": "naringen",
        "municipality": "2180",
        "name": "Andel resor till fots, med cykel eller kollektivtrafik i Näringen",
        "unit": "%",
        "direction": Direction.HIGHER,
        "baseline": (2020, "38"),
        "targets": {2026: "48", 2030: "60"},
        "values": {2020: "38", 2021: "39.5", 2022: "41", 2023: "42", 2024: "44", 2025: "45"},
        "sdg": ["11.2", "3.6"],
        "method": "Resvaneundersökning bland boende och arbetande i stadsdelen varje höst.",
    },
    {
        "organisation": "gavle-kommun",
        "project": "naringen",
        "municipality": "2180",
        "name": "Invånare som deltagit i dialog om Näringen",
        "unit": "antal",
        "direction": Direction.HIGHER,
        "baseline": (2021, "120"),
        "targets": {2025: "600", 2028: "1000"},
        "values": {2021: "120", 2022: "210", 2023: "260", 2024: "310", 2025: "340"},
        "sdg": ["11.3", "16.7"],
        "method": "Räknas från anmälningar till workshoppar, enkätsvar och medborgardialoger.",
    },
    {
        "organisation": "gavle-kommun",
        "project": None,
        "municipality": "2180",
        "name": "Invånare totalt, antal (Gävle)",
        "kind": IndicatorKind.KOLADA,
        "kolada_id": "N01951",
        "unit": "antal",
        "direction": Direction.HIGHER,
        "baseline": None,
        "targets": {2030: "108000"},
        "values": {2020: "102600", 2021: "103100", 2022: "103500", 2023: "103900", 2024: "104300"},
        "sdg": ["11.1"],
        "method": "Kolada, nyckeltal N01951. Värdena här är påhittade demovärden.",
    },
    {
        "organisation": "harryda-kommun",
        "project": "landvetter-sodra-etapp-1",
        "municipality": "1401",
        "name": "Andel nya bostäder med förnybar energi i Landvetter Södra",
        "unit": "%",
        "direction": Direction.HIGHER,
        "baseline": (2021, "20"),
        "targets": {2025: "60", 2030: "100"},
        "values": {2021: "20", 2022: "35", 2023: "52", 2024: "63", 2025: "71"},
        "sdg": ["7.2", "11.6"],
        "method": "Bygglov och energideklarationer för nya bostäder i etapp 1.",
    },
    {
        "organisation": "harryda-kommun",
        "project": "landvetter-sodra-etapp-1",
        "municipality": "1401",
        "name": "Hårdgjord yta per ny bostad i Landvetter Södra",
        "unit": "m²",
        "direction": Direction.LOWER,
        "baseline": (2021, "95"),
        "targets": {2030: "60"},
        "values": {2021: "95", 2022: "93", 2023: "92", 2024: "91", 2025: "90"},
        "sdg": ["11.7", "15.1"],
        "method": "Beräknas ur detaljplaner och bygglov.",
    },
    {
        "organisation": "kiruna-kommun",
        "project": "nya-kiruna",
        "municipality": "2584",
        "name": "Förvaltningar som deltar i planeringen av nya Kiruna",
        "unit": "antal",
        "direction": Direction.HIGHER,
        "baseline": (2020, "3"),
        "targets": {2024: "8", 2026: "10"},
        "values": {2020: "3", 2021: "5", 2022: "6", 2023: "8", 2024: "9", 2025: "10"},
        "sdg": ["16.7", "17.17"],
        "method": "Förvaltningar med utsedd representant i planeringsgruppen.",
    },
]


def _indicator(spec: dict[str, object], actor: User | None) -> Indicator | None:
    organisation = Organisation.objects.filter(slug=spec["organisation"]).first()
    if organisation is None:
        return None
    project = Project.objects.filter(slug=spec["project"]).first() if spec["project"] else None
    existing = Indicator.objects.filter(organisation=organisation, name=spec["name"]).first()
    if existing is not None:
        return existing
    baseline = spec["baseline"]
    indicator = Indicator(
        organisation=organisation,
        project=project,
        municipality=organisation.municipality,
        name=str(spec["name"]),
        kind=str(spec.get("kind", IndicatorKind.OWN)),
        kolada_id=str(spec.get("kolada_id", "")),
        unit=str(spec["unit"]),
        direction=str(spec["direction"]),
        baseline_year=baseline[0] if isinstance(baseline, tuple) else None,
        baseline_value=Decimal(baseline[1]) if isinstance(baseline, tuple) else None,
        data_owner="Samhällsbyggnadsförvaltningen",
        method=str(spec["method"]),
        description="Demovärden: siffrorna är påhittade för att visa plattformen.",
        is_demo=True,
        created_by=actor,
    )
    save_with_history(indicator, actor=actor)
    indicator.sdg_targets.set(Target.objects.filter(code__in=spec["sdg"]))  # type: ignore[misc]
    for year, value in spec["targets"].items():  # type: ignore[attr-defined]
        IndicatorTarget.objects.create(indicator=indicator, year=year, value=Decimal(value))
    for year, value in spec["values"].items():  # type: ignore[attr-defined]
        Measurement.objects.create(
            indicator=indicator,
            period=year,
            gender=Gender.TOTAL,
            value=Decimal(value),
            source=Source.KOLADA if indicator.kolada_id else Source.FORM,
            source_note="Demovärde",
            recorded_by=actor,
        )
    if project is not None:
        indicator.needs.set(Need.objects.filter(project=project).order_by("pk")[:2])
        indicator.initiatives.set(Initiative.objects.filter(project=project).order_by("pk")[:2])
        programme = Programme.objects.filter(slug=PROGRAMME, projects=project).first()
        if programme is not None:
            indicator.programmes.add(programme)
    return indicator


def _evaluation(actor: User | None) -> None:
    """An evaluation at the first milestone of the demo programme, if it has none yet."""
    milestone = Milestone.objects.filter(programme__slug=PROGRAMME).order_by("due_on", "pk").first()
    if milestone is None or Evaluation.objects.filter(milestone=milestone).exists():
        return
    evaluation = Evaluation.objects.create(
        milestone=milestone,
        evaluated_on=milestone.due_on,
        done=(
            "Behovsinventeringar i Näringen och Landvetter Södra, tre workshoppar med boende och "
            "företag och ett första urval av initiativ till portföljen."
        ),
        effects=(
            "Fler invånare har deltagit i dialog än året innan, och resorna till fots, med cykel "
            "och kollektivtrafik har ökat något (demovärden)."
        ),
        lessons=(
            "Förvaltningarna behöver vara med från början; dialogen når fler när den hålls på "
            "platser där människor redan är."
        ),
        created_by=actor,
    )
    evaluation.indicators.set(
        Indicator.objects.filter(project__slug="naringen", is_demo=True).order_by("pk")[:2]
    )


@transaction.atomic
def load_indicators_demo() -> int:
    """Create the demo indicators that are missing; returns how many exist afterwards."""
    actor = User.objects.filter(email=LEADER).first()
    count = len([i for spec in DEMO if (i := _indicator(spec, actor)) is not None])
    _evaluation(actor)
    return count
