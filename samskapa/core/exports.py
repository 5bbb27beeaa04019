"""Spreadsheet exports (CSV and Excel) that cannot be turned against the person who opens them.

Spreadsheet programs read a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
a formula can open links, fetch data from elsewhere or, in older programs, run commands
(``=HYPERLINK(...)``, ``+cmd|' /c calc'!A1``, ``@SUM(...)``): CSV or formula injection. Text that
people wrote (a need's title, a place) reaches exports, so every CSV export of Samskapa writes
through ``CsvWriter`` or ``csv_response``, which follow OWASP's advice:

- a text cell that starts with one of those characters, a tab, a carriage return or line feed
  or a NUL byte (or the full-width forms of ``= + - @``, which some spreadsheet programs also
  read as formulas) gets a single quote in front, which spreadsheet programs take as "this is
  text" and do not show;
- the same is done after each semicolon inside a text cell: a spreadsheet program with a
  Swedish list separator that opens the file with a double click splits lines at semicolons,
  quotes or not, so a semicolon can start a new cell;
- every cell is quoted (RFC 4180), so commas and line breaks in a text never start a new cell.

Numbers (``int``, ``float``, ``Decimal``) are written as numbers, unchanged: ``-5`` stays the
number -5, which no spreadsheet program runs. Only text is neutralised, so the text ``"-5"``
becomes ``'-5``.

Excel workbooks (``xlsx_response``) get the same treatment, cell by cell.
"""

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
TEXT_MARKER = "'"
BYTE_ORDER_MARK = "\ufeff"  # so that spreadsheet programs read the file as UTF-8
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | Decimal | None


def _neutralise(text: str) -> str:
    if text.startswith(FORMULA_TRIGGERS):
        return TEXT_MARKER + text
    return text


def csv_cell(value: Any) -> str | int | float | Decimal:
    """The value as a spreadsheet program may safely read it: numbers as they are, text inert."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    return ";".join(_neutralise(part) for part in str(value).split(";"))


class _Echo:
    """A file-like object whose ``write`` returns the line, for streaming with csv.writer."""

    def write(self, value: str) -> str:
        return value


class CsvWriter:
    """Turns rows into CSV lines, every cell quoted and neutralised (see the module docstring).

    ``row`` returns the line instead of writing it, so a view can stream a long export::

        writer = CsvWriter()
        yield writer.row(["Title", "Supporters"])
    """

    def __init__(self) -> None:
        self._writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)

    def row(self, values: Iterable[Any]) -> str:
        return str(self._writer.writerow([csv_cell(value) for value in values]))


def csv_lines(*, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The lines of a CSV file: a byte order mark, the header, then one line per row."""
    writer = CsvWriter()
    yield BYTE_ORDER_MARK
    yield writer.row(header)
    for row in rows:
        yield writer.row(row)


def csv_response(
    *, filename: str, header: Sequence[Any], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A CSV download streamed row by row, however many rows there are."""
    response = StreamingHttpResponse(
        csv_lines(header=header, rows=rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(*, header: Sequence[Any], rows: Iterable[Iterable[Any]], title: str = "") -> bytes:
    """An Excel workbook of one sheet: the header in bold, then one line per row.

    Cells are neutralised as in CSV (``csv_cell``), so text that people wrote never becomes a
    formula. The workbook is written in write-only mode, which keeps memory flat for long lists.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # A sheet title may not hold []:*?/\ and is at most 31 characters long.
    sheet = workbook.create_sheet(
        title=(SHEET_TITLE_FORBIDDEN.sub(" ", title).strip() or "Data")[:31]
    )
    bold = Font(bold=True)
    heading = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=csv_cell(value))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([csv_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    *, filename: str, header: Sequence[Any], rows: Iterable[Iterable[Any]], title: str = ""
) -> HttpResponse:
    """An Excel download (.xlsx) of the rows, neutralised as the CSV exports are."""
    response = HttpResponse(
        xlsx_bytes(header=header, rows=rows, title=title), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
