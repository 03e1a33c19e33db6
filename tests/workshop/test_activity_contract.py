"""The activity contract: an activity defined here, registered for one test, reaches the console's
agenda, the workbook, the participant's export and erasure, and the restitution (slides and PDF)
without any other file knowing it. A diagnostic-level section reaches the workbook and the
restitution the same way."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.exports.document import restitution_pdf
from essdash.exports.workbook import workbook_bytes
from essdash.models import Diagnostic, Participant
from essdash.readmodel.contract import Activity, PersonalData, Section, Sheet
from essdash.readmodel.scope import Scope, diagnostic_scope, workshop_scope_by_id
from essdash.readmodel.slides import BarsSlide, Slide, TableSlide
from essdash.restitution.sequence import build_restitution
from essdash.workshop import console
from essdash.workshop.activities import registry
from essdash.workshop.activities.signin import records

CALLS: list[tuple[str, int]] = []


def _echo_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    """Sign-ins per type of actor: the tiny activity reads existing data, no table of its own."""
    rows = session.execute(
        select(Participant.actor_type, func.count(Participant.id))
        .where(Participant.workshop_id.in_(scope.workshop_ids), Participant.erased_at.is_(None))
        .group_by(Participant.actor_type)
        .order_by(Participant.actor_type)
    ).all()
    return pd.DataFrame(rows, columns=["Type d'acteur", "Personnes"])


def _echo_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    frame = _echo_sheet(session, scope)
    rows = tuple((str(t), str(n)) for t, n in frame.itertuples(index=False))
    return [TableSlide("Écho de l'atelier", ("Type d'acteur", "Personnes"), rows, "Écho")]


def _export(session: Session, participant: Participant) -> dict[str, Any]:
    CALLS.append(("export", participant.id))
    return {"echo": {"nom_en_echo": participant.name.upper()}}


def _erase(session: Session, participant: Participant) -> None:
    CALLS.append(("erase", participant.id))


def _merge(session: Session, keep_id: int, duplicate_id: int) -> None:
    CALLS.append(("merge", duplicate_id))


ECHO = Activity(
    key="echo",
    title="Écho de l'atelier",
    agenda=(("echo", "Écho de l'atelier"),),
    sheets=(Sheet("Écho", _echo_sheet),),
    slides=_echo_slides,
    personal=PersonalData(export=_export, merge=_merge, erase=_erase),
)
TIMELINE = Section(
    key="timeline_test",
    title="Calendrier (test)",
    sheets=(Sheet("Calendrier", lambda s, scope: pd.DataFrame({"Étape": ["Cadrage"]})),),
    slides=lambda s, scope: [BarsSlide("Où en est le diagnostic", (("Cadrage", 100.0, "100 %"),))],
)


@pytest.fixture
def echo() -> Callable[[], Any]:
    CALLS.clear()
    return lambda: registry.registered(ECHO, TIMELINE)


def _save_echo_step(workshop_id: int) -> None:
    step = console.StepInput(title="Écho", duration_min=5, activity="Écho de l'atelier")
    with write_session() as s:
        console.save_agenda(s, workshop_id=workshop_id, steps=[step])


def test_the_agenda_offers_a_registered_activity_and_refuses_it_once_gone(live_world, echo):
    with echo():
        assert console.activity_labels()["echo"] == "Écho de l'atelier"
        _save_echo_step(live_world.workshop_id)  # the French label is read as its code
        with read_session() as s:
            (row,) = console.agenda(s, workshop_id=live_world.workshop_id)
        assert row.activity == "echo"
    assert "echo" not in console.activity_labels()
    with pytest.raises(UserError, match="activité inconnue"), write_session() as s:
        step = console.StepInput(title="Écho", duration_min=5, activity="echo")
        console.save_agenda(s, workshop_id=live_world.workshop_id, steps=[step])


def test_the_workbook_has_the_activity_and_section_sheets_before_the_figures(
    live_world, sign_up, echo
):
    sign_up("Ana", actor_type="ess")
    sign_up("Bea", actor_type="ess")
    with echo(), read_session() as s:
        data = workbook_bytes(s, workshop_scope_by_id(s, workshop_id=live_world.workshop_id))
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    assert names.index("Résultats du vote") < names.index("Écho") < names.index("Indicateurs")
    assert names.index("Plan d'action") < names.index("Calendrier") < names.index("Indicateurs")
    values = [[c.value for c in row] for row in book["Écho"].iter_rows()]
    assert values == [["Type d'acteur", "Personnes"], ["ess", 2]]
    with read_session() as s:
        scope = workshop_scope_by_id(s, workshop_id=live_world.workshop_id)
        again = load_workbook(io.BytesIO(workbook_bytes(s, scope)))
    assert "Écho" not in again.sheetnames  # registered for the `with` block only


def test_export_merge_and_erase_call_the_activity_hooks(live_world, sign_up, echo):
    ana, twin = sign_up("Ana"), sign_up("Ana bis")
    with echo():
        with read_session() as s:
            data = records.personal_data(s, participant_id=ana)
        assert data["echo"] == {"nom_en_echo": "ANA"}
        with write_session() as s:
            records.merge_participants(s, keep_id=ana, duplicate_id=twin)
        with write_session() as s:
            records.erase_participant(s, participant_id=ana)
    assert [("export", ana), ("merge", twin), ("erase", ana)] == CALLS
    with read_session() as s:
        assert s.get(Participant, ana).erased_at is not None  # type: ignore[union-attr]


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) absent")
    path = tmp_path / "restitution.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_the_restitution_shows_the_activity_and_section_slides(live_world, sign_up, echo, tmp_path):
    sign_up("Ana", actor_type="collectivite")
    with echo(), read_session() as s:
        diagnostic = s.get(Diagnostic, live_world.diagnostic_id)
        assert diagnostic is not None
        slides = build_restitution(s, diagnostic).slides
        pdf = restitution_pdf(s, diagnostic_id=live_world.diagnostic_id)
        scope = diagnostic_scope(s, diagnostic_id=live_world.diagnostic_id)
        assert len(_echo_sheet(s, scope)) == 1
    table = next(slide for slide in slides if isinstance(slide, TableSlide))
    assert table.rows == (("collectivite", "1"),)
    assert isinstance(slides[-1], BarsSlide)  # sections come after the activities
    text = _pdf_text(pdf, tmp_path)
    assert "Écho de l'atelier" in text and "Où en est le diagnostic" in text
    with read_session() as s:
        diagnostic = s.get(Diagnostic, live_world.diagnostic_id)
        assert diagnostic is not None
        kinds = {type(slide) for slide in build_restitution(s, diagnostic).slides}
    assert TableSlide not in kinds and BarsSlide not in kinds


def test_a_new_activity_table_declares_its_live_version(live_world):
    """Live caches key on versions: a later activity's table names its own in its table info."""
    from sqlalchemy import Column, Integer, Table

    from essdash.db.versions import activity_of, versions
    from essdash.models import Base
    from essdash.models.versions import VERSIONED_AS

    table = Table(
        "echo_note",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("workshop_id", Integer),
        info={VERSIONED_AS: "echo"},
    )
    try:
        assert activity_of("echo_note") == "echo"
        with read_session() as s:
            assert versions(s, live_world.workshop_id)["echo"] == 0
    finally:
        Base.metadata.remove(table)
    assert activity_of("echo_note") is None


def test_the_restitution_page_walks_to_the_registered_slides(live_world, sign_up, echo):
    """The plenary page (AppTest) renders the generic slides: the table's cells, the bars."""
    from streamlit.testing.v1 import AppTest

    from essdash.config import ROOT

    sign_up("Ana", actor_type="ess")
    with echo():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["r"] = "r1"  # the live world's restitution code
        at.run()
        at.switch_page("app_pages/restitution.py").run()
        total = int(next(m.value for m in at.markdown if " / " in m.value).strip("*").split("/")[1])
        seen = []
        for _ in range(total - 1):
            at.button(key="rs_next").click().run()
            assert not at.exception
            seen.append(" ".join(h.proto.body for h in at.get("html")))
    table = next(page for page in seen if "Écho de l" in page)
    assert "<td>ess</td><td>1</td>" in table
    assert "Où en est le diagnostic" in seen[-1]  # the section's bars come last
    (chart,) = at.get("image")
    assert "Graphique : Où en est le diagnostic" in str(chart.proto)
