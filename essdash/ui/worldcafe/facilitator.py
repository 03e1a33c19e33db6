"""The facilitator's world café: rounds, live boards, grouping into themes, words, syntheses."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from essdash.formatting import fmt_count, fmt_datetime
from essdash.ui.workshop import actions
from essdash.ui.workshop.picker import pick_workshop
from essdash.ui.worldcafe import boards, common, data, limits, themes_editor
from essdash.workshop.activities.worldcafe import service, syntheses


def render() -> None:
    info = pick_workshop(key="cafe_workshop")
    if info is None:
        return
    st.page_link(
        "app_pages/projection_cafe.py",
        label="Plein écran (projection)",
        icon=":material/fullscreen:",
    )
    _rounds(info.id)
    qs = data.questions(info.id)
    if not qs:
        st.info("Ajoutez des questions dans « Ateliers et déroulé ».")
        return
    by_id = {q.id: q for q in qs}
    qid = st.selectbox(
        "Question", list(by_id), format_func=lambda q: f"{by_id[q].position}. {by_id[q].text}",
        key="cafe_fac_q",
    )  # fmt: skip
    question = by_id[qid]
    # Keyed, with state: a theme created or a synthesis saved (a rerun) keeps the tab open.
    board, group, words, synth = st.tabs(
        ["Tableau en direct", "Thèmes", "Mots", "Synthèses"], key="cafe_fac_tab", on_change="rerun"
    )
    with board:
        _live_board(info.id, question.id)
    with group:
        themes_editor.render(info.id, question.id)
    with words:
        boards.word_chart(info.id, question.id)
    with synth:
        _syntheses(info.id, question.id)


def _rounds(wid: int) -> None:
    rv = data.round_view(wid)
    if rv is None:
        return
    with st.container(border=True):
        a, b, c, d = st.columns(4, vertical_alignment="center")
        a.metric("Manche", rv.current_round or "–")
        b.metric("État", "en cours" if rv.is_open else "close")
        c.metric("Temps restant", common.time_left(rv.ends_at) if rv.is_open else "–")
        with d:
            if st.button("Lancer la manche suivante", type="primary", width="stretch"):
                actions.perform(
                    lambda s: service.start_round(s, workshop_id=wid), success="Manche lancée"
                )
            if rv.is_open and st.button("Clôturer la manche", width="stretch"):
                actions.perform(
                    lambda s: service.close_round(s, workshop_id=wid), success="Manche close"
                )
        _rotation(wid, rv)
        with st.popover("Tables et durée"), st.form("cafe_settings", enter_to_submit=False):
            tables = st.number_input("Nombre de tables", 1, service.MAX_TABLES, rv.table_count)
            minutes = st.number_input("Durée d'une manche (minutes)", 1, 180, rv.round_minutes)
            if st.form_submit_button("Enregistrer"):
                actions.perform(
                    lambda s: service.configure_rounds(
                        s, workshop_id=wid, table_count=int(tables), round_minutes=int(minutes)
                    ),
                    success="Réglages enregistrés",
                )


def _rotation(wid: int, rv: data.RoundView) -> None:
    qs = data.questions(wid)
    if not qs:
        return
    now = max(rv.current_round, 1)
    rows = [
        {
            "Table": t,
            f"Manche {now}": service.question_position(
                table_no=t, round_no=now, n_questions=len(qs)
            ),
            f"Manche {now + 1}": service.question_position(
                table_no=t, round_no=now + 1, n_questions=len(qs)
            ),
        }
        for t in range(1, rv.table_count + 1)
    ]
    st.caption("Rotation des tables (numéro de la question traitée)")
    st.dataframe(pd.DataFrame(rows), hide_index=True)


@st.fragment(run_every=2.0)
def _live_board(wid: int, qid: int) -> None:
    kinds = boards.actor_filter("cafe_fac_actors")
    boards.theme_chart(wid, qid)
    boards.post_it_grid(wid, qid, actor_types=kinds)
    common.actor_legend()


def _syntheses(wid: int, qid: int) -> None:
    history = [v for v in data.synthesis_history(wid) if v.question_id == qid]
    latest = [v for v in data.latest_syntheses(wid) if v.question_id == qid]
    if not latest:
        st.caption("Aucune synthèse pour cette question.")
    for view in latest:
        table = f"Table {view.table_no}" if view.table_no else "Animation"
        with st.container(border=True):
            st.text(f"{table} · {view.author_name} · {fmt_datetime(view.created_at)}")
            st.text(view.text)
            older = [v for v in history if v.table_no == view.table_no and v.id != view.id]
            if older:
                versions = fmt_count(len(older), "version précédente", "versions précédentes")
                with st.expander(f"Historique ({versions})"):
                    st.dataframe(
                        pd.DataFrame(
                            [
                                (fmt_datetime(v.created_at), v.author_name, v.text)
                                for v in reversed(older)
                            ],
                            columns=["Date", "Auteur·e", "Texte"],
                        ),
                        hide_index=True,
                    )
    form = f"fac_synthesis_{qid}"
    with st.form(form, enter_to_submit=False):
        table_no = st.number_input(
            "Table (0 = synthèse de l'animation)", 0, 30, 0, key=actions.field(form, "table")
        )
        text = limits.text_area(
            "Synthèse", syntheses.MAX_SYNTHESIS_LENGTH, key=actions.field(form, "text")
        )
        if st.form_submit_button("Ajouter une version"):
            actions.perform(
                lambda s: syntheses.write_synthesis(
                    s, question_id=qid, table_no=int(table_no) or None, text=text
                ),
                form=form, success="Synthèse enregistrée",
            )  # fmt: skip
