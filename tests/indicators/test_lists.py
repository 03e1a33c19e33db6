"""Named lists of communes: saving (SQLite, PostgreSQL), pasted codes, the CLI's liste:CODE."""

from __future__ import annotations

import json

import pytest

from essdash.cli import main
from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.errors import UserError
from essdash.indicators.territories import (
    list_code,
    list_members,
    parse_insee_codes,
    resolve,
    save_list,
)
from essdash.models import Commune


def _communes(n: int) -> None:
    with write_session() as s:
        for i in range(n):
            s.add(Commune(code=f"80{i:03d}", name=f"Commune {i}", departement_code="80"))


def test_save_resolve_and_replace_a_list(any_db_url: str) -> None:
    _communes(4)
    with write_session() as s:
        save_list(s, code="pays-a", name="Pays A", communes=["80001", "80000", "80001"])
    with read_session() as s:
        ref = resolve(s, "liste", "pays-a")
        assert (ref.name, ref.communes, ref.departement) == ("Pays A", ("80000", "80001"), "80")
    with write_session() as s:
        save_list(s, code="pays-a", name="Pays A élargi", communes=["80002", "80003"])
    with read_session() as s:
        assert list_members(s, "pays-a") == ["80002", "80003"]
        assert resolve(s, "liste", "pays-a").name == "Pays A élargi"


def test_unknown_codes_are_named_and_nothing_is_saved(any_db_url: str) -> None:
    _communes(2)
    with (
        pytest.raises(UserError, match=r"Codes INSEE inconnus : 2A004, 99999\."),
        write_session() as s,
    ):
        save_list(s, code="ptce", name="PTCE", communes=["80000", "99999", "2A004"])
    with read_session() as s:
        assert list_members(s, "ptce") == []


@pytest.mark.parametrize(
    ("name", "communes", "field"),
    [("", ["80000"], "Nom"), ("PTCE", [], "Communes")],
)
def test_missing_name_or_communes(
    any_db_url: str, name: str, communes: list[str], field: str
) -> None:
    _communes(1)
    with pytest.raises(UserError, match=field), write_session() as s:
        save_list(s, code="x", name=name, communes=communes)


def test_pasted_codes() -> None:
    assert parse_insee_codes("80021, 80001;2a004\n80021") == ["80021", "80001", "2A004"]
    with pytest.raises(UserError, match="mal formés : 800, ABCDE"):
        parse_insee_codes("80021 800 abcde")
    assert list_code("Pays de Thiérache !") == "pays-de-thierache"


def test_cli_accepts_a_list(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with write_session() as s:
        ctx = load_demo(s)
    two = sorted(c.code for c in ctx.communes)[:2]
    with write_session() as s:
        save_list(s, code="duo", name="Duo", communes=two)
    assert main(["indicators", "--territory", "liste:duo", "--format", "json"]) == 0
    duo = json.loads(capsys.readouterr().out)
    assert duo["territory"] == {"kind": "liste", "code": "duo", "name": "Duo"}
    assert set(duo["by_commune"]) <= set(two)
    total = 0
    for code in two:
        assert main(["indicators", "--territory", f"commune:{code}", "--format", "json"]) == 0
        total += json.loads(capsys.readouterr().out)["establishments_active"]
    assert duo["establishments_active"] == total
