"""Shared source reading (`import-sirene`, `import-urssaf`): zips, Parquet, workbooks, encodings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tests.importers.corpus import samples as s
from tests.importers.corpus.model import BadCase

Build = Callable[[Path], bytes]


def _sirene(name: str, file: str, build: Build, *expect: str, **extra: Any) -> BadCase:
    def make(shared: Path) -> Mapping[str, bytes]:
        return {file: build(shared)}

    command = ("import-sirene", "--etablissements", f"{{dir}}/{file}")
    return BadCase(name, command, make, (file, *expect), **extra)


def _urssaf(name: str, file: str, build: Build, *expect: str, **extra: Any) -> BadCase:
    def make(shared: Path) -> Mapping[str, bytes]:
        return {file: build(shared)}

    return BadCase(name, ("import-urssaf", f"{{dir}}/{file}"), make, (file, *expect), **extra)


def _zip(**members: Build) -> Build:
    return lambda shared: s.zipped({k.replace("_", "."): v(shared) for k, v in members.items()})


def _latin1_body(shared: Path) -> bytes:
    lines = s.sirene_lines(shared)
    lines[4] = lines[4].replace(",,", ",Hôtel de Ville,", 1)
    return ("\n".join(lines) + "\n").encode("latin-1", "replace")


def _latin1_header(shared: Path) -> bytes:
    lines = s.sirene_lines(shared)
    lines[0] = lines[0].replace("siren,", "numéroSiren,", 1)
    return ("\n".join(lines) + "\n").encode("latin-1")


def _workbook_rows(shared: Path) -> bytes:
    return s.workbook([line.split(",") for line in s.sirene_lines(shared)[:10]])


def _half(build: Build) -> Build:
    return lambda shared: build(shared)[: len(build(shared)) // 2]


def cases() -> list[BadCase]:
    sample: Build = s.sirene_bytes
    return [
        _sirene(
            "sources-zip-bomb-1gib",
            "bombe.zip",
            lambda _s: s.zip_bomb("StockEtablissement_utf8.csv", 1 << 30),
            "taux de compression anormal",
            "sans être décompressée",
        ),
        _urssaf(
            "sources-urssaf-zip-bomb",
            "effectifs.zip",
            lambda _s: s.zip_bomb("effectifs.csv", 256 << 20),
            "taux de compression anormal",
        ),
        _sirene(
            "sources-zip-over-size-cap",
            "stock.zip",
            _zip(stock_csv=sample),
            "ESSDASH_ZIP_MAX_BYTES",
            env=(("ESSDASH_ZIP_MAX_BYTES", "10000"),),
        ),
        _sirene(
            "sources-zip-two-csv",
            "stock.zip",
            _zip(a_csv=sample, b_csv=sample),
            "un seul fichier .csv attendu",
        ),
        _sirene(
            "sources-zip-no-csv",
            "stock.zip",
            _zip(lisezmoi_txt=lambda _s: b"rien"),
            "aucun fichier .csv",
        ),
        _sirene("sources-zip-truncated", "stock.zip", _half(_zip(stock_csv=sample)), "illisible"),
        _sirene(
            "sources-zip-encrypted",
            "stock.zip",
            lambda sh: s.encrypted_flag(_zip(stock_csv=sample)(sh)),
            "mot de passe",
        ),
        _sirene(
            "sources-zip-holding-workbook",
            "stock.zip",
            _workbook_rows,
            "classeur",
            "Formats acceptés",
        ),
        _sirene(
            "sources-xlsx",
            "StockEtablissement.xlsx",
            _workbook_rows,
            "classeur",
            "non accepté",
            "Formats acceptés",
        ),
        _sirene(
            "sources-xls",
            "StockEtablissement.xls",
            lambda _s: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "classeur",
        ),
        _sirene(
            "sources-xlsx-renamed-csv", "stock.csv", _workbook_rows, "classeur", "Formats acceptés"
        ),
        _sirene(
            "sources-zip-renamed-csv",
            "stock.csv",
            _zip(stock_csv=sample),
            "archive .zip mal nommée",
        ),
        _sirene(
            "sources-parquet-garbage",
            "stock.parquet",
            lambda _s: b"ceci n'est pas un fichier parquet\n" * 20,
            "fichier Parquet attendu",
        ),
        _sirene(
            "sources-parquet-truncated",
            "stock.parquet",
            lambda sh: s.parquet(sh)[:-40],
            "fichier Parquet illisible",
        ),
        _urssaf(
            "sources-urssaf-parquet-garbage",
            "effectifs.parquet",
            lambda _s: b"PAR1" + b"\x07" * 200,
            "fichier Parquet illisible",
        ),
        _sirene(
            "sources-gzip", "stock.csv", lambda sh: __import__("gzip").compress(sample(sh)), "gzip"
        ),
        _sirene("sources-pdf", "stock.csv", lambda _s: b"%PDF-1.7\n" + b"x" * 100, "document PDF"),
        _sirene(
            "sources-utf16",
            "stock.csv",
            lambda sh: sample(sh).decode("utf-8").encode("utf-16"),
            "ligne 1",
            "UTF-16",
        ),
        _sirene(
            "sources-utf16le-no-bom",
            "stock.csv",
            lambda sh: sample(sh).decode("utf-8").encode("utf-16-le"),
            "ligne 1",
            "lu UTF-16",
        ),
        _sirene("sources-latin1-header", "stock.csv", _latin1_header, "ligne 1", "UTF-8"),
        _sirene("sources-latin1-body", "stock.csv", _latin1_body, "encodage attendu UTF-8"),
        _sirene("sources-empty", "stock.csv", lambda _s: b"", "ligne 1", "fichier vide"),
        _sirene(
            "sources-binary-noise",
            "stock.csv",
            lambda _s: bytes(range(256)) * 40,
            "fichier binaire",
        ),
        _urssaf("sources-urssaf-xlsx", "effectifs.xlsx", _workbook_rows, "classeur"),
        _urssaf(
            "sources-urssaf-latin1",
            "effectifs.csv",
            lambda sh: s.urssaf_bytes(sh).decode("utf-8").encode("latin-1", "replace"),
            "ligne 1",
            "encodage attendu UTF-8",
        ),
    ]
