"""A new workshop (not the demo): created with a confirmation and selected; its default agenda
saves unedited; a map step gets minutes and the world café becomes 4 × 15'."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.models import Diagnostic, Territory, Workshop
from essdash.ui.workshop.workshops_page import agenda_steps
from essdash.workshop import console

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def diagnostic(db_url: str) -> int:
    with write_session() as s:
        territory = Territory(kind="epci", code="299999998", name="CC Nouvelle", is_fictional=True)
        s.add(territory)
        s.flush()
        diag = Diagnostic(name="Diagnostic neuf", territory_id=territory.id, restitution_code="x")
        s.add(diag)
        s.flush()
        return diag.id


def _editor_frame(workshop_id: int) -> pd.DataFrame:
    """The agenda as the editor gives it back: French labels, NaN in empty cells."""
    with read_session() as s:
        rows = console.agenda(s, workshop_id=workshop_id)
    labels = console.ACTIVITY_LABELS
    return pd.DataFrame(
        {
            "id": [float(r.id) for r in rows],
            "Étape": [r.title for r in rows],
            "Durée (min)": [float(r.duration_min) for r in rows],
            "Méthode": [r.method for r in rows],
            "Activité": [labels[r.activity] if r.activity else np.nan for r in rows],
        }
    )


def test_default_agenda_saves_then_map_minutes_and_cafe_in_four(diagnostic: int) -> None:
    with write_session() as s:
        wid = console.create_workshop(s, diagnostic_id=diagnostic, title="Atelier neuf").id
    frame = _editor_frame(wid)
    with write_session() as s:  # unedited, with NaN activities: saved as is
        console.save_agenda(s, workshop_id=wid, steps=agenda_steps(frame))
    cafe = int(frame.index[frame["Activité"] == "World café"][0])
    frame.loc[frame["Activité"] == "Carte partagée", "Durée (min)"] = 20.0
    frame.loc[cafe, "Durée (min)"] = 15.0
    rounds = pd.DataFrame(
        {
            "id": [np.nan] * 3,
            "Étape": [f"World café, manche {n}" for n in (2, 3, 4)],
            "Durée (min)": [15.0] * 3,
            "Méthode": [None] * 3,
            "Activité": ["World café"] * 3,
        }
    )
    edited = pd.concat([frame.iloc[: cafe + 1], rounds, frame.iloc[cafe + 1 :]], ignore_index=True)
    with write_session() as s:
        console.save_agenda(s, workshop_id=wid, steps=agenda_steps(edited))
    with read_session() as s:
        rows = console.agenda(s, workshop_id=wid)
    assert [r.duration_min for r in rows if r.activity == "worldcafe"] == [15, 15, 15, 15]
    assert [r.duration_min for r in rows if r.activity == "mapping"] == [20]
    assert [r.activity for r in rows].count(None) == 2


def test_create_workshop_confirms_selects_it_and_saves_its_agenda(diagnostic: int) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/ateliers.py").run()
    next(t for t in at.text_input if t.label == "Titre").input("Atelier du jeudi")
    next(b for b in at.button if b.label == "Créer").click().run()
    assert not at.exception, at.exception
    with read_session() as s:
        wid, code = s.execute(
            select(Workshop.id, Workshop.join_code).where(Workshop.title == "Atelier du jeudi")
        ).one()
    assert any(f"code {code}" in str(m.value) for m in at.success)
    assert next(t for t in at.text_input if t.label == "Titre").value == ""  # form emptied
    assert next(b for b in at.selectbox if b.label == "Atelier").value == wid  # selected
    next(b for b in at.button if b.label == "Enregistrer le déroulé").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    with read_session() as s:
        assert len(console.agenda(s, workshop_id=wid)) == 7
