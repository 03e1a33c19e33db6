"""Rejoindre: the workshop code (typed or from `?code=`), then the émargement form."""

from __future__ import annotations

import streamlit as st

from essdash import labels
from essdash.actors.signin import sign_in_with_structure
from essdash.db import read_session
from essdash.errors import UserError
from essdash.ui import state
from essdash.ui.actors import my_structure
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions
from essdash.workshop.activities.signin import service
from essdash.workshop.activities.signin.service import SignInForm

SIGNIN_FORM = "signin_form"
CONSENT = (
    "J'accepte que l'équipe d'animation conserve mon e-mail ou mon téléphone pour me "
    "recontacter au sujet de ce diagnostic (effaçable à tout moment depuis « Mon lien »)."
)


def _request_id() -> str:
    """One id per form shown: a double tap sends it twice and still gives one participant."""
    return state.form_request_id(SIGNIN_FORM)


def render(who: Identity) -> None:
    code = st.query_params.get("code") or state.join_code()
    if who.role == "participant":
        if not code or code.strip().upper() == who.join_code:
            st.switch_page(my_structure.page_after_join())
        st.info(f"Vous participez déjà à l'atelier « {who.workshop_title} » sur cet appareil.")
        if not st.button("Rejoindre plutôt l'atelier " + code.strip().upper(), key="join_switch"):
            return
        state.set_participant_token(None)
    if not code:
        _code_form()
        return
    with read_session() as s:
        try:
            workshop = service.join_workshop(s, code=code)
        except UserError as error:
            st.error(str(error))
            state.set_join_code(None)
            _code_form()
            return
        workshop_id, title = workshop.id, workshop.title
    st.subheader(title)
    _signin_form(workshop_id)


def _code_form() -> None:
    with st.form("join_code_form", enter_to_submit=False):
        code = st.text_input("Code de l'atelier", key="join_code", max_chars=16)
        if st.form_submit_button("Rejoindre", type="primary", width="stretch") and code.strip():
            state.set_join_code(code.strip().upper())
            st.query_params["code"] = code.strip().upper()
            st.rerun()


def _signin_form(workshop_id: int) -> None:
    st.caption("Émargement : quelques secondes, sans compte. Les champs * sont obligatoires.")
    _request_id()  # created before the tap: a double tap still gives one participant
    my_structure.signin_search(workshop_id)  # « Ma structure », optional, before the form
    with st.form("signin_form", enter_to_submit=False):
        st.text_input("Nom et prénom *", key="signin_name", max_chars=service.NAME_MAX)
        st.text_input("Structure", key="signin_structure", max_chars=200)
        st.selectbox(
            "Type d'acteur *",
            list(labels.ACTOR_TYPES),
            index=None,  # an explicit choice: nobody is classed by default
            placeholder="Choisir le type d'acteur",
            format_func=lambda k: labels.ACTOR_TYPES[k],
            key="signin_actor",
        )
        st.selectbox(
            "Famille de l'ESS (si structure de l'ESS)",
            [None, *labels.ESS_FAMILIES],
            format_func=lambda k: "—" if k is None else labels.ESS_FAMILIES[k],
            key="signin_family",
        )
        st.text_input("E-mail (facultatif)", key="signin_email")
        st.text_input("Téléphone (facultatif)", key="signin_phone")
        st.checkbox(CONSENT, key="signin_consent")
        st.form_submit_button(
            "Je signe et je rejoins", type="primary", width="stretch",
            on_click=_sign_in, args=(workshop_id,),
        )  # fmt: skip
    actions.show_outcome()


def _sign_in(workshop_id: int) -> None:
    """Form callback: the run that follows already knows the participant (one run less)."""
    get = state.widget_value
    form = SignInForm(
        get("signin_name") or "", get("signin_structure") or "", get("signin_actor") or "",
        get("signin_family"), get("signin_email") or "", get("signin_phone") or "",
        bool(get("signin_consent")),
    )  # fmt: skip
    tokens: list[str] = []
    request_id, siret = _request_id(), my_structure.picked_at_signin()
    signed = actions.commit(
        lambda s: tokens.append(
            sign_in_with_structure(
                s, workshop_id=workshop_id, form=form, client_request_id=request_id, siret=siret
            ).token
        )
    )
    if signed:
        state.renew_form(SIGNIN_FORM)
        state.set_participant_token(tokens[0])
        my_structure.mark_signed_in(siret)
