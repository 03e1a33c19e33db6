"""Spreadsheet writing shared by every export: one sheet per table, no text ever runs as a formula.

openpyxl stores any string starting with ``=`` as a formula, and spreadsheet programs also
evaluate cells starting with ``+``, ``-``, ``@``, a tab or a line break once they are re-typed or
converted (CSV). Every such string is written as a text cell with the "quote prefix" style: the
value is unchanged, shown as typed, and stays text if the cell is edited.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from essdash.formatting import paris_wall_time

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_TITLE = 31
MAX_WIDTH = 60
WIDTH_SAMPLE = 500
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
_FORBIDDEN_TITLE = re.compile(r"[\[\]:*?/\\]")
# Control characters that openpyxl refuses in a cell (XML 1.0), tab/LF/CR excepted.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet could take for a formula (=, +, -, @, tab, CR, LF)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def sheet_title(name: str, taken: set[str] | None = None) -> str:
    """A valid, unique sheet title: forbidden characters removed, at most 31 characters."""
    title = _FORBIDDEN_TITLE.sub("", name).strip().strip("'") or "Feuille"
    title = title[:MAX_TITLE]
    taken = taken if taken is not None else set()
    candidate, n = title, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = title[: MAX_TITLE - len(suffix)] + suffix
        n += 1
    return candidate


def excel_value(value: Any) -> Any:
    """A Python/pandas value as openpyxl can store it (dates naive in Paris time, NaN empty)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return paris_wall_time(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if isinstance(value, date | bool | int | float | Decimal):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def put_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell; text that looks like a formula is stored as plain text (quote prefix)."""
    value = excel_value(value)
    cell: Cell = ws.cell(row=row, column=column)
    if is_formula_like(value):
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _display_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_sheet(ws: Worksheet, frame: pd.DataFrame) -> None:
    """Header (bold, coloured, frozen, with filters), then rows, then column widths."""
    columns = [str(c) for c in frame.columns]
    for j, name in enumerate(columns, start=1):
        cell = put_cell(ws, 1, j, name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, value in enumerate(row, start=1):
            put_cell(ws, i, j, value)
    ws.freeze_panes = "A2"
    if columns:
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(frame) + 1)}"
    for j, name in enumerate(columns, start=1):
        sample = frame.iloc[:WIDTH_SAMPLE, j - 1].map(excel_value)
        width = max([len(name) + 2, *(_display_length(v) for v in sample)])
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, width + 2)


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook with one styled sheet per key (an empty dict gives one empty sheet)."""
    workbook = Workbook()
    default = workbook.active
    taken: set[str] = set()
    for name, frame in sheets.items():
        title = sheet_title(name, taken)
        taken.add(title)
        write_sheet(workbook.create_sheet(title), frame)
    if sheets and default is not None:
        workbook.remove(default)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data: bytes = buffer.getvalue()
    return data


def neutralise_csv_cell(value: Any) -> Any:
    """CSV has no cell types: prefix formula-like text with an apostrophe."""
    return f"'{value}" if is_formula_like(value) else value


def _csv_time(value: Any) -> Any:
    """Times in a CSV: Paris time, as in the workbook (ISO order, sortable)."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return paris_wall_time(value).strftime("%Y-%m-%d %H:%M")
    return value


def to_csv_bytes(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    """UTF-8 CSV, formula-like text neutralised; the BOM makes Excel read accents right."""
    safe = frame.copy()
    for column in safe.columns:
        if (
            pd.api.types.is_datetime64_any_dtype(safe[column])
            or safe[column].map(lambda v: isinstance(v, datetime)).any()
        ):
            safe[column] = safe[column].map(_csv_time)
        elif safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_csv_cell)
    safe.columns = [neutralise_csv_cell(str(c)) for c in safe.columns]
    # CRLF line ends (RFC 4180) also make the writer quote any field holding a CR or a LF.
    text: str = safe.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")
