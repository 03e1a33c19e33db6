"""Grouping post-its into themes: assign in a table, create, rename, merge."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from essdash import labels
from essdash.ui.worldcafe import common, data
from essdash.workshop.activities.worldcafe import themes

NONE = "—"


def render(wid: int, qid: int) -> None:
    theme_list = [t for t in data.theme_counts(wid) if t.question_id == qid]
    posts = [p for p in data.post_its(wid) if p.question_id == qid]
    _create(qid)
    if posts:
        _assign(qid, posts, theme_list)
    if theme_list:
        _rename_merge(qid, theme_list)


def _create(qid: int) -> None:
    with st.form(f"theme_new_{qid}", clear_on_submit=True):
        name = st.text_input("Nouveau thème")
        if st.form_submit_button("Créer le thème"):
            common.run(
                lambda s: themes.create_theme(s, question_id=qid, name=name), success="Thème créé"
            )
            data.clear()


def _assign(qid: int, posts: list, theme_list: list) -> None:
    names = {t.id: t.name for t in theme_list}
    by_name = {t.name: t.id for t in theme_list}
    frame = pd.DataFrame(
        {
            "id": [p.id for p in posts],
            "Post-it": [p.text for p in posts],
            "Acteur": [labels.ACTOR_TYPES.get(p.actor_type, p.actor_type) for p in posts],
            "Thème": [names.get(p.theme_id, NONE) if p.theme_id else NONE for p in posts],
        }
    )
    edited = st.data_editor(
        frame,
        key=f"theme_assign_{qid}",
        hide_index=True,
        disabled=["id", "Post-it", "Acteur"],
        column_config={
            "id": None,
            "Post-it": st.column_config.TextColumn(width="large"),
            "Thème": st.column_config.SelectboxColumn(options=[NONE, *by_name], required=True),
        },
        width="stretch",
    )
    if st.button("Enregistrer les thèmes", key=f"theme_save_{qid}", type="primary"):
        changes = [
            (int(row.id), by_name.get(row.Thème))
            for row, before in zip(edited.itertuples(), frame.itertuples(), strict=True)
            if row.Thème != before.Thème
        ]

        def apply(s: Session) -> int:
            for cid, tid in changes:
                themes.assign_theme(s, contribution_id=cid, theme_id=tid)
            return len(changes)

        common.run(apply, success=f"{len(changes)} post-it(s) classé(s)")
        data.clear()
        st.rerun()


def _rename_merge(qid: int, theme_list: list) -> None:
    ids = [t.id for t in theme_list]
    names = {t.id: f"{t.name} ({t.count})" for t in theme_list}

    def label(tid: int) -> str:
        return names[tid]

    left, right = st.columns(2)
    with left, st.form(f"theme_rename_{qid}", clear_on_submit=True):
        tid = st.selectbox("Renommer le thème", ids, format_func=label)
        name = st.text_input("Nouveau nom")
        if st.form_submit_button("Renommer"):
            common.run(
                lambda s: themes.rename_theme(s, theme_id=int(tid), name=name),
                success="Thème renommé",
            )
            data.clear()
    with right, st.form(f"theme_merge_{qid}"):
        source = st.selectbox("Fusionner le thème", ids, format_func=label)
        target = st.selectbox("dans le thème", ids, format_func=label, index=min(1, len(ids) - 1))
        if st.form_submit_button("Fusionner"):
            common.run(
                lambda s: themes.merge_themes(s, source_id=int(source), target_id=int(target)),
                success="Thèmes fusionnés",
            )
            data.clear()
