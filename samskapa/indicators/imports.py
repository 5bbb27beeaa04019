"""Reading measurements from a file: CSV, Excel (.xlsx) or a saved Kolada answer (JSON).

Reading never saves. ``read_rows`` turns the file into rows, each with the errors found in it,
for the preview; ``measurements_import`` (in ``services.py``) saves the rows in one transaction,
and only when none has an error, so an import is all or nothing.

A CSV or Excel file has a header row naming its columns, in Swedish or English:
``år``/``period``/``year``, ``värde``/``value``, and optionally ``kön``/``gender``
(T, K, M, or total, kvinnor, män), ``källa``/``source`` and ``kommentar``/``comment``.
Values may use a decimal comma and spaces between thousands (``1 234,5``).
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from samskapa.indicators.kolada import KoladaError, parse_values
from samskapa.indicators.models import (
    DECIMAL_PLACES,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DIGITS,
    Gender,
    Indicator,
)

MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 2_000

COLUMNS = {
    "period": {"år", "ar", "period", "year", "periodår"},
    "value": {"värde", "varde", "value", "mätvärde"},
    "gender": {"kön", "kon", "gender", "indelning", "breakdown"},
    "source": {"källa", "kalla", "source"},
    "comment": {"kommentar", "comment", "anmärkning"},
}
GENDER_WORDS = {
    "": Gender.TOTAL,
    "t": Gender.TOTAL,
    "total": Gender.TOTAL,
    "totalt": Gender.TOTAL,
    "alla": Gender.TOTAL,
    "k": Gender.WOMEN,
    "kvinnor": Gender.WOMEN,
    "women": Gender.WOMEN,
    "w": Gender.WOMEN,
    "m": Gender.MEN,
    "män": Gender.MEN,
    "man": Gender.MEN,
    "men": Gender.MEN,
}
_SPACES = re.compile(r"[\s\u00a0\u202f]")


class ImportFileError(Exception):
    """The file as a whole cannot be read (its type, size, encoding or header)."""


@dataclass
class ImportRow:
    """One row of the file as the preview shows it."""

    line: int
    period: int | None = None
    gender: str = Gender.TOTAL
    value: Decimal | None = None
    source_note: str = ""
    comment: str = ""
    raw: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replaces: Decimal | None = None

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def gender_label(self) -> str:
        return str(Gender(self.gender).label)

    def as_payload(self) -> dict[str, Any]:
        """What the confirmation form carries (signed) to the import."""
        return {
            "line": self.line,
            "period": self.period,
            "gender": self.gender,
            "value": str(self.value),
            "source_note": self.source_note,
            "comment": self.comment,
        }


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.error_count


def parse_number(text: str) -> Decimal:
    """A number written the Swedish or the English way: ``1 234,5``, ``1234.5``, ``-3``."""
    cleaned = _SPACES.sub("", text).replace("−", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = (
            cleaned.replace(".", "").replace(",", ".")
            if cleaned.rfind(",") > cleaned.rfind(".")
            else cleaned.replace(",", "")
        )
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number


def check_value(value: Decimal) -> str | None:
    """Why ``value`` cannot be stored, or None."""
    integer_digits = MAX_DIGITS - DECIMAL_PLACES
    if abs(value) >= Decimal(10) ** integer_digits:
        return _("The value is too large: at most %(digits)s digits before the decimal sign.") % {
            "digits": integer_digits
        }
    if value != value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)):
        return _("The value has more than %(places)s decimals.") % {"places": DECIMAL_PLACES}
    return None


def _row(line: int, cells: dict[str, str], raw: list[str]) -> ImportRow:
    row = ImportRow(line=line, raw=raw)
    period_text = cells.get("period", "").strip()
    if not period_text:
        row.errors.append(_("The year is missing."))
    elif not re.fullmatch(r"\d{4}", period_text):
        row.errors.append(_("“%(text)s” is not a year (four digits).") % {"text": period_text})
    elif not FIRST_YEAR <= int(period_text) <= LAST_YEAR:
        row.errors.append(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    else:
        row.period = int(period_text)
    value_text = cells.get("value", "").strip()
    if not value_text:
        row.errors.append(_("The value is missing."))
    else:
        try:
            row.value = parse_number(value_text)
        except ValueError:
            row.errors.append(_("“%(text)s” is not a number.") % {"text": value_text[:50]})
        else:
            if (problem := check_value(row.value)) is not None:
                row.errors.append(problem)
                row.value = None
    gender_text = cells.get("gender", "").strip().lower()
    if gender_text in GENDER_WORDS:
        row.gender = GENDER_WORDS[gender_text]
    else:
        row.errors.append(
            _("“%(text)s” is not a breakdown: use T (total), K (women) or M (men).")
            % {"text": gender_text[:20]}
        )
    row.source_note = cells.get("source", "").strip()[:300]
    row.comment = cells.get("comment", "").strip()[:2000]
    return row


def _header_map(header: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        key = name.strip().lower().lstrip("\ufeff")
        for column, names in COLUMNS.items():
            if key in names and column not in mapping.values():
                mapping[index] = column
    missing = [c for c in ("period", "value") if c not in mapping.values()]
    if missing:
        raise ImportFileError(
            _(
                "The first row must name the columns: at least “år” (or “year”) and “värde” (or "
                "“value”)."
            )
        )
    return mapping


def _table_rows(table: list[list[str]]) -> list[ImportRow]:
    if not table:
        raise ImportFileError(_("The file is empty."))
    mapping = _header_map(table[0])
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        named = {mapping[i]: cell for i, cell in enumerate(cells) if i in mapping}
        rows.append(_row(line, named, cells))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(rows)s rows. Split it into smaller files.")
                % {"rows": MAX_ROWS}
            )
    if not rows:
        raise ImportFileError(_("The file has a header but no values."))
    return rows


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text file."))
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_table(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported here: only Excel imports need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The Excel file could not be read.")) from error
    sheet = workbook.worksheets[0]
    table = []
    for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
        table.append(["" if value is None else _cell_text(value) for value in values])
    workbook.close()
    return table


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kolada_rows(content: bytes, indicator: Indicator) -> list[ImportRow]:
    try:
        payload = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        # RecursionError: JSON nested thousands deep, which no Kolada answer is.
        raise ImportFileError(_("The file is not valid JSON.")) from error
    municipality = indicator.municipality.code if indicator.municipality else ""
    try:
        values = parse_values(payload, kpi=indicator.kolada_id, municipality=municipality)
    except KoladaError as error:
        raise ImportFileError(str(error)) from error
    if not values:
        raise ImportFileError(
            _("The file has no values of key figure %(kpi)s for municipality %(code)s.")
            % {"kpi": indicator.kolada_id or "–", "code": municipality or "–"}
        )
    return kolada_rows(values)


def kolada_rows(values: list[Any]) -> list[ImportRow]:
    """Kolada's values as import rows, checked like a file's."""
    rows = []
    for line, value in enumerate(values, start=1):
        row = ImportRow(
            line=line,
            period=value.period,
            gender=value.gender,
            value=value.value,
            source_note="Kolada",
        )
        if not FIRST_YEAR <= value.period <= LAST_YEAR:
            row.errors.append(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if (problem := check_value(value.value)) is not None:
            row.errors.append(problem)
        rows.append(row)
    return rows


def read_rows(*, content: bytes, filename: str, indicator: Indicator) -> ImportPreview:
    """The rows of an uploaded file or pasted text, each with its errors; nothing is saved."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // 1_000_000}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _table_rows(_xlsx_table(content))
    elif name.endswith(".json"):
        rows = _kolada_rows(content, indicator)
    elif name.endswith((".csv", ".txt")) or not name:
        rows = _table_rows(_csv_table(content))
    else:
        raise ImportFileError(_("Choose a CSV, Excel (.xlsx) or Kolada JSON file."))
    mark_duplicates_and_replacements(rows, indicator)
    return ImportPreview(rows=rows)


def mark_duplicates_and_replacements(rows: list[ImportRow], indicator: Indicator) -> None:
    """A period given twice is an error; a period with a stored value shows what it replaces."""
    stored = {
        (m.period, m.gender): m.value
        for m in indicator.measurements.all()  # prefetched by access_indicator
    }
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        if row.period is None:
            continue
        key = (row.period, row.gender)
        if key in seen:
            row.errors.append(
                _("The year %(year)s (%(breakdown)s) is already on line %(line)s.")
                % {"year": row.period, "breakdown": row.gender_label, "line": seen[key]}
            )
            continue
        seen[key] = row.line
        row.replaces = stored.get(key)
