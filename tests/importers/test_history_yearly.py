"""Sirene history → yearly stock, ESS creations and closures, 2010 → today, checked against the
same counts made here in plain Python from small generated history files (random but seeded
periods, legal units whose form and ESS flag change over time)."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pandas as pd
import pytest

from essdash.cli import main
from essdash.db import read_session
from essdash.errors import ImportFailed
from essdash.importers.sirene import import_sirene
from essdash.importers.sirene_history import import_history
from essdash.indicators import history, series
from essdash.indicators.perimeter import LEGAL, STATISTICAL, load_perimeter
from essdash.indicators.territories import parse_key, resolve
from tests.indicators.sirene_rows import Row, add_communes, write_files

FAMILY = {"9220": "association", "5458": "cooperative", "8210": "mutuelle", "9300": "fondation"}
NAFS = ["88.99B", "94.99Z", "84.11Z", "47.11B", "94.20Z", "85.59A"]
EXCLUDED = ("84", "94.20Z")
ESTAB_HEADER = [
    "siren", "nic", "siret", "dateFin", "dateDebut", "etatAdministratifEtablissement",
    "changementEtatAdministratifEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
]  # fmt: skip
UNIT_HEADER = ["siren", "dateFin", "dateDebut", "categorieJuridiqueUniteLegale",
               "economieSocialeSolidaireUniteLegale"]  # fmt: skip
COMMUNES = ["99001", "99002"]


def _date(rng: random.Random, start: int, end: int) -> dt.date:
    return dt.date(start, 1, 1) + dt.timedelta(days=rng.randrange((end - start) * 365))


def _periods(rng: random.Random, count: int) -> list[tuple[dt.date, dt.date | None]]:
    starts = sorted({_date(rng, 2004, 2026) for _ in range(count)})
    ends: list[dt.date | None] = [s - dt.timedelta(days=1) for s in starts[1:]]
    return list(zip(starts, [*ends, None], strict=True))


def _generate(n: int) -> tuple[list[Row], list[dict[str, object]], list[dict[str, object]]]:
    rng = random.Random(13)
    rows, estab, units = [], [], []
    for i in range(1, n + 1):
        siren = f"{100000000 + i:09d}"
        cj_now = rng.choice([*FAMILY, "5710", "1000"])
        rows.append(Row(cj_now, commune=rng.choice(COMMUNES), ess=rng.choice(["O", ""])))
        state = rng.choice(["A", "F"])
        for start, end in _periods(rng, rng.randint(1, 4)):
            state = "A" if state == "F" or rng.random() < 0.2 else "F"
            estab.append({"siret": siren + "00012", "start": start, "end": end, "etat": state,
                          "naf": rng.choice(NAFS), "employer": rng.choice("ON")})  # fmt: skip
        if rng.random() < 0.5:
            for start, end in _periods(rng, rng.randint(1, 3)):
                units.append({"siren": siren, "start": start, "end": end,
                              "cj": rng.choice([*FAMILY, "5710", "1000"]),
                              "ess": rng.choice(["O", "N"])})  # fmt: skip
    return rows, estab, units


def _write(folder: Path, estab: list[dict[str, object]], units: list[dict[str, object]]) -> None:
    def day(d: object) -> str:
        return "" if d is None else str(d)

    with (folder / "hist_e.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(ESTAB_HEADER)
        for p in estab:
            siret = str(p["siret"])
            w.writerow([siret[:9], siret[9:], siret, day(p["end"]), day(p["start"]), p["etat"],
                        "true", p["naf"], "NAFRev2", p["employer"]])  # fmt: skip
    with (folder / "hist_u.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(UNIT_HEADER)
        for u in units:
            w.writerow([u["siren"], day(u["end"]), day(u["start"]), u["cj"], u["ess"]])


def _covering(periods: list[dict[str, object]], at: dt.date) -> dict[str, object] | None:
    for p in periods:
        if p["start"] <= at and (p["end"] is None or p["end"] >= at):  # type: ignore[operator]
            return p
    return None


def _family(row: Row, unit: dict[str, object] | None, naf: str, choice: str) -> str | None:
    cj, ess = (unit["cj"], unit["ess"]) if unit else (row.cj, row.ess)
    if naf.startswith(EXCLUDED):
        return None
    if cj in FAMILY:
        return FAMILY[str(cj)]
    return "commerciale_ess" if choice == LEGAL and ess == "O" else None


def _expected(rows: list[Row], estab: list[dict[str, object]], units: list[dict[str, object]],
              communes: set[str], choice: str) -> dict[int, dict[str, int]]:  # fmt: skip
    today = dt.date.today()
    out = {y: dict.fromkeys(("all", "ess", "employer", "creations", "closures"), 0)
           for y in range(2010, today.year + 1)}  # fmt: skip
    for i, row in enumerate(rows, start=1):
        if row.commune not in communes:
            continue
        siren = f"{100000000 + i:09d}"
        mine = sorted((p for p in estab if p["siret"] == siren + "00012"), key=lambda p: p["start"])  # type: ignore[arg-type,return-value]
        unit_periods = [u for u in units if u["siren"] == siren]

        def family(at: dt.date, naf: object) -> str | None:
            return _family(row, _covering(unit_periods, at), str(naf), choice)  # noqa: B023

        for year, cell in out.items():
            at = min(dt.date(year, 12, 31), today)
            p = _covering(mine, at)
            if p and p["etat"] == "A":
                cell["all"] += 1
                if family(at, p["naf"]):
                    cell["ess"] += 1
                    cell["employer"] += p["employer"] == "O"
        first = next((p for p in mine if p["etat"] == "A"), None)
        if first and first["start"].year in out and family(first["start"], first["naf"]):  # type: ignore[union-attr]
            out[first["start"].year]["creations"] += 1  # type: ignore[union-attr]
        for before, p in itertools.pairwise(mine):
            year = p["start"].year  # type: ignore[attr-defined]
            if before["etat"] == "A" and p["etat"] == "F" and year in out:
                out[year]["closures"] += bool(family(p["start"], p["naf"]))  # type: ignore[arg-type]
    return out


Generated = tuple[list[Row], list[dict[str, object]], list[dict[str, object]]]


@pytest.fixture
def imported(db_url: str, tmp_path: Path) -> Generated:
    rows, estab, units = _generate(150)
    add_communes(COMMUNES)
    import_sirene(*write_files(rows, tmp_path))
    _write(tmp_path, estab, units)
    import_history(tmp_path / "hist_e.csv", tmp_path / "hist_u.csv")
    return rows, estab, units


@pytest.mark.parametrize("choice", [STATISTICAL, LEGAL])
@pytest.mark.parametrize("key", ["commune:99001", "epci:299999999", "france"])
def test_yearly_stock_creations_closures(imported, key: str, choice: str) -> None:  # type: ignore[no-untyped-def]
    rows, estab, units = imported
    communes = set(COMMUNES) if key != "commune:99001" else {"99001"}
    expected = _expected(rows, estab, units, communes, choice)
    with read_session() as s:
        table = series.yearly(s, resolve(s, *parse_key(key)), choice, load_perimeter())
    assert list(table.index) == list(expected)
    for year, cell in expected.items():
        got = table.loc[year]
        assert (got["establishments_active"], got["ess_establishments"],
                got["ess_employer_establishments"], got["creations"], got["closures"]) == (
            cell["all"], cell["ess"], cell["employer"], cell["creations"], cell["closures"]
        ), year  # fmt: skip
    assert sum(c["ess"] for c in expected.values()) > 50  # the case is not trivial
    assert sum(c["closures"] for c in expected.values()) > 5


def test_cli_series_and_average_change(imported, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["indicators", "--territory", "epci:299999999", "--series"]) == 0
    data = json.loads(capsys.readouterr().out)
    year = str(dt.date.today().year - 1)
    wanted = {"establishments_active", "ess_establishments", "ess_employer_establishments",
              "creations", "closures"}  # fmt: skip
    assert set(data["series"][year]) >= wanted
    assert "series" in data["references"][-1]
    stock = {int(y): v["ess_establishments"] for y, v in data["series"].items()}
    first, last = min(stock), max(stock)
    change = series.average_change(pd.Series(stock))
    assert change == pytest.approx((stock[last] / stock[first]) ** (1 / (last - first)) - 1)


def test_history_needs_the_stock_and_readable_dates(db_url: str, tmp_path: Path) -> None:
    _rows, estab, units = _generate(5)
    _write(tmp_path, estab, units)
    with pytest.raises(ImportFailed, match="importez d'abord le stock"):
        import_history(tmp_path / "hist_e.csv")
    add_communes(COMMUNES)
    import_sirene(*write_files(_rows, tmp_path))
    lines = (tmp_path / "hist_e.csv").read_text().splitlines()
    lines[3] = lines[3].replace(str(estab[2]["start"]), "31/12/2019")
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(
        ImportFailed, match=r"bad.csv, ligne\(s\) 4 : colonne « dateDebut ».*31/12/2019"
    ):
        import_history(tmp_path / "bad.csv")
    assert not history.periods_path().exists()
