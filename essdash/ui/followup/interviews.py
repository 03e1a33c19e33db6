"""« Entretiens » : record an interview with the grid, list them, export or erase a person."""

from __future__ import annotations

import json

import streamlit as st

from essdash import formatting
from essdash.db import read_session
from essdash.followup import grid, interviews, timeline
from essdash.followup.grid import GridEntry
from essdash.followup.interviews import InterviewInput, InterviewRow
from essdash.followup.labels import INTERVIEW_KINDS
from essdash.ui import safe
from essdash.ui.followup.common import plain
from essdash.ui.workshop import actions
from essdash.workshop.activities.signin.erasure import erase_interviewee, interviewee_data

FORM = "interview_form"
KIND_COLORS = {
    "fondateur": "#B5123E",
    "acteur": "#0072B2",
    "elu": "#009E73",
    "partenaire": "#E69F00",
}


def _steps(diagnostic_id: int) -> dict[int, str]:
    with read_session() as s:
        view = timeline.timeline(s, diagnostic_id=diagnostic_id)
    return {step.id: step.title for step in view.steps}


def record_form(diagnostic_id: int, entries: tuple[GridEntry, ...]) -> None:
    """The interview form: identity, the grid (each item ticked and/or quoted), free notes."""
    f = lambda name: actions.field(FORM, name)  # noqa: E731
    steps = _steps(diagnostic_id)
    with st.form(f"{FORM}_{diagnostic_id}"):
        # One row of two fields at a time: on a phone they stack in reading order.
        left, right = st.columns(2)
        name = left.text_input("Personne rencontrée", max_chars=120, key=f("name"))
        structure = right.text_input("Structure", max_chars=200, key=f("structure"))
        left, right = st.columns(2)
        role = left.text_input("Fonction", max_chars=120, key=f("role"))
        kind = right.selectbox(
            "Type d'acteur", list(INTERVIEW_KINDS), format_func=INTERVIEW_KINDS.__getitem__,
            index=1, key=f("kind"),
        )  # fmt: skip
        left, right = st.columns(2)
        held_on = left.date_input("Date", value=None, format="DD/MM/YYYY", key=f("date"))
        interviewer = right.text_input("Enquêteur·rice", max_chars=120, key=f("interviewer"))
        step = st.selectbox(
            "Étape du diagnostic",
            [None, *steps],
            key=f("step"),
            format_func=lambda v: "—" if v is None else steps[v],
        )
        st.markdown("**Grille d'entretien (infos recherchées)**")
        answers = _grid_inputs(entries, f)
        notes = st.text_area(
            "Notes libres (personnelles : jamais dans la restitution ni le classeur)",
            max_chars=20_000,
            key=f("notes"),
        )
        consent = st.checkbox(
            "La personne accepte que ses propos soient conservés (consentement recueilli)",
            key=f("consent"),
        )
        if st.form_submit_button("Enregistrer l'entretien", type="primary"):
            data = InterviewInput(
                person_name=name,
                structure_name=structure,
                role=role,
                kind=kind,
                held_on=held_on,
                interviewer=interviewer,
                notes=notes,
                consent=consent,
                step_id=step,
                answers=answers,
            )
            actions.perform(
                lambda s: interviews.record_interview(s, diagnostic_id=diagnostic_id, data=data),
                form=FORM,
                success="Entretien enregistré.",
            )


def _grid_inputs(entries: tuple[GridEntry, ...], f: object) -> dict[str, str]:
    """One tick and one quote per grid item; sub-items indented under their item."""
    assert callable(f)
    answers: dict[str, str] = {}
    for entry in entries:
        box = st.container(border=entry.parent_key is None)
        if entry.parent_key is None:
            box.markdown(f"**{plain(entry.label)}**")
            label = "Abordé"
        else:
            label = f"↳ {plain(entry.label)}"
        ticked = box.checkbox(label, key=f(f"tick_{entry.key}"))
        said = box.text_area(
            "Ce qui a été dit",
            key=f(f"said_{entry.key}"),
            height=68,
            max_chars=5_000,
            label_visibility="collapsed",
            placeholder=f"Propos sur « {entry.label} »",
        )
        if ticked or said.strip():
            answers[entry.key] = said
    return answers


def interview_list(diagnostic_id: int, entries: tuple[GridEntry, ...]) -> None:
    with read_session() as s:
        rows = interviews.interviews_of(s, diagnostic_id=diagnostic_id)
    if not rows:
        st.info("Aucun entretien enregistré pour ce diagnostic.")
        return
    labels = {e.key: e.label for e in entries}
    safe.cards([_card(r, labels) for r in rows])
    chosen = st.selectbox(
        "Entretien",
        [r.id for r in rows],
        key=f"interview_pick_{diagnostic_id}",
        format_func=lambda i: _title(next(r for r in rows if r.id == i)),
    )
    row = next(r for r in rows if r.id == chosen)
    _person_actions(row)


def _title(row: InterviewRow) -> str:
    return f"{formatting.fmt_date(row.held_on)} — {row.person_name} ({row.structure_name or '—'})"


def _card(row: InterviewRow, labels: dict[str, str]) -> safe.Card:
    """One interview as a card (text only): who, then when, kind, interviewer, grid items."""
    who = f"{row.person_name} — {row.structure_name}" if row.structure_name else row.person_name
    meta = " · ".join(
        part
        for part in (
            formatting.fmt_date(row.held_on) if row.held_on else "",
            INTERVIEW_KINDS.get(row.kind, row.kind),
            row.role,
            f"par {row.interviewer}" if row.interviewer else "",
            "consentement recueilli" if row.consent else "sans consentement",
            "abordé : " + ", ".join(labels.get(k, k) for k, _ in row.answers)
            if row.answers
            else "",
        )
        if part
    )
    return safe.Card(who, meta, KIND_COLORS.get(row.kind, "#666666"))


def _person_actions(row: InterviewRow) -> None:
    if row.erased:
        st.caption("Données personnelles effacées : les réponses à la grille restent, sans nom.")
        return
    with read_session() as s:
        data = interviewee_data(s, interview_id=row.id)
    left, right = st.columns(2)
    left.download_button(
        "Exporter les données de la personne (JSON)",
        json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"),
        file_name=f"entretien_{row.id}.json",
        mime="application/json",
        key=f"interview_export_{row.id}",
    )
    sure = right.checkbox("Confirmer l'effacement", key=f"interview_erase_ok_{row.id}")
    if right.button("Effacer les données personnelles", disabled=not sure,
                    key=f"interview_erase_{row.id}"):  # fmt: skip
        actions.perform(
            lambda s: erase_interviewee(s, interview_id=row.id),
            success="Données personnelles de l'entretien effacées.",
        )


def current_grid(diagnostic_id: int) -> tuple[GridEntry, ...]:
    with read_session() as s:
        return grid.grid_of(s, diagnostic_id)
