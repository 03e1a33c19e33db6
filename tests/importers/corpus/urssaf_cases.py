"""Hostile URSSAF files, each made from the real sample of ../shared/data/urssaf by changing one
cell or the header; `import-urssaf` must refuse each with a French message naming the place."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.importers.corpus.model import BadCase

SAMPLE = (
    "urssaf/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last_dep76-extract.csv"
)
EMPLOYEES_2022 = "Effectifs salariés 2022"


def _lines(shared: Path) -> list[str]:
    return (shared / SAMPLE).read_text(encoding="utf-8-sig").splitlines()


def _set_cell(line_no: int, column: str, value: str) -> Callable[[Path], Mapping[str, bytes]]:
    """The sample's first 40 lines with one cell (line numbers as in the file) replaced."""

    def make(shared: Path) -> Mapping[str, bytes]:
        rows = list(csv.reader(_lines(shared)[:40], delimiter=";"))
        rows[line_no - 1][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        return {"urssaf.csv": out.getvalue().encode("utf-8")}

    return make


def _header(change: Callable[[str], str], name: str = "urssaf.csv", encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    def make(shared: Path) -> Mapping[str, bytes]:
        lines = _lines(shared)[:20]
        lines[0] = change(lines[0])
        return {name: ("\n".join(lines) + "\n").encode(encoding)}

    return make


def _header_only(shared: Path) -> Mapping[str, bytes]:
    return {"urssaf.csv": (_lines(shared)[0] + "\n").encode("utf-8")}


def _latin1(shared: Path) -> Mapping[str, bytes]:
    return {"urssaf.csv": ("\n".join(_lines(shared)[:20]) + "\n").encode("latin-1")}


def _command() -> tuple[str, ...]:
    return ("import-urssaf", "{dir}/urssaf.csv")


def cases() -> list[BadCase]:
    return [
        BadCase("urssaf-negative-headcount", _command(), _set_cell(7, EMPLOYEES_2022, "-12"),
                ("urssaf.csv", "ligne(s) 7", EMPLOYEES_2022, "-12", "négatif")),
        BadCase("urssaf-text-headcount", _command(), _set_cell(12, EMPLOYEES_2022, "douze"),
                ("urssaf.csv", "ligne(s) 12", EMPLOYEES_2022, "douze", "non numérique")),
        BadCase("urssaf-text-establishments", _command(),
                _set_cell(3, "Nombre d'établissements 2015", "n.d."),
                ("urssaf.csv", "ligne(s) 3", "Nombre d'établissements 2015", "n.d.")),
        BadCase("urssaf-short-commune-code", _command(), _set_cell(5, "Code commune", "7654"),
                ("urssaf.csv", "ligne(s) 5", "Code commune", "7654", "5 caractères")),
        BadCase("urssaf-no-commune-column", _command(),
                _header(lambda h: h.replace("Code commune", "Commune INSEE")),
                ("urssaf.csv", "ligne 1", "Code commune")),
        BadCase("urssaf-no-headcount-columns", _command(),
                _header(lambda h: h.replace("Effectifs salariés", "Salaries")),
                ("urssaf.csv", "ligne 1", "Effectifs salariés AAAA")),
        BadCase("urssaf-header-only", _command(), _header_only,
                ("urssaf.csv", "aucune ligne d'effectifs")),
        BadCase("urssaf-latin1", _command(), _latin1, ("urssaf.csv", "ligne 1", "UTF-8")),
    ]  # fmt: skip
