"""Writes of follow-up: indicators, their targets, their measurements and the imports.

Every write checks its rule (``indicators/rules.py``), runs in a transaction, checks each
object the actor links (organisation, project, needs, initiatives, programmes) against what
they may use, and records the actor in the change history. An import saves every row or none.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.access import require
from samskapa.core.history import save_with_history
from samskapa.core.models import Visibility
from samskapa.core.writes import UNSET, set_fields
from samskapa.geo.models import Municipality
from samskapa.indicators.imports import GENDER_WORDS, ImportRow, check_value
from samskapa.indicators.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Evaluation,
    Gender,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Measurement,
    Source,
)
from samskapa.indicators.selectors import (
    DashboardScope,
    indicators_visible_to,
    initiatives_for_indicator,
    needs_for_indicator,
    projects_for_indicator,
)
from samskapa.needs.models import Need
from samskapa.organisations.models import Organisation
from samskapa.portfolio.models import Initiative
from samskapa.programmes.models import Milestone, Programme
from samskapa.programmes.selectors import programmes_visible_to
from samskapa.projects.models import Project
from samskapa.sdg.models import Target

CHANGE = "indicators.change_indicator"
# How long a preview may wait for its confirmation.
IMPORT_MAX_AGE_SECONDS = 60 * 60
# The years fetched from Kolada when none are asked for: the last ten.
KOLADA_DEFAULT_YEARS = 10


def _check_kind(indicator: Indicator) -> None:
    if indicator.kind == IndicatorKind.KOLADA:
        errors = {}
        if not indicator.kolada_id:
            errors["kolada_id"] = _("A Kolada key figure needs its id, e.g. N01951.")
        if indicator.municipality_id is None:
            errors["municipality"] = _(
                "Choose the municipality whose values are fetched from Kolada."
            )
        if errors:
            raise ValidationError(errors)
    else:
        indicator.kolada_id = ""
    if (indicator.baseline_year is None) != (indicator.baseline_value is None):
        raise ValidationError(
            {"baseline_value": _("Give both the baseline year and the baseline value, or neither.")}
        )


def _check_subset(chosen: Iterable[Any], allowed: Any, *, field: str, message: str) -> list[Any]:
    chosen = list(chosen)
    ids = {obj.pk for obj in chosen}
    if ids and set(allowed.filter(pk__in=ids).values_list("pk", flat=True)) != ids:
        raise ValidationError({field: message})
    return chosen


def _check_project(*, actor: User, indicator: Indicator, previous: Project | None) -> None:
    if indicator.project is None:
        return
    allowed = projects_for_indicator(user=actor, current=previous)
    if not allowed.filter(pk=indicator.project.pk).exists():
        raise ValidationError({"project": _("Choose a project that you lead.")})


@transaction.atomic
def indicator_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    unit: str,
    kind: str = IndicatorKind.OWN,
    kolada_id: str = "",
    direction: str = "higher",
    description: str = "",
    method: str = "",
    baseline_year: int | None = None,
    baseline_value: Decimal | None = None,
    data_owner: str = "",
    municipality: Municipality | None = None,
    project: Project | None = None,
    visibility: str = Visibility.PUBLIC,
    programmes: Iterable[Programme] = (),
    sdg_targets: Iterable[Target] = (),
    is_demo: bool = False,
) -> Indicator:
    """Start an indicator run by ``organisation``, which the actor must lead."""
    require(actor, "indicators.add_indicator", organisation)
    indicator = Indicator(
        organisation=organisation,
        name=name,
        unit=unit,
        kind=kind,
        kolada_id=kolada_id,
        direction=direction,
        description=description,
        method=method,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        data_owner=data_owner,
        municipality=municipality,
        project=project,
        visibility=visibility,
        is_demo=is_demo,
        created_by=actor,
    )
    if municipality is None and project is not None:
        indicator.municipality = project.municipality
    _check_kind(indicator)
    _check_project(actor=actor, indicator=indicator, previous=None)
    linked_programmes = _check_subset(
        programmes,
        programmes_visible_to(user=actor),
        field="programmes",
        message=_("Only programmes you can see can be linked."),
    )
    save_with_history(indicator, actor=actor)
    indicator.programmes.set(linked_programmes)
    indicator.sdg_targets.set(list(sdg_targets))
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: User,
    indicator: Indicator,
    organisation: Organisation = UNSET,
    name: str = UNSET,
    unit: str = UNSET,
    kind: str = UNSET,
    kolada_id: str = UNSET,
    direction: str = UNSET,
    description: str = UNSET,
    method: str = UNSET,
    baseline_year: int | None = UNSET,
    baseline_value: Decimal | None = UNSET,
    data_owner: str = UNSET,
    municipality: Municipality | None = UNSET,
    project: Project | None = UNSET,
    visibility: str = UNSET,
    programmes: Iterable[Programme] = UNSET,
    sdg_targets: Iterable[Target] = UNSET,
    needs: Iterable[Need] = UNSET,
    initiatives: Iterable[Initiative] = UNSET,
) -> Indicator:
    """Change an indicator and what it follows up. Handing it to another organisation needs
    the actor to lead that one too."""
    stored = Indicator.objects.select_related("organisation", "project").get(pk=indicator.pk)
    require(actor, CHANGE, stored)
    if organisation is not UNSET and organisation.pk != stored.organisation_id:
        require(actor, "indicators.add_indicator", organisation)
    set_fields(
        indicator,
        organisation=organisation,
        name=name,
        unit=unit,
        kind=kind,
        kolada_id=kolada_id,
        direction=direction,
        description=description,
        method=method,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        data_owner=data_owner,
        municipality=municipality,
        project=project,
        visibility=visibility,
    )
    _check_kind(indicator)
    if indicator.project_id != stored.project_id:
        _check_project(actor=actor, indicator=indicator, previous=stored.project)
    checked: dict[str, list[Any]] = {}
    if programmes is not UNSET:
        checked["programmes"] = _check_subset(
            programmes,
            programmes_visible_to(user=actor),
            field="programmes",
            message=_("Only programmes you can see can be linked."),
        )
    if needs is not UNSET:
        checked["needs"] = _check_subset(
            needs,
            needs_for_indicator(user=actor, indicator=indicator),
            field="needs",
            message=_("Only needs of the indicator's project that you can see can be linked."),
        )
    if initiatives is not UNSET:
        checked["initiatives"] = _check_subset(
            initiatives,
            initiatives_for_indicator(user=actor, indicator=indicator),
            field="initiatives",
            message=_(
                "Only initiatives you can see of the indicator's project, organisation or "
                "municipality can be linked."
            ),
        )
    save_with_history(indicator, actor=actor)
    for name_, chosen in checked.items():
        getattr(indicator, name_).set(chosen)
    if sdg_targets is not UNSET:
        indicator.sdg_targets.set(list(sdg_targets))
    return indicator


@transaction.atomic
def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    """Delete an indicator with its targets and values."""
    require(actor, "indicators.delete_indicator", indicator)
    indicator._history_user = actor  # type: ignore[attr-defined]
    indicator.delete()


def _check_year(year: int, field: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                field: _("The year must be between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


@transaction.atomic
def targets_set(
    *, actor: User, indicator: Indicator, targets: Mapping[int, Decimal]
) -> list[IndicatorTarget]:
    """Make ``targets`` (year -> value) the indicator's targets: others are removed."""
    require(actor, CHANGE, indicator)
    for year, value in targets.items():
        _check_year(year, "targets")
        if (problem := check_value(value)) is not None:
            raise ValidationError({"targets": problem})
    stored = {target.year: target for target in IndicatorTarget.objects.filter(indicator=indicator)}
    for year, target in stored.items():
        if year not in targets:
            target._history_user = actor  # type: ignore[attr-defined]
            target.delete()
    saved = []
    for year, value in sorted(targets.items()):
        target = stored.get(year) or IndicatorTarget(indicator=indicator, year=year)
        if target.pk is None or target.value != value:
            target.value = value
            save_with_history(target, actor=actor)
        saved.append(target)
    return saved


def _upsert(
    *,
    actor: User | None,
    indicator: Indicator,
    period: int,
    gender: str,
    value: Decimal,
    source: str,
    source_note: str,
    comment: str,
) -> Measurement:
    measurement = Measurement.objects.filter(
        indicator=indicator, period=period, gender=gender
    ).first() or Measurement(indicator=indicator, period=period, gender=gender)
    measurement.value = value
    measurement.source = source
    measurement.source_note = source_note
    measurement.comment = comment
    measurement.recorded_by = actor
    save_with_history(measurement, actor=actor)
    return measurement


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    indicator: Indicator,
    period: int,
    value: Decimal,
    gender: str = Gender.TOTAL,
    source_note: str = "",
    comment: str = "",
) -> Measurement:
    """Record the value of a period by hand; an existing value of that period is replaced."""
    require(actor, CHANGE, indicator)
    _check_year(period, "period")
    if gender not in Gender.values:
        raise ValidationError({"gender": _("Choose one of the breakdowns in the list.")})
    if (problem := check_value(value)) is not None:
        raise ValidationError({"value": problem})
    if period > timezone.localdate().year:
        raise ValidationError({"period": _("A measured value cannot be for a future year.")})
    return _upsert(
        actor=actor,
        indicator=indicator,
        period=period,
        gender=gender,
        value=value,
        source=Source.FORM,
        source_note=source_note,
        comment=comment,
    )


@transaction.atomic
def measurement_delete(*, actor: User, measurement: Measurement) -> None:
    require(actor, CHANGE, measurement.indicator)
    measurement._history_user = actor  # type: ignore[attr-defined]
    measurement.delete()


# --- Imports -----------------------------------------------------------------------------------


def _import_salt(indicator: Indicator) -> str:
    return f"indicators.import.{indicator.pk}"


def sign_import(*, indicator: Indicator, rows: list[ImportRow], source: str) -> str:
    """The previewed rows, signed, for the confirmation form to carry back unchanged."""
    payload = {"source": source, "rows": [row.as_payload() for row in rows]}
    return signing.dumps(payload, salt=_import_salt(indicator), compress=True)


def unsign_import(*, indicator: Indicator, token: str) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=_import_salt(indicator), max_age=IMPORT_MAX_AGE_SECONDS)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("The preview is more than an hour old. Upload the file again.")
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("The preview could not be read. Upload the file again.")) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise ValidationError(_("The preview could not be read. Upload the file again."))
    return payload


def _checked_rows(rows: list[dict[str, Any]]) -> list[ImportRow]:
    """The rows again as the preview checked them; every error found, by line."""
    checked, problems, seen = [], [], set()
    for raw in rows:
        line = raw.get("line") if isinstance(raw, dict) else None
        try:
            row = ImportRow(
                line=int(line),  # type: ignore[arg-type]
                period=int(raw["period"]),
                gender=GENDER_WORDS[str(raw.get("gender", "")).lower()],
                value=Decimal(str(raw["value"])),
                source_note=str(raw.get("source_note", ""))[:300],
                comment=str(raw.get("comment", ""))[:2000],
            )
        except (KeyError, TypeError, ValueError, ArithmeticError):
            problems.append(_("Line %(line)s could not be read.") % {"line": line})
            continue
        assert row.period is not None and row.value is not None
        if not FIRST_YEAR <= row.period <= LAST_YEAR or check_value(row.value):
            problems.append(_("Line %(line)s has an invalid year or value.") % {"line": line})
        if (row.period, row.gender) in seen:
            problems.append(_("Line %(line)s repeats a year.") % {"line": line})
        seen.add((row.period, row.gender))
        checked.append(row)
    if problems:
        raise ValidationError(problems)
    if not checked:
        raise ValidationError(_("There is nothing to import."))
    return checked


def _import(*, actor: User | None, indicator: Indicator, rows: list[ImportRow], source: str) -> int:
    for row in rows:
        assert row.period is not None and row.value is not None
        _upsert(
            actor=actor,
            indicator=indicator,
            period=row.period,
            gender=row.gender,
            value=row.value,
            source=source,
            source_note=row.source_note,
            comment=row.comment,
        )
    return len(rows)


@transaction.atomic
def measurements_import(*, actor: User, indicator: Indicator, token: str) -> int:
    """Save the rows of a confirmed preview: all of them, or (any row wrong) none.

    Returns how many values were saved. The rows come signed from the preview, so they are
    what the user saw; they are checked again all the same.
    """
    require(actor, CHANGE, indicator)
    payload = unsign_import(indicator=indicator, token=token)
    source = payload.get("source")
    if source not in (Source.FILE, Source.KOLADA):
        source = Source.FILE
    return _import(
        actor=actor, indicator=indicator, rows=_checked_rows(payload["rows"]), source=source
    )


def kolada_years(*, today: datetime.date | None = None) -> list[int]:
    year = (today or timezone.localdate()).year
    return list(range(year - KOLADA_DEFAULT_YEARS, year + 1))


@transaction.atomic
def kolada_fetch_request(*, actor: User, indicator: Indicator) -> None:
    """Ask for the indicator's values from Kolada: a background task fetches and saves them
    and tells the actor how it went."""
    require(actor, CHANGE, indicator)
    if indicator.kind != IndicatorKind.KOLADA or indicator.municipality_id is None:
        raise ValidationError(
            _("Only a Kolada key figure with a municipality can be fetched from Kolada.")
        )
    from samskapa.indicators.tasks import kolada_fetch  # the task module imports this one

    indicator_id, actor_id = indicator.pk, actor.pk
    transaction.on_commit(lambda: kolada_fetch.delay(indicator_id, actor_id))


@transaction.atomic
def kolada_values_save(
    *, indicator: Indicator, rows: list[ImportRow], requested_by: User | None
) -> int:
    """Save values fetched from Kolada (the task's write); all or none."""
    problems = [row for row in rows if row.errors]
    if problems:
        raise ValidationError(
            [
                _("Line %(line)s: %(errors)s") % {"line": row.line, "errors": " ".join(row.errors)}
                for row in problems
            ]
        )
    return _import(actor=requested_by, indicator=indicator, rows=rows, source=Source.KOLADA)


@transaction.atomic
def evaluation_add(
    *,
    actor: User,
    milestone: Milestone,
    done: str,
    effects: str,
    lessons: str,
    indicators: Iterable[Indicator] = (),
    evaluated_on: datetime.date | None = None,
) -> Evaluation:
    """Evaluate a programme's milestone; the actor must run the programme, and the indicators
    must be ones they can see that follow up the programme."""
    require(actor, "programmes.change_programme", milestone.programme)
    chosen = _check_subset(
        indicators,
        DashboardScope(programme=milestone.programme).filter_indicators(
            indicators_visible_to(user=actor)
        ),
        field="indicators",
        message=_("Only indicators of the programme that you can see can be linked."),
    )
    evaluation = Evaluation(
        milestone=milestone,
        done=done,
        effects=effects,
        lessons=lessons,
        evaluated_on=evaluated_on or timezone.localdate(),
        created_by=actor,
    )
    if evaluation.evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("An evaluation cannot be dated in the future.")})
    save_with_history(evaluation, actor=actor)
    evaluation.indicators.set(chosen)
    return evaluation
