"""`python -m essdash indicators --format json` on the demo: the contract's keys, and numbers
recomputed here from the demo's own Sirene files with the csv module."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from essdash.cli import main
from essdash.db import write_session
from essdash.demo import load_demo
from essdash.demo.geography import demo_communes
from essdash.demo.sirene_seed import write_demo_files

KEYS = {
    "territory", "establishments_active", "ess_establishments", "ess_share_establishments",
    "ess_employer_establishments", "ess_employees_estimate", "private_employees_estimate",
    "ess_share_private_employees", "by_family", "by_sector", "by_size", "by_commune", "secret",
    "references",
}  # fmt: skip
FAMILY_OF = {
    "9210": "association", "9220": "association", "5458": "cooperative", "5560": "cooperative",
    "6317": "cooperative", "8210": "mutuelle", "9300": "fondation",
}  # fmt: skip
EXCLUDED = ("84", "94.11Z", "94.20Z", "94.91Z", "94.92Z")
MIDPOINT = {"01": 1.5, "02": 4, "03": 7.5, "11": 14.5, "12": 34.5, "21": 74.5}


def _expected(tmp_path: Path, communes: set[str]) -> dict[str, float]:
    estab, units = tmp_path / "e.csv", tmp_path / "u.csv"
    write_demo_files(demo_communes(), estab, units)
    cj = {r["siren"]: r["categorieJuridiqueUniteLegale"] for r in csv.DictReader(units.open())}
    active = [
        r for r in csv.DictReader(estab.open())
        if r["etatAdministratifEtablissement"] == "A" and r["codeCommuneEtablissement"] in communes
    ]  # fmt: skip
    ess = [
        r for r in active
        if cj[r["siren"]] in FAMILY_OF
        and not r["activitePrincipaleEtablissement"].startswith(EXCLUDED)
    ]  # fmt: skip
    employees = [MIDPOINT.get(r["trancheEffectifsEtablissement"], 0) for r in ess]
    private = [
        MIDPOINT.get(r["trancheEffectifsEtablissement"], 0)
        for r in active if not cj[r["siren"]].startswith(("4", "7"))
    ]  # fmt: skip
    return {
        "establishments_active": len(active),
        "ess_establishments": len(ess),
        "ess_employer_establishments": sum(1 for e in employees if e > 0),
        "ess_employees_estimate": sum(employees),
        "private_employees_estimate": sum(private),
        "associations": sum(1 for r in ess if FAMILY_OF[cj[r["siren"]]] == "association"),
    }


def test_indicators_json_on_the_demo(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with write_session() as s:
        ctx = load_demo(s)
    epci_communes = {c.code for c in ctx.communes if c.in_epci}
    assert main(["indicators", "--territory", "epci:200099999", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= KEYS
    assert data["territory"] == {"kind": "epci", "code": "200099999", "name": ctx.epci.name}
    expected = _expected(tmp_path, epci_communes)
    for key in ("establishments_active", "ess_establishments", "ess_employer_establishments",
                "ess_employees_estimate", "private_employees_estimate"):  # fmt: skip
        assert data[key] == pytest.approx(expected[key]), key
    assert 0 < data["ess_share_establishments"] < 1
    assert data["ess_share_establishments"] == pytest.approx(
        expected["ess_establishments"] / expected["establishments_active"], abs=1e-4
    )
    assert data["by_family"]["association"]["establishments"] == expected["associations"]
    assert set(data["by_commune"]) == epci_communes
    assert [r["territory"]["kind"] for r in data["references"]] == [
        "departement",
        "region",
        "france",
    ]
    whole = _expected(tmp_path, {c.code for c in ctx.communes})
    assert data["references"][0]["ess_establishments"] == whole["ess_establishments"]


def test_indicators_secret_and_csv(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with write_session() as s:
        load_demo(s)
    assert main(["indicators", "--territory", "commune:00005", "--secret", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for cell in data["secret"]:
        if cell["table"] in ("by_family", "by_sector", "by_size", "by_commune"):
            assert data[cell["table"]][cell["key"]]["establishments"] == "s"
    assert main(["indicators", "--territory", "departement:00", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "territoire;nom;tableau;cle;libelle;mesure;valeur"
    assert any(";ess_establishments;" in line for line in lines)


def test_unknown_territory_is_a_french_error(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with write_session() as s:
        load_demo(s)
    assert main(["indicators", "--territory", "epci:123", "--format", "json"]) == 2
    assert "inconnu" in capsys.readouterr().err
