"""« Créer un diagnostic »: a name, a kind and a territory from the imported geography."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.orm import Session

from essdash import labels
from essdash.db import read_session
from essdash.diagnostics.creation import create_diagnostic, diagnostic_rows
from essdash.indicators import territories
from essdash.ui import state
from essdash.ui.workshop import actions

# Communes are typed as commune:CODE: 35,000 options would weigh on every phone and laptop.
PICKED_KINDS = ("epci", "departement", "region", "liste", "france")


def create_form() -> None:
    """The creation form, open when there is no diagnostic yet."""
    with read_session() as session:
        options = territories.options(session, kinds=PICKED_KINDS)
        empty = not diagnostic_rows(session)
    with st.expander("Créer un diagnostic", expanded=empty), st.form("create_diagnostic_form"):
        name = st.text_input("Nom du diagnostic", max_chars=200, key="new_diagnostic_name")
        kind = st.radio(
            "Type", list(labels.DIAGNOSTIC_KINDS), format_func=labels.DIAGNOSTIC_KINDS.__getitem__,
            horizontal=True, key="new_diagnostic_kind",
        )  # fmt: skip
        picked = st.selectbox(
            "Territoire", list(options), index=None, format_func=options.__getitem__,
            placeholder="EPCI, département, région, liste de communes…",
            key="new_diagnostic_territory",
        )  # fmt: skip
        typed = st.text_input(
            "… ou son code (type:code, par exemple commune:80021)", key="new_diagnostic_key"
        )
        issuer = st.text_input(
            "Organisme émetteur (couverture du document de restitution)", max_chars=200,
            placeholder="CRESS …", key="new_diagnostic_issuer",
        )  # fmt: skip
        if st.form_submit_button("Créer le diagnostic", type="primary"):
            _create(name, kind, typed.strip() or picked or "", issuer)
    actions.show_outcome("create_diagnostic")


def _create(name: str, kind: str, territory_key: str, issuer: str) -> None:
    if not territory_key:
        st.error("Territoire : choisissez-le dans la liste ou tapez son code (type:code).")
        return
    made: list[int] = []

    def create(session: Session) -> None:
        diagnostic = create_diagnostic(
            session, name=name, territory_key=territory_key, kind=kind, issuer=issuer
        )
        session.flush()
        made.append(diagnostic.id)

    def select_it() -> None:
        state.set_selected_diagnostic_id(made[0])
        message = f"Diagnostic n° {made[0]} créé : il est choisi ci-dessous."
        state.push_outcome("create_diagnostic", "success", message)

    actions.perform(create, then=select_it)
