"""The team's forms of the directory: add an actor, tie it to Sirene, record relations."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import select

from essdash import labels
from essdash.actors import directory, relations
from essdash.db import read_session
from essdash.models import Commune, Diagnostic, TerritoryCommune
from essdash.ui.actors import common
from essdash.ui.workshop import actions

ADD, RELATION = "annuaire_add", "annuaire_rel"


def outlines(diagnostic_id: int) -> list[tuple[str, str]]:
    """(name, GeoJSON) of the territory's communes, for the map's base."""
    with read_session() as s:
        rows = s.execute(
            select(Commune.name, Commune.geometry)
            .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
            .join(Diagnostic, Diagnostic.territory_id == TerritoryCommune.territory_id)
            .where(Diagnostic.id == diagnostic_id, Commune.geometry.is_not(None))
        ).all()
    return [(n, g) for n, g in rows if g]


def add_actor(diagnostic_id: int) -> None:
    st.subheader("Ajouter une structure")
    with st.form(ADD, enter_to_submit=False):
        name = st.text_input("Nom de la structure *", max_chars=directory.NAME_MAX,
                             key=actions.field(ADD, "name"))  # fmt: skip
        kind = st.selectbox("Type d'acteur", list(labels.ACTOR_TYPES),
                            format_func=labels.ACTOR_TYPES.__getitem__,
                            key=actions.field(ADD, "kind"))  # fmt: skip
        family = st.selectbox("Famille de l'ESS", [None, *labels.ESS_FAMILIES],
                              format_func=lambda k: "—" if k is None else labels.ESS_FAMILIES[k],
                              key=actions.field(ADD, "family"))  # fmt: skip
        origin = st.radio("Rencontrée", ["team", "interview"], horizontal=True,
                          format_func=directory.ORIGINS.__getitem__,
                          key=actions.field(ADD, "origin"))  # fmt: skip
        sent = st.form_submit_button("Ajouter à l'annuaire", type="primary")
    if sent:
        form = directory.ActorForm(name=name or "", actor_type=str(kind), family=family)
        actions.perform(
            lambda s: directory.add_actor(
                s, diagnostic_id=diagnostic_id, form=form, origin=str(origin)
            ),
            form=ADD, success="Structure ajoutée : rattachez-la au répertoire Sirene ci-dessous.",
        )  # fmt: skip


def tie_to_sirene(diagnostic_id: int, frame: pd.DataFrame) -> None:
    st.subheader("Rattacher une structure au répertoire Sirene")
    if frame.empty:
        return
    names = dict(zip(frame["id"], frame["name"], strict=True))
    actor_id = st.selectbox(
        "Structure à rattacher", list(names), format_func=names.__getitem__,
        index=None, placeholder="Choisir une structure", key="annuaire_tie_actor",
    )  # fmt: skip
    text = st.text_input("Nom, enseigne, sigle, SIRET ou SIREN", key="annuaire_tie_query")
    hits = common.search(text, diagnostic_id)
    if text.strip() and not hits:
        st.info("Aucun établissement trouvé dans le territoire du diagnostic.")
    if not hits:
        return
    options = {h.siret: common.hit_label(h) for h in hits}
    st.radio("Établissements", list(options), format_func=options.__getitem__,
             index=None, key="annuaire_tie_pick")  # fmt: skip
    siret = common.picked_siret("annuaire_tie_pick", hits)
    ready = actor_id is not None and siret is not None
    if st.button("Rattacher", type="primary", disabled=not ready, key="annuaire_tie") and ready:
        chosen, picked = int(str(actor_id)), str(siret)
        actions.perform(
            lambda s: directory.tie_to_sirene(s, actor_id=chosen, siret=picked),
            success="Structure rattachée : forme juridique, secteur et adresse remplis.",
        )


def declare_relation(diagnostic_id: int) -> None:
    names = common.actor_names(diagnostic_id)
    if len(names) < 2:
        st.info("Il faut au moins deux structures dans l'annuaire pour noter une relation.")
        return
    with st.expander("Noter une relation", expanded=False), st.form(RELATION):
        source = st.selectbox("De", list(names), format_func=names.__getitem__,
                              index=None, placeholder="Choisir une structure",
                              key=actions.field(RELATION, "src"))  # fmt: skip
        kind = st.selectbox("Type de relation", list(relations.KIND_LABELS),
                            format_func=relations.KIND_LABELS.__getitem__,
                            key=actions.field(RELATION, "kind"))  # fmt: skip
        target = st.selectbox("Vers", list(names), format_func=names.__getitem__,
                              index=None, placeholder="Choisir une structure",
                              key=actions.field(RELATION, "dst"))  # fmt: skip
        note = st.text_area("Note (facultatif)", max_chars=relations.NOTE_MAX,
                            key=actions.field(RELATION, "note"))  # fmt: skip
        sent = st.form_submit_button("Enregistrer la relation", type="primary")
    if not sent:
        return
    if source is None or target is None:
        st.error("Relation : choisissez les deux structures (De, Vers).")
        return
    form = relations.RelationForm(int(source), int(target), str(kind), note or "")
    request = actions.form_request_id(RELATION)
    actions.perform(
        lambda s: relations.declare(
            s, diagnostic_id=diagnostic_id, form=form, client_request_id=request
        ),
        form=RELATION, success="Relation enregistrée.",
    )  # fmt: skip


def manage_relation(edges: pd.DataFrame) -> None:
    """Confirm (for the other actor) or delete one relation, picked by its id."""
    options = {
        int(r.relation_id): f"{r.source_name} — {r.kind} — {r.target_name}"
        for r in edges.itertuples()
    }
    chosen = st.selectbox(
        "Relation", list(options), format_func=options.__getitem__,
        index=None, placeholder="Choisir une relation", key="annuaire_rel_pick",
    )  # fmt: skip
    if chosen is None:
        return
    rid = int(chosen)
    a, b = st.columns(2)
    if a.button("Confirmer", key="annuaire_rel_confirm"):
        actions.perform(lambda s: relations.confirm(s, relation_id=rid),
                        success="Relation confirmée.")  # fmt: skip
    if b.button("Supprimer", key="annuaire_rel_delete"):
        actions.perform(lambda s: relations.remove(s, relation_id=rid),
                        success="Relation supprimée.")  # fmt: skip
