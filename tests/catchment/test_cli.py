"""`python -m essdash catchment`: JSON and CSV per commune, and its French refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from essdash.cli import main
from tests.catchment.world import draw_zone

SAINT_SEBASTIEN, NANTES = "44190", "44109"


@pytest.fixture
def two_zones(real_world, structure):
    epicerie = structure("Épicerie", actor_type="ess", ess_family="association")
    garage = structure("Garage solidaire", actor_type="entreprise")
    draw_zone(epicerie, real_world.contours[SAINT_SEBASTIEN], sector="Alimentation")
    draw_zone(garage, real_world.contours[NANTES], sector="Mobilité")
    return real_world


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["catchment", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_per_commune_with_uncovered(two_zones, capsys):
    code, out, _ = _run(capsys, "--workshop", "couv44", "--format", "json")
    assert code == 0
    document = json.loads(out)
    communes = {c["code"]: c for c in document["communes"]}
    assert len(communes) == 207 and document["min_share"] == 0.1
    sebastien = communes[SAINT_SEBASTIEN]
    assert sebastien["name"] == "Saint-Sébastien-sur-Loire"
    assert sebastien["population"] == two_zones.populations[SAINT_SEBASTIEN]
    assert (sebastien["zones"], len(sebastien["actors"])) == (1, 1)
    assert sebastien["sectors"]["alimentation"]["zones"] == 1
    assert communes[NANTES]["sectors"].keys() == {"mobilite"}
    assert sebastien["actors"] != communes[NANTES]["actors"]
    assert set(document["uncovered"]) == set(communes) - {SAINT_SEBASTIEN, NANTES}
    assert document["sectors"] == {"alimentation": "Alimentation", "mobilite": "Mobilité"}


def test_json_of_one_sector(two_zones, capsys):
    _, out, _ = _run(capsys, "--workshop", "COUV44", "--sector", "mobilite")
    document = json.loads(out)
    assert document["sector"] == "mobilite"
    assert SAINT_SEBASTIEN in document["uncovered"] and NANTES not in document["uncovered"]


def test_csv_per_commune(two_zones, capsys):
    code, out, _ = _run(capsys, "--workshop", "COUV44", "--format", "csv", "--min-share", "0.5")
    assert code == 0
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(out))}
    assert len(rows) == 207
    assert list(next(iter(rows.values())))[:6] == [
        "code", "name", "population", "zones", "actors", "uncovered",
    ]  # fmt: skip
    sebastien = rows[SAINT_SEBASTIEN]
    assert (sebastien["zones"], sebastien["uncovered"], sebastien["zones:alimentation"]) == (
        "1", "0", "1",
    )  # fmt: skip
    assert sebastien["population"] == str(two_zones.populations[SAINT_SEBASTIEN])
    assert rows["44009"]["uncovered"] == "1" and rows["44009"]["zones:mobilite"] == "0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workshop", "NOPE"], "aucun atelier n'a le code « NOPE »"),
        (["--workshop", "COUV44", "--sector", "transport"], "clé « transport » inconnue"),
        (["--workshop", "COUV44", "--min-share", "0"], "Part minimale"),
        (["--workshop", "COUV44", "--min-share", "1.5"], "Part minimale"),
    ],
)
def test_refusals_in_french(two_zones, capsys, args, message):
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("Erreur : ") and message in err
