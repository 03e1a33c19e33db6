"""« Annuaire des acteurs » (team): filters, table, map, exports, card, duplicates, relations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from essdash.actor_tables import listing, network
from essdash.actors import duplicates, exports, relations
from essdash.db import read_session
from essdash.indicators.perimeter import load_perimeter
from essdash.ui import safe
from essdash.ui.actors import common, network_view, team_forms
from essdash.ui.followup.common import pick_diagnostic
from essdash.ui.workshop import actions

FILTERS = {"actor_type": "Type d'acteur", "family": "Famille de l'ESS", "sector": "Secteur",
           "commune": "Commune", "met": "Rencontrée"}  # fmt: skip


def render() -> None:
    diagnostic_id = pick_diagnostic("annuaire_diagnostic")
    if diagnostic_id is None:
        return
    actions.show_outcome("annuaire")
    sectors = load_perimeter().sectors
    with read_session() as s:
        frame = listing.directory_frame(s, diagnostic_id, sectors)
    tab_list, tab_add, tab_dup, tab_rel = st.tabs(
        ["Annuaire", "Ajouter ou rattacher", "Doublons", "Relations et réseau"]
    )
    with tab_list:
        _directory(diagnostic_id, frame, sectors)
    with tab_add:
        team_forms.add_actor(diagnostic_id)
        st.divider()
        team_forms.tie_to_sirene(diagnostic_id, frame)
    with tab_dup:
        _duplicates(diagnostic_id)
    with tab_rel:
        _relations(diagnostic_id)


def _filtered(frame: pd.DataFrame) -> pd.DataFrame:
    columns = st.columns(len(FILTERS))
    keep = pd.Series(True, index=frame.index)
    for column, (key, label) in zip(columns, FILTERS.items(), strict=True):
        if key == "met":
            values = sorted({m for v in frame[key] for m in str(v).split(", ") if m})
            chosen = column.multiselect(label, values, key=f"annuaire_f_{key}")
            if chosen:
                keep &= frame[key].map(lambda v, c=chosen: any(m in str(v).split(", ") for m in c))
            continue
        values = sorted(v for v in frame[key].unique() if v)
        chosen = column.multiselect(label, values, key=f"annuaire_f_{key}")
        if chosen:
            keep &= frame[key].isin(chosen)
    return frame[keep]


def _directory(diagnostic_id: int, frame: pd.DataFrame, sectors: dict[str, str]) -> None:
    if frame.empty:
        st.info("L'annuaire est vide : les structures s'ajoutent à l'émargement, ou ici.")
        return
    shown = _filtered(frame)
    st.caption(f"{len(shown)} structure(s) sur {len(frame)}")
    st.dataframe(
        shown[list(listing.DIRECTORY_COLUMNS)].rename(columns=listing.DIRECTORY_COLUMNS),
        hide_index=True,
        width="stretch",
    )
    with read_session() as s:
        nodes = network.nodes_frame(s, diagnostic_id)
        edges = network.edges_frame(s, diagnostic_id)
        csv, xlsx = (
            exports.directory_csv(s, diagnostic_id),
            exports.directory_xlsx(s, diagnostic_id),
        )
    a, b = st.columns(2)
    a.download_button("Annuaire (CSV)", csv, "annuaire.csv", "text/csv", width="stretch")
    b.download_button("Annuaire et relations (Excel)", xlsx, "annuaire.xlsx", width="stretch")
    st.subheader("Carte des acteurs et de leurs relations")
    ids = set(shown["id"])
    network_view.actors_map(nodes[nodes["id"].isin(ids)], edges, team_forms.outlines(diagnostic_id))
    _card(frame, sectors)


def _card(frame: pd.DataFrame, sectors: dict[str, str]) -> None:
    st.subheader("Fiche d'une structure")
    names = dict(zip(frame["id"], frame["name"], strict=True))
    actor_id = st.selectbox(
        "Fiche de la structure", list(names), format_func=names.__getitem__,
        index=None, placeholder="Choisir une structure", key="annuaire_card",
    )  # fmt: skip
    if actor_id is None:
        return
    with read_session() as s:
        card = listing.actor_card(s, int(actor_id), sectors)
    if card is None:
        return
    safe.text_block(card.name, size="1.3rem", bold=True)
    common.table(pd.DataFrame(card.fields, columns=["", "Valeur"]), header=False)
    sections = (
        ("Participant·es", pd.DataFrame(card.people, columns=["Nom", "Atelier"])),
        ("Sites et zones", pd.DataFrame(card.features, columns=["Type", "Libellé"])),
        ("Entretiens", pd.DataFrame(card.interviews, columns=["Date", "Notes"])),
        ("Relations", pd.DataFrame(card.relations, columns=["Type", "Avec", "Note", "État"])),
    )
    for title, table in sections:
        st.markdown(f"**{title}** ({len(table)})")
        if not table.empty:
            common.table(table)
    st.markdown(f"**Contributions** ({len(card.contributions)})")
    safe.cards([safe.Card(t) for t in card.contributions])


def _duplicates(diagnostic_id: int) -> None:
    with read_session() as s:
        pairs = duplicates.find_duplicates(s, diagnostic_id)
    if not pairs:
        st.success("Aucun doublon probable (même SIRET, ou noms proches dans une commune).")
        return
    for pair in pairs:
        safe.text_block(f"n° {pair.keep_id} « {pair.keep_name} » et n° {pair.other_id} "
                        f"« {pair.other_name} » : {pair.reason}")  # fmt: skip
        if st.button(f"Fusionner dans le n° {pair.keep_id}", key=f"merge_{pair.other_id}"):
            actions.perform(
                lambda s, p=pair: duplicates.merge(  # type: ignore[misc]
                    s, keep_id=p.keep_id, other_id=p.other_id
                ),
                success="Fiches fusionnées : sites, zones, contributions et relations gardés.",
            )


def _relations(diagnostic_id: int) -> None:
    team_forms.declare_relation(diagnostic_id)
    kinds = st.multiselect(
        "Types de relation montrés", list(relations.KIND_LABELS),
        format_func=relations.KIND_LABELS.__getitem__, key="annuaire_kinds",
    )  # fmt: skip
    with read_session() as s:
        nodes = network.nodes_frame(s, diagnostic_id)
        edges = network.edges_frame(s, diagnostic_id, tuple(kinds))
        csv, gexf = (
            exports.relations_csv(s, diagnostic_id),
            exports.relations_gexf(s, diagnostic_id),
        )
    network_view.figures_block(network.figures(nodes, edges))
    chart = network_view.chart(nodes, edges)
    if chart is not None:
        st.altair_chart(chart, width="content")
        st.caption("Couleur : type d'acteur · taille : effectif salarié (tranche Sirene).")
    a, b = st.columns(2)
    a.download_button("Relations (CSV)", csv, "relations.csv", "text/csv", width="stretch")
    b.download_button("Réseau pour Gephi (GEXF)", gexf, "relations.gexf", width="stretch")
    if not edges.empty:
        st.dataframe(
            edges[list(network.EDGE_COLUMNS)[2:]].rename(columns=network.EDGE_COLUMNS),
            hide_index=True, width="stretch",
        )  # fmt: skip
        team_forms.manage_relation(edges)
