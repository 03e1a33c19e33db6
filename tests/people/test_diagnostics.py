"""Codes from `secrets`, a fresh demo code per install, creating and listing diagnostics."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from essdash.cli import main
from essdash.config import ROOT
from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.models import Commune, Diagnostic, Participant, Territory, TerritoryCommune
from essdash.workshop import console

OLD_SEED = 2026  # the seed the demo once drew its restitution code and tokens from


def _demo_secrets() -> tuple[str, set[str]]:
    with write_session() as s:
        ctx = load_demo(s)
        tokens = set(s.scalars(select(Participant.token)))
        return ctx.diagnostic.restitution_code, tokens


def test_the_demo_draws_fresh_secret_codes_on_each_install(db_url: str) -> None:
    first_code, first_tokens = _demo_secrets()
    second_code, second_tokens = _demo_secrets()  # the demo reloaded: another install
    old = random.Random(OLD_SEED)
    seeded_code = f"demo-{old.getrandbits(64):016x}"
    assert first_code != second_code
    assert seeded_code not in (first_code, second_code)
    assert len(first_code) >= 16 and len(first_tokens) >= 5
    assert not first_tokens & second_tokens
    assert not any(t.startswith("demo") for t in first_tokens | second_tokens)


def test_the_demo_command_prints_its_code(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    with read_session() as s:
        code = s.scalar(select(Diagnostic.restitution_code).where(Diagnostic.is_demo))
    assert code and code in capsys.readouterr().out


@pytest.fixture
def cog(real_sample_db: str) -> str:
    """The real COG of ../shared/data imported (communes, EPCI, départements, régions)."""
    return real_sample_db


def test_create_diagnostic_on_a_real_epci_from_the_cli(
    cog: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "Diagnostic de la CA de la Baie de Somme"
    assert main(["create-diagnostic", "--name", name, "--territory", "epci:200070993"]) == 0
    with read_session() as s:
        diagnostic = s.scalars(select(Diagnostic).where(Diagnostic.name == name)).one()
        territory = s.get(Territory, diagnostic.territory_id)
        assert territory is not None and territory.key == "epci:200070993"
        members = s.scalar(
            select(func.count()).where(TerritoryCommune.territory_id == territory.id)
        )
        expected = s.scalar(select(func.count()).where(Commune.epci_code == "200070993"))
        assert members == expected and expected and expected > 10
        assert diagnostic.reference_territories == "departement:80,region:32,france:FR"
        assert diagnostic.phase == "caracterisation" and not diagnostic.is_demo
        code, number = diagnostic.restitution_code, diagnostic.id
    with write_session() as s:
        console.create_workshop(s, diagnostic_id=number, title="Atelier 1", join_code="BAIE1")
    assert code in capsys.readouterr().out
    assert main(["diagnostics"]) == 0
    listing = capsys.readouterr().out
    line = next(row for row in listing.splitlines() if name in row)
    assert code in line and "(epci:200070993)" in line and "BAIE1" in line


def test_create_diagnostic_on_a_commune(cog: str) -> None:
    assert main(["create-diagnostic", "--name", "Abbeville", "--territory", "commune:80001",
                 "--kind", "filiere"]) == 0  # fmt: skip
    with read_session() as s:
        d = s.scalars(select(Diagnostic).where(Diagnostic.name == "Abbeville")).one()
        assert d.kind == "filiere"
        assert s.get(Territory, d.territory_id).name == "Abbeville"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "X", "--territory", "epci:999999999"], "Territoire epci:999999999 inconnu"),
        (["--name", "   ", "--territory", "france"], "Nom du diagnostic"),
        (["--name", "X", "--territory", "pays:12"], "Type de territoire « pays » inconnu"),
    ],
)
def test_create_diagnostic_refuses_in_french(
    db_url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["create-diagnostic", *args]) == 2
    assert message in capsys.readouterr().err
    with read_session() as s:
        assert s.scalar(select(func.count()).select_from(Diagnostic)) == 0


def test_export_document_accepts_a_workshop_code(db_url: str, tmp_path: Path) -> None:
    assert main(["demo"]) == 0
    pdf = tmp_path / "r.pdf"
    assert main(["export-document", "--workshop", "demo", "--output", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["export-document", "--workshop", "NOPE", "--output", str(pdf)]) == 2


def test_the_diagnostics_page_creates_a_diagnostic(db_url: str) -> None:
    with write_session() as s:
        load_demo(s)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/diagnostics.py").run()
    at.text_input(key="new_diagnostic_name").input("Diagnostic du Val")
    at.selectbox(key="new_diagnostic_territory").set_value("departement:00")
    at.button(key="FormSubmitter:create_diagnostic_form-Créer le diagnostic").click().run()
    assert not at.exception
    assert any("créé" in s.value for s in at.success)
    with read_session() as s:
        d = s.scalars(select(Diagnostic).where(Diagnostic.name == "Diagnostic du Val")).one()
        assert s.get(Territory, d.territory_id).key == "departement:00"  # type: ignore[union-attr]
        created = d.id
    assert at.selectbox(key="diagnostics_pick").value == created
