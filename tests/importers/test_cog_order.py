"""`import-cog` takes its files in any order: communes first, then levels and EPCI, whose members
must be known communes (an unknown one such as "99999" is refused)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import ImportFailed
from essdash.importers.cog import import_cog_files
from essdash.models import Commune, Territory
from tests.importers.corpus import samples as s


def test_epci_given_before_communes_are_linked(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    epcis = s.epcis(shared_data, 1)
    members = {m["code"] for m in epcis[0]["membres"]}
    communes = [c for c in s.communes(shared_data, 300) if c["code"] in members]
    (tmp_path / "epci.json").write_bytes(s.dumps(epcis))
    (tmp_path / "communes.json").write_bytes(s.dumps(communes))
    with write_session() as session:
        lines = import_cog_files(session, [tmp_path / "epci.json", tmp_path / "communes.json"])
    assert lines[0].startswith("communes.json")
    with read_session() as session:
        linked = session.scalar(select(func.count(Commune.epci_code)))
        parent = session.scalar(
            select(Territory.parent_departement).where(Territory.kind == "epci")
        )
    assert linked == len(members)
    assert parent == "44"


def test_unknown_member_is_refused_and_nothing_kept(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    epcis = s.epcis(shared_data, 1)
    epcis[0]["membres"].append({"code": "99999"})
    (tmp_path / "epci.json").write_bytes(s.dumps(epcis))
    (tmp_path / "communes.json").write_bytes(s.dumps(s.communes(shared_data, 300)))
    paths = [tmp_path / "communes.json", tmp_path / "epci.json"]
    refused = pytest.raises(ImportFailed, match="« 99999 » n'est pas une commune connue")
    with refused, write_session() as session:
        import_cog_files(session, paths)
    with read_session() as session:
        assert session.scalar(select(func.count()).select_from(Commune)) == 0
