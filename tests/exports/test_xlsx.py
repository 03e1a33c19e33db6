"""to_xlsx / to_csv_bytes: what a facilitator opens in Excel or LibreOffice."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from essdash.exports.xlsx import neutralise_csv_cell, sheet_title, to_csv_bytes, to_xlsx

DANGEROUS = [
    '=HYPERLINK("http://x","y")',
    "=1+1",
    "+33 6 12 34 56 78",
    "-2",
    "@SUM(A1:A2)",
    "\tcaché",
    "\rretour",
    "\nligne",
]


def _open(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_stored_as_text(text: str) -> None:
    ws = _open(to_xlsx({"Contributions": pd.DataFrame({"Texte": [text]})}))["Contributions"]
    cell = ws["A2"]
    assert cell.data_type == "s"
    # XML turns a lone CR into LF on reading: a limit of the format, not of the export.
    assert cell.value == text.replace("\r", "\n")
    assert cell.quotePrefix


def test_plain_text_emoji_and_accents_unchanged() -> None:
    text = "Épicerie solidaire 🍞 « très appréciée » — à développer"
    ws = _open(to_xlsx({"A": pd.DataFrame({"Texte": [text], "n": [3]})}))["A"]
    assert ws["A2"].value == text
    assert not ws["A2"].quotePrefix
    assert ws["B2"].value == 3


def test_header_frozen_filtered_bold_and_widths() -> None:
    frame = pd.DataFrame({"Nom": ["a" * 200, "b"], "Nombre": [1, 2]})
    ws = _open(to_xlsx({"S": frame}))["S"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"
    assert ws["A1"].font.bold and ws["A1"].value == "Nom"
    assert ws.column_dimensions["A"].width == 60
    assert 8 <= ws.column_dimensions["B"].width < 20


def test_dates_are_real_dates_in_paris_time() -> None:
    frame = pd.DataFrame(
        {
            "Quand": [datetime(2026, 11, 23, 13, 5, tzinfo=UTC)],
            "Jour": [date(2026, 12, 31)],
            "Vide": [pd.NaT],
        }
    )
    ws = _open(to_xlsx({"D": frame}))["D"]
    assert ws["A2"].value == datetime(2026, 11, 23, 14, 5)  # UTC+1 in November
    assert ws["A2"].is_date
    assert ws["B2"].is_date and ws["B2"].value.date() == date(2026, 12, 31)
    assert ws["C2"].value is None


def test_sheet_titles_valid_and_unique() -> None:
    data = to_xlsx(
        {
            "Q1: besoins / menaces [environnement] et social ?": pd.DataFrame({"a": [1]}),
            "Q1: besoins / menaces [environnement] et social ! ": pd.DataFrame({"a": [2]}),
        }
    )
    names = _open(data).sheetnames
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert sheet_title("a" * 40) == "a" * 31


def test_empty_frame_keeps_header_and_filter() -> None:
    ws = _open(to_xlsx({"Vide": pd.DataFrame(columns=["x", "y"])}))["Vide"]
    assert [c.value for c in ws[1]] == ["x", "y"]
    assert ws.max_row == 1


def test_csv_neutralises_formula_like_text() -> None:
    frame = pd.DataFrame({"Texte": [*DANGEROUS, "normal"], "n": range(len(DANGEROUS) + 1)})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Texte", "n"]
    assert rows[1][0] == "'" + DANGEROUS[0]
    assert all(r[0].startswith("'") for r in rows[1 : len(DANGEROUS) + 1])
    assert rows[-1][0] == "normal"
    assert neutralise_csv_cell(-2) == -2  # numbers are not text
