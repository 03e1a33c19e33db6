# ruff: noqa: E501  (one case per two lines reads best as a table)
"""Hostile and careless Sirene files, built from the real samples of ../shared/data/sirene.

Each case is refused (exit code 2) with a French message naming the file, the line(s) and what
was expected; the store is left as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

from tests.importers.corpus.model import BadCase

ESTAB = "StockEtablissement_utf8.csv"
UNITS = "StockUniteLegale_utf8.csv"
GEO = "GeolocalisationEtablissement_Sirene_pour_etudes_statistiques_utf8.csv"
ESTAB_SAMPLE = "sirene/StockEtablissement_utf8_sample_trackdechets.csv"
UNITS_SAMPLE = "sirene/StockUniteLegale_utf8_sample_trackdechets.csv"
GEO_SAMPLE = "sirene/StockEtablissement_utf8_geo_sample_gosirene.csv"
ESTAB_ARGS = ("import-sirene", "--etablissements", f"{{dir}}/{ESTAB}")
Rows = list[dict[str, str]]


def _read(data: Path, name: str) -> tuple[list[str], Rows]:
    with (data / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(header: list[str], rows: Rows, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _estab(edit: Callable[[Rows], Rows], sample: str = ESTAB_SAMPLE) -> Callable[[Path], Mapping[str, bytes]]:  # fmt: skip
    def make(data: Path) -> Mapping[str, bytes]:
        header, rows = _read(data, sample)
        return {ESTAB: _write(header, edit(rows))}

    return make


def _set(line: int, column: str, value: str) -> Callable[[Rows], Rows]:
    """Put `value` in `column` on file line `line` (the header is line 1)."""

    def edit(rows: Rows) -> Rows:
        rows[line - 2][column] = value
        return rows

    return edit


def _duplicated(rows: Rows) -> Rows:
    return rows[:50] + rows[:50]  # 100 rows for 50 SIRET


def _slash_dates(rows: Rows) -> Rows:
    for row in rows:
        iso = row["dateCreationEtablissement"]
        if iso:
            row["dateCreationEtablissement"] = f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"
    return rows


def _units_case(edit: Callable[[Rows], Rows]) -> Callable[[Path], Mapping[str, bytes]]:
    def make(data: Path) -> Mapping[str, bytes]:
        e_header, e_rows = _read(data, ESTAB_SAMPLE)
        u_header, u_rows = _read(data, UNITS_SAMPLE)
        return {ESTAB: _write(e_header, e_rows), UNITS: _write(u_header, edit(u_rows))}

    return make


def _repeat_first_unit(rows: Rows) -> Rows:
    return [*rows[:3], dict(rows[0]), *rows[3:]]


def _geo_case(edit: Callable[[Rows], Rows]) -> Callable[[Path], Mapping[str, bytes]]:
    """The geolocated sample as establishments, and INSEE's geolocation file for its SIRET."""

    def make(data: Path) -> Mapping[str, bytes]:
        header, rows = _read(data, GEO_SAMPLE)
        geo_header = ["siret", "x", "y", "qualite_xy", "epsg", "plg_code_commune",
                      "y_latitude", "x_longitude"]  # fmt: skip
        geo_rows = [
            {"siret": r["siret"], "x": "871558.93", "y": "6570915.79", "qualite_xy": "11",
             "epsg": "2154", "plg_code_commune": r["codeCommuneEtablissement"],
             "y_latitude": "", "x_longitude": ""}
            for r in rows
        ]  # fmt: skip
        return {ESTAB: _write(header, rows), GEO: _write(geo_header, edit(geo_rows), ";")}

    return make


def _repeat_second(rows: Rows) -> Rows:
    return [*rows[:3], dict(rows[1]), *rows[3:]]


def _without(column: str) -> Callable[[Path], Mapping[str, bytes]]:
    def make(data: Path) -> Mapping[str, bytes]:
        header, rows = _read(data, ESTAB_SAMPLE)
        kept = [h for h in header if h != column]
        return {ESTAB: _write(kept, [{k: r[k] for k in kept} for r in rows])}

    return make


def _extra_field(data: Path) -> Mapping[str, bytes]:
    lines = (data / ESTAB_SAMPLE).read_bytes().split(b"\n")
    lines[3] += b",surplus"
    return {ESTAB: b"\n".join(lines)}


def _header_only(data: Path) -> Mapping[str, bytes]:
    return {ESTAB: (data / ESTAB_SAMPLE).read_bytes().split(b"\n")[0] + b"\n"}


def cases() -> list[BadCase]:
    geo_args = (*ESTAB_ARGS, "--geolocalisation", f"{{dir}}/{GEO}")
    units_args = (*ESTAB_ARGS, "--unites-legales", f"{{dir}}/{UNITS}")
    return [
        BadCase("sirene-duplicated-siret", ESTAB_ARGS, _estab(_duplicated),
                (ESTAB, "lignes 2 et 52", "SIRET", "présent 2 fois", "50 établissement(s)")),
        BadCase("sirene-date-jj-mm-aaaa", ESTAB_ARGS, _estab(_slash_dates),
                (ESTAB, "lignes 2, 3, 4", "dateCreationEtablissement", "AAAA-MM-JJ", "26/09/2000")),
        BadCase("sirene-date-impossible", ESTAB_ARGS, _estab(_set(7, "dateCreationEtablissement", "2019-02-30")),
                (ESTAB, "ligne 7", "dateCreationEtablissement", "2019-02-30")),
        BadCase("sirene-size-class-negative", ESTAB_ARGS, _estab(_set(5, "trancheEffectifsEtablissement", "-12")),
                (ESTAB, "ligne 5", "trancheEffectifsEtablissement", "« -12 »", "tranche d'effectif")),
        BadCase("sirene-size-class-headcount", ESTAB_ARGS, _estab(_set(9, "trancheEffectifsEtablissement", "150")),
                (ESTAB, "ligne 9", "trancheEffectifsEtablissement", "« 150 »")),
        BadCase("sirene-siret-short", ESTAB_ARGS, _estab(_set(4, "siret", "3251750001")),
                (ESTAB, "ligne 4", "« siret »", "14 chiffres", "3251750001")),
        BadCase("sirene-state-unknown", ESTAB_ARGS, _estab(_set(6, "etatAdministratifEtablissement", "Fermé")),
                (ESTAB, "ligne 6", "etatAdministratifEtablissement", "A ou F", "Fermé")),
        BadCase("sirene-commune-four-digits", ESTAB_ARGS, _estab(_set(8, "codeCommuneEtablissement", "4410")),
                (ESTAB, "ligne 8", "codeCommuneEtablissement", "4410")),
        BadCase("sirene-missing-commune-column", ESTAB_ARGS, _without("codeCommuneEtablissement"),
                (ESTAB, "ligne 1", "codeCommuneEtablissement", "introuvable")),
        BadCase("sirene-extra-field", ESTAB_ARGS, _extra_field, (ESTAB, "ligne 4", "nombre de colonnes")),
        BadCase("sirene-header-only", ESTAB_ARGS, _header_only, (ESTAB, "aucun établissement")),
        BadCase("sirene-legal-unit-siren-short", units_args, _units_case(_set(3, "siren", "32517")),
                (UNITS, "ligne 3", "« siren »", "9 chiffres", "32517")),
        BadCase("sirene-legal-unit-repeated", units_args, _units_case(_repeat_first_unit),
                (UNITS, "lignes 2 et 5", "SIREN « 000325175 »", "présent 2 fois")),
        BadCase("sirene-geo-epsg-unknown", geo_args, _geo_case(_set(5, "epsg", "27572")),
                (GEO, "ligne 5", "epsg", "27572", "code EPSG")),
        BadCase("sirene-geo-repeated-siret", geo_args, _geo_case(_repeat_second),
                (GEO, "lignes 3 et 5", "SIRET", "présent 2 fois")),
    ]  # fmt: skip
