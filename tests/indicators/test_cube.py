"""The cube gives every territory exactly the figures of a direct scan of the establishments
(the path before the cube, still used for filières), in both perimeters; references carry their
totals without their commune table; the cube follows the data and the perimeter file."""

from __future__ import annotations

import json
import shutil

import pytest

from essdash import config
from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.indicators import cube
from essdash.indicators.compute import compute_figures, compute_report, scan_figures
from essdash.indicators.output import figures_dict, report_dict
from essdash.indicators.perimeter import LEGAL, STATISTICAL, load_perimeter, perimeter_path
from essdash.indicators.territories import parse_key, resolve

DEMO_KEYS = ("commune:00005", "epci:200099999", "departement:00", "region:00", "france")


def _same(key: str, choice: str) -> None:
    """Cube and scan agree on every published figure, masked and not."""
    with read_session() as s:
        ref = resolve(s, *parse_key(key))
        p = load_perimeter()
        scanned = scan_figures(s, ref, choice, p)
        summed = compute_figures(s, ref, choice=choice)
        as_reference = compute_figures(s, ref, choice=choice, with_communes=False)
    for masked in (False, True):
        expected = figures_dict(scanned, masked=masked)
        assert figures_dict(summed, masked=masked) == expected, (key, choice, masked)
        reference = figures_dict(as_reference, masked=masked)
        assert reference["by_commune"] == {}
        expected["by_commune"] = {}
        expected["secret"] = [c for c in expected["secret"] if c["table"] != "by_commune"]
        assert reference == expected, (key, choice, masked)


@pytest.mark.parametrize("choice", [STATISTICAL, LEGAL])
def test_demo_territories_match_a_direct_scan(db_url: str, choice: str) -> None:
    with write_session() as s:
        load_demo(s)
    assert cube.is_fresh()  # built at the end of the demo's Sirene import
    for key in DEMO_KEYS:
        _same(key, choice)


def test_real_sample_every_departement_matches(real_sample_db: str) -> None:
    frame = cube.commune_rows(None)
    departements = sorted({cube.departement_of(c) for c in frame["commune"].to_pylist() if c})
    assert len(departements) > 10
    for dep in departements:
        if dep.isdigit() or dep in ("2A", "2B"):
            try:
                _same(f"departement:{dep}", STATISTICAL)
            except Exception as error:  # an unknown département code of the sample
                assert "inconnu" in str(error)
    _same("france", STATISTICAL)
    _same("region:84", LEGAL)


def test_references_carry_totals_not_commune_tables(db_url: str) -> None:
    with write_session() as s:
        load_demo(s)
    with read_session() as s:
        report = compute_report(s, "commune:00005")
    data = report_dict(report, masked=True)
    assert data["by_commune"]  # the territory keeps its own commune table
    assert [r["by_commune"] for r in data["references"]] == [{}, {}, {}]
    assert all(r["ess_establishments"] > 0 for r in data["references"])
    assert len(json.dumps(data)) < 60_000


def test_stale_cube_follows_a_new_perimeter_file(db_url: str) -> None:
    with write_session() as s:
        load_demo(s)
    with read_session() as s:
        before = compute_report(s, "departement:00").main.tables["by_family"]
    assert before.loc["mutuelle", "establishments"] > 0
    own = config.data_dir() / "perimetre_ess.csv"
    shutil.copy(perimeter_path(), own)
    lines = own.read_text(encoding="utf-8").splitlines()
    own.write_text(
        "\n".join(line for line in lines if not line.startswith("famille,mutuelle,")) + "\n",
        encoding="utf-8",
    )
    assert not cube.is_fresh()
    with read_session() as s:
        after = compute_report(s, "departement:00").main.tables["by_family"]
    assert "mutuelle" not in after.index
    assert cube.is_fresh()
    _same("departement:00", STATISTICAL)


def test_missing_cube_is_built_on_first_use(db_url: str) -> None:
    with write_session() as s:
        load_demo(s)
    shutil.rmtree(cube.cube_dir())
    _same("epci:200099999", STATISTICAL)
    assert cube.is_fresh()
