"""Panorama: ESS establishments by size class and family, NA88 divisions, density per 10,000
inhabitants; expected values counted here from hand-written rows."""

from __future__ import annotations

from pathlib import Path

from essdash.db import read_session, write_session
from essdash.importers.sirene import import_sirene
from essdash.indicators.compute import compute_report
from essdash.indicators.panorama import per_inhabitants
from essdash.models import Commune
from tests.indicators.sirene_rows import Row, add_communes, write_files

# (row, family in the statistical perimeter, observatory size class)
ROWS = [
    *[(Row("9220", tranche="NN"), "association", "NN") for _ in range(4)],
    *[(Row("9220", tranche="02", naf="85.59A"), "association", "lt10") for _ in range(5)],
    *[(Row("9220", tranche="12", naf="88.10A"), "association", "10_49") for _ in range(3)],
    (Row("9220", tranche="21", naf="88.10A"), "association", "50_249"),
    (Row("9220", tranche="42", naf="86.10Z"), "association", "250+"),
    *[(Row("5458", tranche="11", naf="43.21A"), "cooperative", "10_49") for _ in range(3)],
    (Row("1000", tranche="11", naf="47.11B"), None, None),
    (Row("9220", tranche="11", naf="84.11Z"), None, None),  # excluded activity
    (Row("9220", tranche="11", etat="F"), None, None),  # closed
]


def test_size_classes_divisions_and_density(db_url: str, tmp_path: Path) -> None:
    add_communes(["99001"])
    with write_session() as s:
        commune = s.get(Commune, "99001")
        assert commune is not None
        commune.population = 4_000
    import_sirene(*write_files([r for r, _f, _c in ROWS], tmp_path))
    with read_session() as s:
        figures = compute_report(s, "commune:99001").main
    sizes = figures.panorama["size_by_family"]
    for family in ("association", "cooperative"):
        for size in ("NN", "lt10", "10_49", "50_249", "250+"):
            expected = sum(1 for _r, f, c in ROWS if f == family and c == size)
            assert sizes.loc[family, size] == expected, (family, size)
    hidden = {c.key for c in figures.panorama_secret if c.table == "size_by_family"}
    assert "association|50_249" in hidden and "association|250+" in hidden  # one each
    assert "association|lt10" not in hidden
    divisions = figures.panorama["by_division"]
    assert divisions.index[0] == "88"  # 88.99B (default NAF) ×4 and 88.10A ×4
    assert divisions.loc["88", "establishments"] == 8
    assert divisions.loc["88", "label"] == "88 – Action sociale sans hébergement"
    ess = sum(1 for _r, f, _c in ROWS if f)
    assert figures.ess_establishments == ess
    assert per_inhabitants(figures.ess_establishments, 4_000) == ess * 10_000 / 4_000
