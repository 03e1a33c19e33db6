"""Hand-written establishments → figures: families, exclusions, perimeters, employers, midpoints,
private-sector denominator, sectors. Every expected value below is read off perimetre_ess.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from essdash.db import read_session
from essdash.importers.sirene import import_sirene
from essdash.indicators.compute import compute_figures
from essdash.indicators.territories import resolve
from tests.indicators.sirene_rows import Row, add_communes, write_files

# row, family (statistical), family (legal), employees (midpoint), private, sector of ESS rows
CASES: list[tuple[Row, str | None, str | None, float, bool, str | None]] = [
    (Row("9220"), "association", "association", 0, True, "action_sociale"),
    (Row("9220", naf="94.20Z"), None, None, 0, True, None),  # syndicat: excluded
    (Row("9220", naf="84.11Z", tranche="01"), None, None, 1.5, True, None),  # division 84
    (Row("9224"), None, None, 0, True, None),  # associations d'avocats left out
    (Row("5458", ess="O", naf="43.21A", tranche="11"), "cooperative", "cooperative", 14.5, True,
     "industrie_construction"),
    (Row("6317", naf="01.11Z", tranche="03"), "cooperative", "cooperative", 7.5, True,
     "agriculture"),
    (Row("8210", ess="O", naf="65.12Z", tranche="21"), "mutuelle", "mutuelle", 74.5, True,
     "finance"),
    (Row("9300", naf="87.10A", tranche="12"), "fondation", "fondation", 34.5, True,
     "action_sociale"),
    (Row("5710", ess="O", naf="47.79Z", tranche="02"), None, "commerciale_ess", 4, True,
     "commerce"),
    (Row("5710", naf="62.01Z", tranche="01"), None, None, 1.5, True, None),
    (Row("5710", ess="O", naf="94.11Z", tranche="01"), None, None, 1.5, True, None),
    (Row("9220", naf="9499", nomenclature="NAP"), "association", "association", 0, True,
     "non_classe"),
    (Row("7210", naf="84.11Z", tranche="12"), None, None, 34.5, False, None),
    (Row("4110", naf="86.10Z", tranche="21"), None, None, 74.5, False, None),
    (Row("9220", naf="88.10A", tranche="53", etat="F"), None, None, 0, True, None),  # closed
    (Row("9220", naf="8810A", nomenclature="", tranche="00"), "association", "association", 0,
     True, "action_sociale"),
    (Row("1000", naf="47.11B", tranche=""), None, None, 0, True, None),
    (Row("9210", naf="93.12Z", tranche="53"), "association", "association", 10000, True,
     "sports_loisirs"),
]  # fmt: skip


@pytest.fixture
def imported(db_url: str, tmp_path: Path) -> str:
    add_communes(["99001"])
    import_sirene(*write_files([c[0] for c in CASES], tmp_path))
    return db_url


def _expected(perimeter: str) -> dict[str, object]:
    active = [c for c in CASES if c[0].etat == "A"]
    family = 1 if perimeter == "statistique" else 2
    ess = [c for c in active if c[family]]
    return {
        "establishments_active": len(active),
        "ess_establishments": len(ess),
        "ess_employer_establishments": sum(1 for c in ess if c[3] > 0),
        "ess_employees_estimate": sum(c[3] for c in ess),
        "private_employees_estimate": sum(c[3] for c in active if c[4]),
        "families": Counter(c[family] for c in ess),
        "sectors": Counter(c[5] for c in ess),
    }


@pytest.mark.parametrize("perimeter", ["statistique", "legal"])
def test_figures_follow_the_perimeter(imported: str, perimeter: str) -> None:
    expected = _expected(perimeter)
    with read_session() as s:
        f = compute_figures(s, resolve(s, "commune", "99001"), choice=perimeter)
    assert f.establishments_active == expected["establishments_active"]
    assert f.ess_establishments == expected["ess_establishments"]
    assert f.ess_employer_establishments == expected["ess_employer_establishments"]
    assert f.ess_employees_estimate == pytest.approx(expected["ess_employees_estimate"])
    assert f.private_employees_estimate == pytest.approx(expected["private_employees_estimate"])
    assert f.ess_share_private_employees == pytest.approx(
        expected["ess_employees_estimate"] / expected["private_employees_estimate"]
    )
    assert dict(f.tables["by_family"]["establishments"]) == dict(expected["families"])
    assert dict(f.tables["by_sector"]["establishments"]) == dict(expected["sectors"])


def test_legal_perimeter_adds_only_commercial_ess_companies(imported: str) -> None:
    with read_session() as s:
        ref = resolve(s, "commune", "99001")
        stat, legal = (compute_figures(s, ref, choice=c) for c in ("statistique", "legal"))
    assert "commerciale_ess" not in stat.tables["by_family"].index
    assert legal.ess_establishments - stat.ess_establishments == 1
    assert legal.tables["by_family"].loc["commerciale_ess", "employees_estimate"] == 4


def test_size_classes_use_the_documented_midpoints(imported: str) -> None:
    with read_session() as s:
        f = compute_figures(s, resolve(s, "commune", "99001"))
    sizes = f.tables["by_size"]
    # ESS active rows by size: NN x3 (NN, NAP, "00"), 11, 03, 21, 12, 53
    assert sizes.loc["NN", "establishments"] == 3
    assert sizes.loc["NN", "employer_establishments"] == 0
    midpoints = {"11": 14.5, "03": 7.5, "21": 74.5, "12": 34.5, "53": 10000}
    for code, midpoint in midpoints.items():
        assert sizes.loc[code, "employees_estimate"] == midpoint


def test_creations_count_ess_establishments_by_year(db_url: str, tmp_path: Path) -> None:
    add_communes(["99001"])
    rows = [Row("9220", created=f"{y}-03-01") for y in (2019, 2019, 2021)]
    rows += [Row("5710", created="2019-01-01")]  # not ESS
    import_sirene(*write_files(rows, tmp_path))
    with read_session() as s:
        f = compute_figures(s, resolve(s, "commune", "99001"))
    assert dict(f.tables["creations"]["establishments"]) == {"2019": 2, "2021": 1}


def test_territory_sums_its_communes_and_maps_old_codes(db_url: str, tmp_path: Path) -> None:
    from essdash.db import write_session
    from essdash.models import CommuneAlias

    add_communes(["99001", "99002"])
    with write_session() as s:
        s.add(CommuneAlias(old_code="99050", commune_code="99002"))
    rows = [
        Row("9220", commune="99001"),
        Row("9220", commune="99050"),
        Row("9220", commune="98001"),
    ]
    import_sirene(*write_files(rows, tmp_path))
    with read_session() as s:
        f = compute_figures(s, resolve(s, "epci", "299999999"))
    assert f.ess_establishments == 2  # 98001 is outside, 99050 is now 99002
    assert dict(f.tables["by_commune"]["establishments"]) == {"99001": 1, "99002": 1}
