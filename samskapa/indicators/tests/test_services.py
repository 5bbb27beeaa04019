"""Writes of follow-up: indicators and what they may link, targets, values and imports."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskapa.accounts.models import User
from samskapa.indicators import services
from samskapa.indicators.imports import ImportFileError, read_rows
from samskapa.indicators.models import Indicator, IndicatorKind, Measurement
from samskapa.indicators.selectors import access_indicator
from samskapa.needs.tests.factories import NeedFactory
from samskapa.organisations.models import Organisation
from samskapa.projects.models import Project

pytestmark = pytest.mark.django_db


def _fresh(indicator: Indicator, user: User) -> Indicator:
    return access_indicator(user=user, pk=indicator.pk)


def test_leader_creates_an_indicator_for_their_project(
    gavle_leader: User, gavle: Organisation, naringen: Project
) -> None:
    indicator = services.indicator_create(
        actor=gavle_leader, organisation=gavle, project=naringen, name="Trädkronor", unit="%"
    )
    assert indicator.municipality == naringen.municipality
    assert indicator.history.first().history_user == gavle_leader


def test_indicator_of_another_organisation_or_project_is_refused(
    kiruna_leader: User, gavle: Organisation, naringen: Project, kiruna: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.indicator_create(actor=kiruna_leader, organisation=gavle, name="X", unit="%")
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            actor=kiruna_leader, organisation=kiruna, project=naringen, name="X", unit="%"
        )
    assert "project" in error.value.error_dict


def test_kolada_key_figure_needs_id_and_municipality(
    gavle_leader: User, gavle: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            actor=gavle_leader,
            organisation=gavle,
            name="Invånare",
            unit="antal",
            kind=IndicatorKind.KOLADA,
        )
    assert {"kolada_id", "municipality"} <= set(error.value.error_dict)


def test_only_visible_needs_of_the_project_can_be_linked(
    indicator: Indicator, gavle_leader: User, naringen: Project, nya_kiruna: Project
) -> None:
    own = NeedFactory(project=naringen)
    foreign = NeedFactory(project=nya_kiruna)
    with pytest.raises(ValidationError):
        services.indicator_update(actor=gavle_leader, indicator=indicator, needs=[own, foreign])
    services.indicator_update(actor=gavle_leader, indicator=indicator, needs=[own])
    assert list(indicator.needs.all()) == [own]


def test_targets_replace_the_previous_ones(indicator: Indicator, gavle_leader: User) -> None:
    services.targets_set(
        actor=gavle_leader, indicator=indicator, targets={2026: Decimal(50), 2028: Decimal(55)}
    )
    assert list(indicator.targets.values_list("year", flat=True)) == [2026, 2028]


def test_value_for_a_future_year_is_refused(indicator: Indicator, gavle_leader: User) -> None:
    with pytest.raises(ValidationError):
        services.measurement_record(
            actor=gavle_leader, indicator=indicator, period=2027, value=Decimal(1)
        )


def test_a_value_replaces_the_one_of_the_same_year(
    indicator: Indicator, gavle_leader: User
) -> None:
    services.measurement_record(
        actor=gavle_leader, indicator=indicator, period=2024, value=Decimal(46)
    )
    assert Measurement.objects.get(indicator=indicator, period=2024).value == Decimal(46)


CSV_WITH_ERRORS = (
    "år;värde;kön;kommentar\n"
    "2021;39,5;T;\n"
    "2022;abc;T;\n"
    "20x3;41;T;\n"
    "2021;40;T;dubblett\n"
    "2023;1 234,5;K;\n"
).encode()


def test_preview_shows_the_errors_row_by_row(
    english: None, indicator: Indicator, gavle_leader: User
) -> None:
    preview = read_rows(
        content=CSV_WITH_ERRORS, filename="varden.csv", indicator=_fresh(indicator, gavle_leader)
    )
    errors = {row.line: row.errors for row in preview.rows}
    assert errors[2] == []
    assert errors[3] == ["“abc” is not a number."]
    assert errors[4] == ["“20x3” is not a year (four digits)."]
    assert "already on line 2" in errors[5][0]
    assert preview.rows[4].value == Decimal("1234.5") and preview.rows[4].gender == "K"
    assert not preview.is_valid


def test_preview_marks_what_a_row_replaces(indicator: Indicator, gavle_leader: User) -> None:
    preview = read_rows(
        content=b"year,value\n2024,45\n2025,47\n",
        filename="values.csv",
        indicator=_fresh(indicator, gavle_leader),
    )
    assert preview.is_valid
    assert [row.replaces for row in preview.rows] == [Decimal(44), None]


def test_import_saves_every_row_or_none(indicator: Indicator, gavle_leader: User) -> None:
    fresh = _fresh(indicator, gavle_leader)
    preview = read_rows(
        content=b"year;value\n2023;42\n2025;47\n", filename="v.csv", indicator=fresh
    )
    token = services.sign_import(indicator=fresh, rows=preview.rows, source="file")
    assert services.measurements_import(actor=gavle_leader, indicator=fresh, token=token) == 2
    assert set(indicator.measurements.values_list("period", flat=True)) == {2023, 2024, 2025}
    # A payload with one bad row (tampered, or checked differently since) saves nothing.
    rows = preview.rows
    rows[1].period = 1200
    bad = services.sign_import(indicator=fresh, rows=rows, source="file")
    rows[0].value = Decimal(99)
    with pytest.raises(ValidationError):
        services.measurements_import(actor=gavle_leader, indicator=fresh, token=bad)
    assert Measurement.objects.get(indicator=indicator, period=2023).value == Decimal(42)


def test_import_refuses_a_forged_preview_and_other_people(
    indicator: Indicator, gavle_leader: User, kiruna_leader: User
) -> None:
    fresh = _fresh(indicator, gavle_leader)
    with pytest.raises(ValidationError):
        services.measurements_import(actor=gavle_leader, indicator=fresh, token="forged:token")
    preview = read_rows(content=b"year;value\n2023;42\n", filename="v.csv", indicator=fresh)
    token = services.sign_import(indicator=fresh, rows=preview.rows, source="file")
    with pytest.raises(PermissionDenied):
        services.measurements_import(actor=kiruna_leader, indicator=fresh, token=token)


def test_unreadable_files_are_refused_as_a_whole(
    english: None, indicator: Indicator, gavle_leader: User
) -> None:
    fresh = _fresh(indicator, gavle_leader)
    with pytest.raises(ImportFileError, match="first row must name"):
        read_rows(content=b"a;b\n1;2\n", filename="v.csv", indicator=fresh)
    with pytest.raises(ImportFileError, match="CSV, Excel"):
        read_rows(content=b"x", filename="v.exe", indicator=fresh)
    with pytest.raises(ImportFileError, match="Excel file could not be read"):
        read_rows(content=b"not a zip", filename="v.xlsx", indicator=fresh)


def test_excel_file_is_read(indicator: Indicator, gavle_leader: User) -> None:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["År", "Värde", "Källa"])
    sheet.append([2023, 42.5, "RVU"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = read_rows(
        content=buffer.getvalue(), filename="v.xlsx", indicator=_fresh(indicator, gavle_leader)
    )
    assert preview.is_valid
    assert (preview.rows[0].period, preview.rows[0].value, preview.rows[0].source_note) == (
        2023,
        Decimal("42.5"),
        "RVU",
    )


def test_programme_leaders_evaluate_a_milestone_with_its_indicators(
    indicator: Indicator,
    gavle_leader: User,
    kiruna_leader: User,
    gavle: Organisation,
    naringen: Project,
) -> None:
    from samskapa.programmes.tests.factories import MilestoneFactory, ProgrammeFactory

    programme = ProgrammeFactory(organisation=gavle)
    programme.projects.add(naringen)
    milestone = MilestoneFactory(programme=programme)
    other = Indicator.objects.create(name="Annan", unit="%", organisation=gavle)
    with pytest.raises(PermissionDenied):
        services.evaluation_add(
            actor=kiruna_leader, milestone=milestone, done="x", effects="y", lessons="z"
        )
    with pytest.raises(ValidationError):
        services.evaluation_add(
            actor=gavle_leader,
            milestone=milestone,
            done="x",
            effects="y",
            lessons="z",
            indicators=[other],
        )
    evaluation = services.evaluation_add(
        actor=gavle_leader,
        milestone=milestone,
        done="Workshoppar",
        effects="Fler cyklar",
        lessons="Börja tidigt",
        indicators=[indicator],
    )
    assert list(evaluation.indicators.all()) == [indicator]


def test_a_json_file_nested_too_deep_is_refused(
    english: None, indicator: Indicator, gavle_leader: User
) -> None:
    with pytest.raises(ImportFileError, match="not valid JSON"):
        read_rows(
            content=b"[" * 100_000,
            filename="kolada.json",
            indicator=_fresh(indicator, gavle_leader),
        )
