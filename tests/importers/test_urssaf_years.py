"""URSSAF headcounts by commune × APE, 2006 → last year: every year imported, the private
denominator taken from real headcounts where the table covers the territory, and hostile files
refused in French (file, lines, column), leaving the stored data byte-identical."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from essdash import config
from essdash.cli import main
from essdash.db import read_session
from essdash.importers.urssaf import import_urssaf
from essdash.indicators.compute import compute_report
from essdash.indicators.urssaf_store import yearly
from tests.importers.corpus.urssaf_cases import SAMPLE, cases


def _by_year(path: Path, communes: set[str]) -> dict[int, float]:
    """Plain csv sums of the headcount columns of these communes, per year."""
    totals: dict[int, float] = {}
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["Code commune"] not in communes:
                continue
            for column, value in row.items():
                if column.startswith("Effectifs salariés ") and value:
                    year = int(column.rsplit(" ", 1)[1])
                    totals[year] = totals.get(year, 0.0) + float(value)
    return totals


def test_every_year_and_the_private_denominator(real_sample_db: str, shared_data: Path) -> None:
    report = import_urssaf(shared_data / SAMPLE)
    assert report.years == "2006–2022"
    expected = _by_year(shared_data / SAMPLE, {"76540"})
    assert sorted(expected) == list(range(2006, 2023))
    series = yearly(("76540",))
    assert {y: e for y, (_n, e) in series.items()} == pytest.approx(expected)
    with read_session() as s:
        rouen = compute_report(s, "commune:76540")
        nantes = compute_report(s, "commune:44109")
    assert rouen.main.private_employees_estimate == pytest.approx(expected[2022])
    assert rouen.main.private_employees_source == "URSSAF, effectifs salariés 2022"
    assert nantes.main.private_employees_source.startswith("estimation Sirene")
    assert nantes.main.urssaf == {}
    france = rouen.references[-1]  # an extract of one département does not cover France
    assert france.private_employees_source.startswith("estimation Sirene")


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "uploads" not in p.parts and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_hostile_file_is_refused_in_french(
    db_url: str,
    shared_data: Path,
    tmp_path: Path,
    case,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    import_urssaf(shared_data / SAMPLE)
    before = _fingerprint(config.data_dir() / "sirene")
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, content in case.make(shared_data).items():
        (folder / name).write_bytes(content)
    code = main([a.replace("{dir}", str(folder)) for a in case.command])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    for fragment in case.expect:
        assert fragment in err, (fragment, err)
    assert _fingerprint(config.data_dir() / "sirene") == before
