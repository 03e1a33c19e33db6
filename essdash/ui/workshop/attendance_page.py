"""Émargement (facilitator): attendance list, CSV/Excel export, entries on someone's behalf."""

from __future__ import annotations

import streamlit as st

from essdash import labels
from essdash.db import read_session
from essdash.exports.xlsx import to_csv_bytes, to_xlsx
from essdash.ui.workshop import actions, live
from essdash.ui.workshop.picker import pick_workshop
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.mapping.service import Description
from essdash.workshop.activities.signin import export, service
from essdash.workshop.activities.signin.service import SignInForm

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    info = pick_workshop(key="emargement_workshop")
    if info is None:
        return
    with read_session() as s:
        frame = export.to_frame(s, info.id)
        people = [
            (p.id, f"{p.name} — {p.structure_name}") for p in export.active_participants(s, info.id)
        ]
    st.metric("Présent·es", len(frame))
    st.dataframe(frame, hide_index=True, width="stretch", key="attendance_table")
    cols = st.columns(2)
    name = f"emargement-{info.join_code}"
    cols[0].download_button(
        "Télécharger (.csv)", to_csv_bytes(frame), file_name=f"{name}.csv", mime="text/csv",
        key="attendance_csv", on_click="ignore",
    )  # fmt: skip
    cols[1].download_button(
        "Télécharger (.xlsx)", to_xlsx({"Émargement": frame}), file_name=f"{name}.xlsx",
        mime=XLSX_MIME, key="attendance_xlsx", on_click="ignore",
    )  # fmt: skip
    _on_behalf_signin(info.id)
    _on_behalf_site(info.id, people)


def _on_behalf_signin(workshop_id: int) -> None:
    with (
        st.expander("Inscrire une personne (reçue par téléphone ou courriel)"),
        st.form("behalf_signin", border=False),
    ):
        name = st.text_input("Nom et prénom", key="behalf_name")
        structure = st.text_input("Structure", key="behalf_structure")
        actor = st.selectbox(
            "Type d'acteur", list(labels.ACTOR_TYPES), format_func=lambda k: labels.ACTOR_TYPES[k],
            key="behalf_actor",
        )  # fmt: skip
        if st.form_submit_button("Inscrire", type="primary"):
            form = SignInForm(name, structure, actor)
            actions.run(
                lambda s: service.sign_in(
                    s, workshop_id=workshop_id, form=form, entered_by_facilitator=True
                )
            )


def _on_behalf_site(workshop_id: int, people: list[tuple[int, str]]) -> None:
    if not people:
        return
    communes = live.communes(workshop_id)
    with (
        st.expander("Placer un site pour le compte d'une personne"),
        st.form("behalf_site", border=False),
    ):
        pid = st.selectbox(
            "Personne",
            [p[0] for p in people],
            format_func=lambda k: dict(people)[k],
            key="behalf_person",
        )
        code = st.selectbox(
            "Commune", [c.code for c in communes],
            format_func=lambda k: {c.code: c.name for c in communes}[k], key="behalf_commune",
        )  # fmt: skip
        label = st.text_input("Nom du lieu", key="behalf_label")
        if st.form_submit_button("Placer (saisi par l'animation)", type="primary") and code:
            actions.run(
                lambda s: mapping.add_site_in_commune(
                    s, participant_id=pid, commune_code=code, description=Description(label),
                    on_behalf=True,
                )
            )  # fmt: skip
