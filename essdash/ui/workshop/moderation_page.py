"""Modération: hide/restore post-its and map features, rename a structure, merge duplicates."""

from __future__ import annotations

import streamlit as st

from essdash.db import read_session
from essdash.ui import safe
from essdash.ui.workshop import actions
from essdash.ui.workshop.picker import pick_workshop
from essdash.workshop import moderation
from essdash.workshop.activities.signin import export, records


def render() -> None:
    info = pick_workshop(key="moderation_workshop")
    if info is None:
        return
    wid = info.id
    kinds = list(moderation.kinds().values())  # one tab per kind the activities declare
    # Keyed, with state: "Masquer" or "Rétablir" (a rerun) keeps the tab open.
    tabs = st.tabs(
        [k.label for k in kinds] + ["Masqués", "Participant·es"], key="moderation_tab",
        on_change="rerun",
    )  # fmt: skip
    for kind, tab in zip(kinds, tabs, strict=False):
        with tab:
            with read_session() as s:
                items = moderation.visible_items(s, workshop_id=wid, kind=kind.kind)
            for item in items:
                _row(wid, item.kind, item.id, item.text, item.author, hide=True)
    with tabs[-2]:
        with read_session() as s:
            hidden = moderation.hidden_items(s, workshop_id=wid)
        if not hidden:
            st.caption("Rien n'est masqué.")
        for item in hidden:
            _row(wid, item.kind, item.id, item.text, item.author, hide=False)
    with tabs[-1]:
        _people(wid)


def _row(wid: int, kind: str, item_id: int, text: str, author: str, *, hide: bool) -> None:
    with st.container(border=True):
        body, action = st.columns([5, 1], vertical_alignment="center")
        with body:  # participant text: never markdown
            st.text(text)
            safe.caption(author)
        label, icon = (
            ("Masquer", ":material/visibility_off:")
            if hide
            else ("Rétablir", ":material/visibility:")
        )
        if action.button(label, key=f"mod_{kind}_{item_id}", icon=icon):
            actions.perform(
                lambda s: moderation.set_hidden(
                    s, workshop_id=wid, kind=kind, item_id=item_id, hidden=hide
                )
            )


def _people(wid: int) -> None:
    with read_session() as s:
        people = [(p.id, f"{p.name} — {p.structure_name or 'sans structure'} (n° {p.id})")
                  for p in export.active_participants(s, wid)]  # fmt: skip
    if not people:
        st.caption("Personne n'est encore inscrit.")
        return
    ids, names = [p[0] for p in people], dict(people)
    with st.form("rename_structure", border=True, enter_to_submit=False):
        st.markdown("**Renommer une structure**")
        pid = st.selectbox(
            "Personne de la structure", ids, format_func=lambda k: names[k], key="rename_person"
        )
        new_name = st.text_input("Nouveau nom de la structure", key="rename_name")
        if st.form_submit_button("Renommer"):
            actions.perform(
                lambda s: records.rename_structure(s, participant_id=pid, name=new_name),
                success="Structure renommée",
            )
    with st.form("merge_people", border=True, enter_to_submit=False):
        st.markdown("**Fusionner deux inscriptions de la même personne**")
        keep = st.selectbox("Fiche à garder", ids, format_func=lambda k: names[k], key="merge_keep")
        dup = st.selectbox(
            "Doublon à fondre dedans", ids, format_func=lambda k: names[k], key="merge_dup"
        )
        if st.form_submit_button("Fusionner"):
            actions.perform(
                lambda s: records.merge_participants(s, keep_id=keep, duplicate_id=dup),
                success="Inscriptions fusionnées",
            )
