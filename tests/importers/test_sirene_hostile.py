"""The Sirene cases of the bad-input corpus, run through the CLI on a prepared data directory:
exit code 2, the French fragments, no traceback, database and data files byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from essdash.cli import main
from essdash.importers.sirene import import_sirene
from tests.importers.corpus.model import BadCase
from tests.importers.corpus.sirene_cases import cases


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "cases" not in p.parts
    }


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_sirene_bad_case_is_refused_and_changes_nothing(
    db_url: str,
    shared_data: Path,
    tmp_path: Path,
    case: BadCase,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = shared_data / "sirene"
    import_sirene(
        folder / "StockEtablissement_utf8_sample_trackdechets.csv",
        folder / "StockUniteLegale_utf8_sample_trackdechets.csv",
    )
    files = tmp_path / "cases"
    files.mkdir()
    for name, content in case.make(shared_data).items():
        (files / name).write_bytes(content)
    before = _fingerprint(tmp_path)
    capsys.readouterr()

    code = main([arg.replace("{dir}", str(files)) for arg in case.command])

    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 2, text
    assert "Traceback" not in text
    for fragment in case.expect:
        assert fragment in text, (fragment, text)
    assert _fingerprint(tmp_path) == before


def test_at_least_twelve_sirene_cases_with_unique_names() -> None:
    names = [c.name for c in cases()]
    assert len(names) >= 12 and len(set(names)) == len(names)


def test_preview_names_the_bad_line_and_shows_stored_columns(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    from essdash.errors import ImportFailed
    from essdash.importers.sirene import preview_sirene

    sample = shared_data / "sirene" / "StockEtablissement_utf8_sample_trackdechets.csv"
    frame = preview_sirene(sample)
    assert len(frame) == 20
    assert {"siret", "commune", "etat", "naf_rev2", "tranche", "lon", "lat"} <= set(frame.columns)
    lines = sample.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace(",2008-05-20,", ",20/05/2008,")
    bad = tmp_path / "StockEtablissement_utf8.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"ligne 3 : colonne « dateCreationEtablissement »"):
        preview_sirene(bad)


def test_masked_fields_of_diffusion_partielle_are_accepted_as_unknown(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    import csv

    import duckdb

    from essdash.indicators import store

    sample = shared_data / "sirene" / "StockEtablissement_utf8_sample_trackdechets.csv"
    with sample.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    masked = ["dateCreationEtablissement", "trancheEffectifsEtablissement",
              "denominationUsuelleEtablissement", "enseigne1Etablissement",
              "coordonneeLambertAbscisseEtablissement",
              "coordonneeLambertOrdonneeEtablissement"]  # fmt: skip
    rows[1].update({"statutDiffusionEtablissement": "P", **dict.fromkeys(masked, "[ND]")})
    path = tmp_path / "StockEtablissement_utf8.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    report = import_sirene(path)

    assert report.establishments == len(rows)
    got = duckdb.connect().execute(
        "SELECT diffusion, date_creation, tranche, name, lon FROM read_parquet(?) WHERE siret = ?",
        [str(store.establishments_path()), rows[1]["siret"]],
    )
    assert got.fetchall() == [("P", None, "", None, None)]
