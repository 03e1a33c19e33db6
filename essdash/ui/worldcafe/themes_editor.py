"""Grouping post-its into themes: classify several at once (a form), or in a table; create,
rename, merge.

Every picker carries theme ids, with labels that do not move when post-its are assigned (no
counts in them, duplicates told apart). The assignment table is built from a snapshot of the
post-its: a post-it sent meanwhile never shifts the rows under the facilitator's edits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from essdash import labels
from essdash.formatting import fmt_count
from essdash.ui import state
from essdash.ui.workshop import actions
from essdash.ui.worldcafe import data
from essdash.ui.worldcafe.data import ThemeCount
from essdash.workshop.activities.worldcafe import themes
from essdash.workshop.activities.worldcafe.board import PostIt

NONE = "—"


def theme_labels(theme_list: Sequence[ThemeCount]) -> dict[int, str]:
    """A label per theme id: its name, with its number when another theme has the same name."""
    names = [t.name for t in theme_list]
    return {
        t.id: t.name if names.count(t.name) == 1 else f"{t.name} (n° {t.id})" for t in theme_list
    }


def render(wid: int, qid: int) -> None:
    theme_list = sorted(
        (t for t in data.theme_counts(wid) if t.question_id == qid), key=lambda t: t.id
    )
    posts = [p for p in data.post_its(wid) if p.question_id == qid]
    _create(qid)
    if theme_list:
        st.caption(" · ".join(f"{t.name} : {fmt_count(t.count, 'post-it')}" for t in theme_list))
    if posts and theme_list:
        _classify(qid, posts, theme_list)
    if posts:
        _assign(qid, posts, theme_list)
    if theme_list:
        _rename_merge(qid, theme_list)


def _create(qid: int) -> None:
    form = f"theme_new_{qid}"
    with st.form(form, enter_to_submit=False):
        name = st.text_input("Nouveau thème", key=actions.field(form, "name"))
        if st.form_submit_button("Créer le thème"):
            actions.perform(
                lambda s: themes.create_theme(s, question_id=qid, name=name),
                form=form, success="Thème créé",
            )  # fmt: skip


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def post_labels(posts: Sequence[PostIt]) -> dict[int, str]:
    """A label per post-it id: its text, cut at 80 characters, numbered when two read the same."""
    short = [_short(p.text) for p in posts]
    return {
        p.id: text if short.count(text) == 1 else f"{text} (n° {p.id})"
        for p, text in zip(posts, short, strict=True)
    }


def _classify(qid: int, posts: Sequence[PostIt], theme_list: Sequence[ThemeCount]) -> None:
    """Several post-its into one theme in one go: pickers of ids, no grid cell to hit (a
    facilitator's touchpad, a projected screen)."""
    form = f"theme_classify_{qid}"
    post_of, theme_of = post_labels(posts), theme_labels(theme_list)
    with st.form(form, enter_to_submit=False, border=True):
        st.markdown("**Classer des post-its**")
        chosen = st.multiselect(
            "Post-its à classer", list(post_of), format_func=post_of.__getitem__,
            placeholder="Choisissez un ou plusieurs post-its", select_all=False,
            key=actions.field(form, "posts"),
        )  # fmt: skip
        tid = st.selectbox(
            "Thème où les classer", [0, *theme_of],
            format_func=lambda k: theme_of.get(k, "Sans thème"), key=actions.field(form, "theme"),
        )  # fmt: skip
        if st.form_submit_button("Classer"):
            if not chosen:
                st.error("Classement : choisissez au moins un post-it.")
                return

            def apply(s: Session) -> None:
                for cid in chosen:
                    themes.assign_theme(s, contribution_id=int(cid), theme_id=int(tid) or None)

            actions.perform(
                apply, form=form,
                success=f"{fmt_count(len(chosen), 'post-it classé', 'post-its classés')}",
            )  # fmt: skip


def _rows(qid: int, posts: list[PostIt]) -> list[PostIt]:
    """The post-its of the table as when it was first drawn (new ones wait for "Actualiser")."""
    name = f"theme_assign_{qid}"
    generation = state.form_generation(name)
    snap = state.snapshot(name)
    by_id = {p.id: p for p in posts}
    if snap is None or snap[0] != generation:
        state.set_snapshot(name, (generation, tuple(by_id)))
        return posts
    rows = [by_id[i] for i in snap[1] if i in by_id]
    waiting = len(by_id) - len(rows)
    if waiting and st.button(
        f"{fmt_count(waiting, 'nouveau post-it', 'nouveaux post-its')} : actualiser le tableau "
        "(les changements non enregistrés sont perdus)",
        key=f"theme_refresh_{qid}",
    ):
        state.renew_form(name)
        st.rerun()
    return rows


def _assign(qid: int, posts: list[PostIt], theme_list: Sequence[ThemeCount]) -> None:
    rows = _rows(qid, posts)
    label_of = theme_labels(theme_list)
    id_of = {label: tid for tid, label in label_of.items()}
    frame = pd.DataFrame(
        {
            "id": [p.id for p in rows],
            "Post-it": [p.text for p in rows],
            "Acteur": [labels.ACTOR_TYPES.get(p.actor_type, p.actor_type) for p in rows],
            "Thème": [label_of.get(p.theme_id, NONE) if p.theme_id else NONE for p in rows],
        }
    )
    # Edits are kept by row position: the key changes whenever the rows or the themes do.
    shape = repr((frame["id"].tolist(), sorted(label_of.items())))
    digest = hashlib.blake2b(shape.encode(), digest_size=8).hexdigest()
    edited = st.data_editor(
        frame, key=f"theme_assign_{qid}_{digest}", hide_index=True,
        disabled=["id", "Post-it", "Acteur"],
        column_config={
            "id": None,
            "Post-it": st.column_config.TextColumn(width="large"),
            "Thème": st.column_config.SelectboxColumn(options=[NONE, *id_of], required=True),
        },
        width="stretch",
    )  # fmt: skip
    if st.button("Enregistrer les thèmes", key=f"theme_save_{qid}", type="primary"):
        changes = [
            (int(row.id), id_of.get(row.Thème))
            for row, before in zip(edited.itertuples(), frame.itertuples(), strict=True)
            if row.Thème != before.Thème
        ]

        def apply(s: Session) -> None:
            for cid, tid in changes:
                themes.assign_theme(s, contribution_id=cid, theme_id=tid)

        actions.perform(
            apply, form=f"theme_assign_{qid}",
            success=f"{fmt_count(len(changes), 'post-it classé', 'post-its classés')}",
        )  # fmt: skip


def _rename_merge(qid: int, theme_list: Sequence[ThemeCount]) -> None:
    label_of = theme_labels(theme_list)
    ids = list(label_of)
    left, right = st.columns(2)
    rename, merge = f"theme_rename_{qid}", f"theme_merge_{qid}"
    with left, st.form(rename, enter_to_submit=False):
        tid = st.selectbox(
            "Renommer le thème", ids, format_func=label_of.__getitem__,
            key=actions.field(rename, "theme"),
        )  # fmt: skip
        name = st.text_input("Nouveau nom", key=actions.field(rename, "name"))
        if st.form_submit_button("Renommer"):
            actions.perform(
                lambda s: themes.rename_theme(s, theme_id=int(tid), name=name),
                form=rename, success="Thème renommé",
            )  # fmt: skip
    with right, st.form(merge, enter_to_submit=False):
        source = st.selectbox(
            "Fusionner le thème", ids, index=None, format_func=label_of.__getitem__,
            placeholder="Thème à faire disparaître", key=actions.field(merge, "source"),
        )  # fmt: skip
        target = st.selectbox(
            "dans le thème", ids, index=None, format_func=label_of.__getitem__,
            placeholder="Thème qui reçoit ses post-its", key=actions.field(merge, "target"),
        )  # fmt: skip
        if st.form_submit_button("Fusionner"):
            if source is None or target is None:
                st.error("Fusion : choisissez les deux thèmes.")
                return
            actions.perform(
                lambda s: themes.merge_themes(s, source_id=int(source), target_id=int(target)),
                form=merge, success="Thèmes fusionnés",
            )  # fmt: skip
