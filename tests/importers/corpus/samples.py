"""Small pieces of the real samples of ../shared/data, for generating hostile files."""

from __future__ import annotations

import copy
import io
import json
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

SIRENE = "sirene/StockEtablissement_utf8_geo_sample_gosirene.csv"
COMMUNES_44 = "geo/communes-44-loire-atlantique.geojson"
COG_CSV_HEADER = "TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT"


@lru_cache(maxsize=2)
def _json(shared: Path, name: str) -> Any:
    return json.loads((shared / name).read_text(encoding="utf-8"))


def communes(shared: Path, count: int = 5, departement: str = "44") -> list[dict[str, Any]]:
    """The first current communes of a département, as in communes.json (copies)."""
    found = [
        c
        for c in _json(shared, "cog/communes.json")
        if c.get("departement") == departement and c.get("type") == "commune-actuelle"
    ]
    return copy.deepcopy(found[:count])


def epcis(shared: Path, count: int = 2) -> list[dict[str, Any]]:
    """The first EPCI of epci.json whose members are all in Loire-Atlantique (copies)."""
    found = [
        e
        for e in _json(shared, "cog/epci.json")
        if all(m["code"].startswith("44") for m in e["membres"])
    ]
    return copy.deepcopy(found[:count])


def cog_csv(shared: Path, count: int = 5) -> list[str]:
    """Lines of an INSEE v_commune CSV (header first) built from real communes."""
    lines = [COG_CSV_HEADER]
    for c in communes(shared, count):
        name = c["nom"]
        lines.append(f"COM,{c['code']},{c['region']},{c['departement']},,,0,,{name},{name},,")
    return lines


def features(shared: Path, count: int = 3) -> list[dict[str, Any]]:
    """The first commune features of Loire-Atlantique (copies)."""
    return copy.deepcopy(_json(shared, COMMUNES_44)["features"][:count])


def collection(items: list[Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": items}


def dumps(data: Any, encoding: str = "utf-8") -> bytes:
    return json.dumps(data, ensure_ascii=False).encode(encoding)


def sirene_lines(shared: Path) -> list[str]:
    return (shared / SIRENE).read_text(encoding="utf-8").splitlines()


def sirene_bytes(shared: Path) -> bytes:
    return (shared / SIRENE).read_bytes()


def urssaf_bytes(shared: Path, lines: int = 40) -> bytes:
    path = sorted((shared / "urssaf").glob("*.csv"))[0]
    with path.open("rb") as handle:
        return b"".join(handle.readline() for _ in range(lines))


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(name: str, size: int) -> bytes:
    """A valid .zip whose one member inflates to `size` bytes of "0" (about 1,000 times more).

    Built by repeating one fully flushed deflate block: fast, and never `size` bytes in memory."""
    chunk = b"0" * (1 << 20)
    count = size // len(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    raw, total = name.encode(), count * len(chunk)
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), total, len(raw), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        total,
        len(raw),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    central += raw
    offset = len(local) + len(raw) + len(data)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), offset, 0)
    return local + raw + data + central + end


def encrypted_flag(data: bytes) -> bytes:
    """The same archive with its members flagged as password-protected."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        while at >= 0:
            raw[at + offset] |= 0x1
            at = raw.find(signature, at + 4)
    return bytes(raw)


def workbook(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parquet(shared: Path) -> bytes:
    """The Sirene sample written as Parquet by DuckDB (in a temporary file)."""
    import tempfile

    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "sample.parquet"
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{shared / SIRENE}', all_varchar = true)) "
            f"TO '{target}' (FORMAT parquet)"
        )
        con.close()
        return target.read_bytes()


def to_lambert93(node: Any) -> Any:
    """Coordinates moved to Lambert-93-like metres (a plausible careless export)."""
    if isinstance(node, list) and node and isinstance(node[0], int | float):
        lon, lat = node[0], node[1]
        return [round(700_000 + (lon - 3) * 73_000), round(6_600_000 + (lat - 46.5) * 111_000)]
    return [to_lambert93(child) for child in node]
