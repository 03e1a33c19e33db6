"""« Effacer mes données »: every declared personal column is erased, everywhere, exports included.

The tests walk the declaration of essdash/models/personal.py: a column declared there is
checked here without a line to add.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, text

from essdash.db import read_session, write_session
from essdash.exports import geo
from essdash.exports.document import restitution_pdf
from essdash.exports.scope import diagnostic_scope, workshop_scope
from essdash.exports.workbook import workbook_bytes
from essdash.models import Base, MapFeature, Participant, Structure, Synthesis
from essdash.models.personal import ERASED_NAME, personal_columns
from essdash.workshop.activities.signin import records
from essdash.workshop.activities.signin.service import SignInForm, sign_in

from .conftest import EMAIL, NAME, PHONE, SITE_LABEL, STRUCTURE, Active

# Where each table's declared columns appear in the participant's export.
SECTIONS = {"participant": "participant", "structure": "annuaire", "map_feature": "carte",
            "synthesis": "syntheses", "actor_relation": "relations"}  # fmt: skip


def _participant_columns() -> list[Any]:
    """Declared columns a participant owns (an interviewee's are erased on their own path)."""
    columns = personal_columns(Base.metadata)
    return [c for c in columns if c.table.info.get("owner") != "interviewee"]


def _export(participant_id: int) -> dict[str, Any]:
    with read_session() as s:
        return records.personal_data(s, participant_id=participant_id)


def _section(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    found = data[SECTIONS[table]]
    return [found] if isinstance(found, dict) else found


def _stored(table: str, column: str, participant_id: int) -> list[Any]:
    """The values the database holds for the participant in one declared column."""
    where = {
        "participant": "id = :pid",
        "structure": "id = (SELECT structure_id FROM participant WHERE id = :pid)",
    }.get(table, "participant_id = :pid")
    with read_session() as s:
        rows = s.execute(
            text(f"SELECT {column} FROM {table} WHERE {where} ORDER BY id"), {"pid": participant_id}
        )
        return [r[0] for r in rows]


def test_the_declaration_covers_the_known_personal_columns() -> None:
    declared = {str(c) for c in personal_columns(Base.metadata)}
    expected = {"participant.name", "participant.structure_name", "participant.email",
                "participant.phone", "synthesis.author_name", "structure.name",
                "map_feature.label", "map_feature.offer", "map_feature.geometry",
                "actor_relation.note"}  # fmt: skip
    assert expected <= declared


def test_my_data_export_covers_every_declared_column(active: Active) -> None:
    data = _export(active.participant_id)
    for column in _participant_columns():
        table, label = column.table.name, column.info["label"]
        exported = _section(data, table)
        stored = _stored(table, column.name, active.participant_id)
        assert len(exported) == len(stored) > 0, f"{column}: rows missing from the export"
        for item, value in zip(exported, stored, strict=True):
            assert label in item, f"{column} is not in the export"
            if column.type.python_type is datetime:
                continue  # exported in Paris time, checked by the label alone
            if isinstance(value, str) and column.info["is_json"]:
                assert item[label] == json.loads(value)
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                assert item[label] == value, f"{column}: exported {item[label]!r}"


def _erased_strings(participant_id: int) -> set[str]:
    """Every text value of a declared column held for the participant (before erasure)."""
    found: set[str] = set()
    for column in _participant_columns():
        for value in _stored(column.table.name, column.name, participant_id):
            if isinstance(value, str) and len(value) >= 6 and value != ERASED_NAME:
                found.add(value)
    return found


def _database_text() -> str:
    """Every value of every column of every table, as one searchable text."""
    chunks: list[str] = []
    with read_session() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) absent")
    path = tmp_path / "restitution.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _exports_text(active: Active, tmp_path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with read_session() as s:
        for name, scope in (
            ("atelier", workshop_scope(s, code=active.join_code)),
            ("diagnostic", diagnostic_scope(s, diagnostic_id=active.diagnostic_id)),
        ):
            out[f"classeur {name}"] = _xlsx_text(workbook_bytes(s, scope))
            for path in geo.write_layers(s, scope, tmp_path / name):
                out[path.name] = path.read_text("utf-8")
        out["PDF"] = _pdf_text(restitution_pdf(s, diagnostic_id=active.diagnostic_id), tmp_path)
    return out


def test_erasure_leaves_no_declared_value_in_the_database_or_the_exports(
    active: Active, tmp_path: Path
) -> None:
    erased = _erased_strings(active.participant_id)
    assert {NAME, STRUCTURE, EMAIL, PHONE, SITE_LABEL} <= erased
    before = _exports_text(active, tmp_path / "before")
    assert any(SITE_LABEL in t for t in before.values()), "the exports never showed the site"
    with write_session() as s:
        records.erase_participant(s, participant_id=active.participant_id)
    database = _database_text()
    kept = {value for value in erased if value in database}
    assert not kept, f"still in the database after erasure: {kept}"
    for name, content in _exports_text(active, tmp_path / "after").items():
        leaked = {value for value in erased if value in content}
        assert not leaked, f"still in {name} after erasure: {leaked}"
    with read_session() as s:
        p = s.get(Participant, active.participant_id)
        assert p is not None and p.erased_at is not None and p.name == ERASED_NAME
        assert (p.structure_name, p.structure_id) == ("", None)
        authors = s.scalars(
            select(Synthesis.author_name).where(Synthesis.participant_id == p.id)
        ).all()
        assert authors and set(authors) == {ERASED_NAME}
        assert s.scalar(select(MapFeature.id).where(MapFeature.participant_id == p.id)) is None


def test_a_structure_someone_else_uses_stays_in_the_directory(active: Active) -> None:
    with write_session() as s:
        form = SignInForm(name="Autre", structure_name=STRUCTURE)
        other = sign_in(s, workshop_id=active.workshop_id, form=form).id
    with write_session() as s:
        records.erase_participant(s, participant_id=active.participant_id)
    with read_session() as s:
        kept = s.get(Participant, other)
        assert kept is not None and kept.structure_name == STRUCTURE
        assert s.get(Structure, kept.structure_id) is not None
        erased = s.get(Participant, active.participant_id)
        assert erased is not None and (erased.structure_name, erased.structure_id) == ("", None)


def test_the_declared_tables_exist_in_the_migrated_database(active: Active) -> None:
    with read_session() as s:
        inspector = sa_inspect(s.connection())
        for column in personal_columns(Base.metadata):
            names = {c["name"] for c in inspector.get_columns(column.table.name)}
            assert column.name in names
