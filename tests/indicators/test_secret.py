"""Secret statistique: primary (< 3 establishments, one establishment > 85 % of the employees),
secondary (a lone masked cell would be recomputed from the total), totals kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from essdash.db import read_session
from essdash.importers.sirene import import_sirene
from essdash.indicators.compute import compute_report
from essdash.indicators.output import report_dict
from essdash.indicators.secret import secret_cells
from tests.indicators.sirene_rows import Row, add_communes, write_files


def _table(rows: dict[str, tuple[int, float, float]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(
        rows, orient="index", columns=["establishments", "employees_estimate", "max_employees"]
    )


# cells (key: establishments, employees, largest establishment's employees) -> masked {key: reason}
CASES = [
    ({"a": (10, 50, 10), "b": (8, 40, 10), "c": (5, 20, 8)}, {}),
    ({"a": (10, 50, 10), "b": (2, 3, 1.5), "c": (5, 20, 8)}, {"b": "primaire", "c": "secondaire"}),
    ({"a": (10, 50, 10), "b": (4, 100, 90), "c": (6, 20, 8)}, {"b": "primaire", "c": "secondaire"}),
    ({"a": (10, 50, 10), "b": (4, 100, 85), "c": (6, 20, 8)}, {}),  # exactly 85 %: published
    ({"a": (10, 50, 10), "b": (1, 0, 0), "c": (2, 0, 0)}, {"b": "primaire", "c": "primaire"}),
    ({"a": (10, 50, 10), "b": (0, 0, 0), "c": (5, 7, 3)}, {}),  # an empty cell is not secret
    ({"a": (2, 3, 1.5)}, {"a": "primaire"}),  # nothing left for a secondary cell
]


@pytest.mark.parametrize(("cells", "expected"), CASES)
def test_primary_and_secondary_cells(cells: dict, expected: dict[str, str]) -> None:  # type: ignore[type-arg]
    found = secret_cells("t", _table(cells))
    assert {c.key: c.reason for c in found} == expected


def test_masked_json_shows_s_and_keeps_totals(db_url: str, tmp_path: Path) -> None:
    add_communes(["99001"])
    rows = [Row("9220", tranche="01") for _ in range(5)]
    rows += [Row("9300", naf="87.10A", tranche="12")]  # a lone fondation
    rows += [Row("8210", naf="65.12Z", tranche="01") for _ in range(3)]
    import_sirene(*write_files(rows, tmp_path))
    with read_session() as s:
        report = compute_report(s, "commune:99001", ["france"])
    masked = json.loads(json.dumps(report_dict(report, masked=True)))
    plain = report_dict(report, masked=False)
    assert masked["by_family"]["fondation"]["establishments"] == "s"
    # the smallest other family (3 mutuelles) hides it from total - associations
    assert masked["by_family"]["mutuelle"]["establishments"] == "s"
    assert masked["by_family"]["association"]["establishments"] == 5
    assert masked["ess_establishments"] == 9 == plain["ess_establishments"]
    assert masked["ess_employees_estimate"] == 5 * 1.5 + 34.5 + 3 * 1.5
    assert plain["by_family"]["fondation"]["establishments"] == 1
    reasons = {(c["table"], c["key"]): c["reason"] for c in masked["secret"]}
    assert reasons[("by_family", "fondation")] == "primaire"
    assert reasons[("by_family", "mutuelle")] == "secondaire"
