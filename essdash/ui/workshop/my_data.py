"""« Mon lien et mes données »: the personal link (copyable, QR), my data, export, erase."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from essdash.db import read_session
from essdash.exports.xlsx import to_csv_bytes
from essdash.ui import state
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, links
from essdash.workshop.activities.signin import records


def render(who: Identity) -> None:
    assert who.participant_id is not None
    token = state.participant_token() or ""
    url = links.personal_url(token)
    st.subheader("Mon lien personnel")
    st.caption(
        "Gardez ce lien (favori, photo du QR code, envoi à vous-même) : il vous reconnaît sur "
        "n'importe quel appareil, même après l'atelier. Ne le partagez pas."
    )
    st.code(url, language=None, wrap_lines=True)  # a phone shows the whole link
    st.image(links.qr_png(url, scale=6), width=220, alt="QR code de mon lien personnel")
    st.download_button(
        "Télécharger le QR code (SVG)", links.qr_svg(url), file_name="mon-lien-essdash.svg",
        mime="image/svg+xml", key="my_qr_svg", on_click="ignore",
    )  # fmt: skip
    with read_session() as s:
        data = records.personal_data(s, participant_id=who.participant_id)
    st.subheader("Mes données")
    rows = pd.DataFrame(_flatten(data), columns=["Rubrique", "Champ", "Valeur"])
    # A table a phone reads (one line per field), not a folded JSON tree; text stays text.
    st.dataframe(rows, hide_index=True, width="stretch")
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    cols = st.columns(2)
    cols[0].download_button(
        "Exporter (JSON)", raw, file_name="mes-donnees.json", mime="application/json",
        key="my_data_json", on_click="ignore",
    )  # fmt: skip
    cols[1].download_button(
        "Exporter (CSV)", to_csv_bytes(rows), file_name="mes-donnees.csv", mime="text/csv",
        key="my_data_csv", on_click="ignore",
    )  # fmt: skip
    _erase(who.participant_id)


def _erase(participant_id: int) -> None:
    st.subheader("M'effacer")
    st.caption(
        "Efface votre nom, votre structure, vos coordonnées, vos sites et vos zones ; vos "
        "post-its et synthèses restent, sans votre nom. Votre lien personnel cessera de "
        "fonctionner."
    )
    sure = st.checkbox("Je confirme vouloir effacer mes données", key="erase_confirm")
    st.button(
        "Effacer mes données", key="erase_me", disabled=not sure, type="primary",
        on_click=_erase_me, args=(participant_id,),
    )  # fmt: skip
    actions.show_outcome("erase")


def _erase_me(participant_id: int) -> None:
    """Button callback: erased -> this device forgets the participant's link."""
    erased = actions.commit(
        lambda s: records.erase_participant(s, participant_id=participant_id), slot="erase",
        success="Vos données sont effacées.",
    )  # fmt: skip
    if erased:
        state.set_participant_token(None)


def _flatten(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Long format (rubrique, champ, valeur): one CSV for every section of the export."""
    rows = [("participant", k, "" if v is None else str(v)) for k, v in data["participant"].items()]
    for section, items in data.items():
        if section == "participant":
            continue
        for n, item in enumerate(items, start=1):
            for k, v in item.items():
                value = json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                rows.append((f"{section} {n}", k, "" if value is None else str(value)))
    return rows
