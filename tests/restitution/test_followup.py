"""Follow-up: the action plan saved from the edited table, phases, reference territories, code."""

from __future__ import annotations

from datetime import date

import pytest
from restitution_data import seed_restitution_case
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.config import ROOT
from essdash.db import read_session, write_session
from essdash.diagnostics import service
from essdash.diagnostics.service import ActionInput
from essdash.errors import UserError
from essdash.models import Action, Diagnostic


def test_save_plan_updates_adds_and_deletes(any_db_url: str) -> None:
    seeded = seed_restitution_case()
    with read_session() as session:
        first = service.actions_of(session, diagnostic_id=seeded.diagnostic_id)[0].id
        priority = next(iter(service.priorities_of(session, diagnostic_id=seeded.diagnostic_id)))
    rows = [
        ActionInput(id=first, title="Navette : étude lancée", status="termine", progress=60),
        ActionInput(
            title="Tiers-lieu",
            owner="Mairie",
            deadline=date(2027, 1, 31),
            priority_id=priority,
            progress=10,
            status="en_cours",
        ),
    ]
    with write_session() as session:
        service.save_plan(session, diagnostic_id=seeded.diagnostic_id, rows=rows)
    with read_session() as session:
        actions = service.actions_of(session, diagnostic_id=seeded.diagnostic_id)
        got = [(a.title, a.status, a.progress, a.priority_id) for a in actions]
    assert sorted(got) == sorted(
        [("Navette : étude lancée", "termine", 100, None), ("Tiers-lieu", "en_cours", 10, priority)]
    )
    with write_session() as session:
        service.save_plan(session, diagnostic_id=seeded.diagnostic_id, rows=rows[1:2])
    with read_session() as session:
        titles = session.scalars(
            select(Action.title).where(Action.diagnostic_id == seeded.diagnostic_id)
        )
        assert list(titles) == ["Tiers-lieu"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (ActionInput(title="  "), "ligne 1 : l'intitulé"),
        (ActionInput(title="x", progress=150), "de 0 à 100"),
        (ActionInput(title="x", status="fini"), "statut"),
        (ActionInput(title="x", priority_id=999_999), "priorité liée"),
    ],
)
def test_invalid_lines_are_refused_in_french(db_url: str, row: ActionInput, message: str) -> None:
    seeded = seed_restitution_case()
    with read_session() as session:
        before = sorted(session.scalars(select(Action.title)))
    with pytest.raises(UserError, match=message), write_session() as session:
        service.save_plan(session, diagnostic_id=seeded.diagnostic_id, rows=[row])
    with read_session() as session:
        assert sorted(session.scalars(select(Action.title))) == before  # nothing written
        assert any(title.startswith("Étude") for title in before)


def test_phase_references_and_new_code(db_url: str) -> None:
    seeded = seed_restitution_case()
    with write_session() as session:
        service.set_phase(session, diagnostic_id=seeded.diagnostic_id, phase="consolidation")
        service.set_references(
            session, diagnostic_id=seeded.diagnostic_id, keys=[" departement:44", "france"]
        )
        code = service.new_restitution_code(session, diagnostic_id=seeded.diagnostic_id)
    with read_session() as session:
        d = session.get(Diagnostic, seeded.diagnostic_id)
        assert (d.phase, d.reference_territories) == ("consolidation", "departement:44,france")
        assert d.restitution_code == code != seeded.restitution_code
    with pytest.raises(UserError, match="Phase"), write_session() as session:
        service.set_phase(session, diagnostic_id=seeded.diagnostic_id, phase="fin")
    with pytest.raises(UserError, match="type:code"), write_session() as session:
        service.set_references(session, diagnostic_id=seeded.diagnostic_id, keys=["departement"])


@pytest.mark.parametrize("page", ["plan_action", "diagnostics"])
def test_followup_pages_render_for_the_facilitator(db_url: str, page: str) -> None:
    seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception


def test_an_empty_installation_says_how_to_create_a_diagnostic(db_url: str) -> None:
    """No demo, no diagnostic: the page points to the creation form, not to a demo or a workshop."""
    from essdash.ui.followup.common import NO_DIAGNOSTIC

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/diagnostics.py").run()
    assert not at.exception
    assert [i.value for i in at.info] == [NO_DIAGNOSTIC]
    assert "démonstration" not in NO_DIAGNOSTIC
