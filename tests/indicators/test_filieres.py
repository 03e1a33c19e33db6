"""Filières: NAF prefixes (with or without the dot) restrict every figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from essdash.db import read_session
from essdash.errors import ImportFailed
from essdash.importers.sirene import import_sirene
from essdash.indicators.compute import compute_figures
from essdash.indicators.filieres import Filiere, load_filieres, parse_codes
from essdash.indicators.territories import resolve
from tests.indicators.sirene_rows import Row, add_communes, write_files

NAFS = ["38.11Z", "38.32Z", "46.77Z", "46.76Z", "47.79Z", "95.11Z", "46.31Z", "56.10A", "01.11Z"]


@pytest.mark.parametrize(
    ("codes", "matching"),
    [
        (("38",), {"38.11Z", "38.32Z"}),
        (("46.77Z",), {"46.77Z"}),
        (("4677Z", "95"), {"46.77Z", "95.11Z"}),
        (("46.3", "56"), {"46.31Z", "56.10A"}),
        (
            ("38", "39", "46.77Z", "47.79Z", "95"),
            {"38.11Z", "38.32Z", "46.77Z", "47.79Z", "95.11Z"},
        ),
    ],
)
def test_prefixes_match_codes_under_them(
    db_url: str, tmp_path: Path, codes: tuple[str, ...], matching: set[str]
) -> None:
    add_communes(["99001"])
    rows = [Row("9220", naf=n) for n in NAFS] + [Row("5710", naf=n) for n in NAFS]
    import_sirene(*write_files(rows, tmp_path))
    with read_session() as s:
        f = compute_figures(
            s, resolve(s, "commune", "99001"), naf_prefixes=Filiere("x", "x", codes).prefixes
        )
    assert f.establishments_active == 2 * len(matching)
    assert f.ess_establishments == len(matching)


def test_three_default_filieres_are_shipped() -> None:
    filieres = {f.key: f for f in load_filieres()}
    assert len(filieres) == 3
    assert set(filieres["dechets_reemploi"].codes) == {"38", "39", "46.77Z", "47.79Z", "95"}
    assert "56.29" in filieres["achats_responsables"].codes


def test_edited_codes_are_checked() -> None:
    assert parse_codes("38, 46.77Z; 95") == ("38", "46.77Z", "95")
    with pytest.raises(ImportFailed, match="abc"):
        parse_codes("38 abc")
