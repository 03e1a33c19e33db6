"""Named lists of communes (a pays, a PTCE's area): create, name, save, then pick them."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import read_session
from essdash.formatting import fmt_count
from essdash.indicators.territories import (
    communes_of_departement,
    list_code,
    list_members,
    options,
    parse_insee_codes,
    save_list,
)
from essdash.ui import state
from essdash.ui.quant import data
from essdash.ui.workshop import actions

_NAME, _DEP, _PICKED, _PASTED = (
    "quant_list_name",
    "quant_list_dep",
    "quant_list_pick",
    "quant_list_paste",
)
_EDIT = "quant_list_edit"
_SAVED_SLOT = "quant_list"
_NEW = "__new__"


@st.cache_data(ttl=3600, max_entries=8)
def _departements(version: str) -> dict[str, str]:
    del version
    with read_session() as session:
        return {k.partition(":")[2]: v for k, v in options(session, ("departement",)).items()}


@st.cache_data(ttl=3600, max_entries=32)
def _communes(departement: str, version: str) -> dict[str, str]:
    del version
    with read_session() as session:
        return communes_of_departement(session, departement)


def _lists(version: str) -> dict[str, str]:
    return {
        k.partition(":")[2]: v
        for k, v in data.territory_options(version).items()
        if k.startswith("liste:")
    }


def _load(code: str) -> None:
    """Fill the form with an existing list (on_change of the list chooser)."""
    with read_session() as session:
        members = list_members(session, code)
    state.set_widget_value(_PASTED, " ".join(members))
    state.set_widget_value(_PICKED, [])


def editor(target_key: str) -> None:
    """Expander with the list form; on save, the list becomes the territory of `target_key`.

    Must be drawn before the widget `target_key` so that it can be set in the same run.
    """
    version = data.data_version()
    departements = _departements(version)
    if not departements:
        return
    with st.expander("Listes de communes (pays, périmètre d'un PTCE…)"):
        existing = _lists(version)
        edit = st.selectbox(
            "Liste", [_NEW, *existing], key=_EDIT,
            format_func=lambda c: "Nouvelle liste" if c == _NEW else existing[c],
            on_change=lambda: _load(state.widget_value(_EDIT))
            if state.widget_value(_EDIT) != _NEW else None,
        )  # fmt: skip
        default_name = "" if edit == _NEW else existing[edit].rsplit(" (", 1)[0]
        name = st.text_input("Nom de la liste", value=default_name, key=f"{_NAME}_{edit}")
        left, right = st.columns([1, 2])
        dep = left.selectbox(
            "Département", list(departements), format_func=departements.__getitem__, key=_DEP
        )
        choices = _communes(dep, version)
        picked = right.multiselect(
            "Communes", list(choices), format_func=choices.__getitem__, key=_PICKED,
            placeholder="Choisir des communes",
            select_all=False,  # Streamlit's "Select all" is English
        )  # fmt: skip
        pasted = st.text_area(
            "… ou collez des codes INSEE (séparés par des espaces, virgules ou retours à la ligne)",
            key=_PASTED,
            height=80,
        )
        if st.button("Enregistrer la liste", key="quant_list_save"):
            _save(edit, name, picked, pasted, target_key)


def _save(edit: str, name: str, picked: list[str], pasted: str, target_key: str) -> None:
    """Through the UI's one write path: a refusal is shown here and the form keeps its input."""
    code = list_code(name) if edit == _NEW else edit
    counted: list[int] = []

    def save(session: Session) -> None:
        communes = [*picked, *parse_insee_codes(pasted)]
        counted.append(len(save_list(session, code=code, name=name, communes=communes).communes))

    def saved() -> None:
        message = (
            f"Liste « {name.strip()} » enregistrée ({fmt_count(counted[0], 'commune')}). "
            f"En ligne de commande : --territory liste:{code}"
        )
        state.push_outcome(_SAVED_SLOT, "success", message)
        state.set_pending_territory(target_key, f"liste:{code}")

    actions.perform(save, then=saved)


def flash() -> None:
    """The confirmation of the last save, shown once."""
    actions.show_outcome(_SAVED_SLOT)
