"""The network of relations: nodes and edges, a force layout, figures, and the Gephi export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.indicators.perimeter import load_perimeter
from essdash.models import ActorRelation, MapFeature, Participant, Structure, Workshop

EDGE_COLUMNS = {
    "source": "Source",
    "target": "Cible",
    "source_name": "Structure source",
    "target_name": "Structure cible",
    "kind": "Type de relation",
    "directed": "Orientée",
    "confirmed": "Confirmée",
    "declared_by": "Déclarée par",
    "note": "Note",
}


def is_ess(actor_type: str | None, family: str | None) -> bool:
    return actor_type == "ess" or family is not None


def nodes_frame(session: Session, diagnostic_id: int) -> pd.DataFrame:
    """id, name, actor_type, type label, is_ess, headcount estimate (size class midpoint)."""
    midpoints = load_perimeter().size_midpoints
    sites = _first_sites(session, diagnostic_id)
    actors = session.scalars(
        select(Structure).where(Structure.diagnostic_id == diagnostic_id).order_by(Structure.id)
    ).all()
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "actor_type": a.actor_type or "autre",
            "type_label": labels.ACTOR_TYPES.get(a.actor_type or "autre", "Autre"),
            "is_ess": is_ess(a.actor_type, a.family),
            "headcount": float(midpoints.get(a.headcount_class or "", 0.0)),
            "lon": a.lon if a.lon is not None else sites.get(a.id, (None, None))[0],
            "lat": a.lat if a.lat is not None else sites.get(a.id, (None, None))[1],
        }
        for a in actors
    ]
    return pd.DataFrame(
        rows,
        columns=["id", "name", "actor_type", "type_label", "is_ess", "headcount", "lon", "lat"],
    )


def _first_sites(session: Session, diagnostic_id: int) -> dict[int, tuple[float, float]]:
    """actor id -> (lon, lat) of the first site its participants placed (actors not in Sirene)."""
    rows = session.execute(
        select(Participant.structure_id, MapFeature.geometry)
        .join(MapFeature, MapFeature.participant_id == Participant.id)
        .join(Workshop, Workshop.id == Participant.workshop_id)
        .where(
            Workshop.diagnostic_id == diagnostic_id,
            MapFeature.kind == "site",
            MapFeature.hidden.is_(False),
            Participant.structure_id.is_not(None),
        )
        .order_by(MapFeature.id)
    )
    found: dict[int, tuple[float, float]] = {}
    for actor_id, geometry in rows:
        point = json.loads(geometry)
        if actor_id is not None and actor_id not in found and point.get("type") == "Point":
            found[actor_id] = (float(point["coordinates"][0]), float(point["coordinates"][1]))
    return found


def edges_frame(session: Session, diagnostic_id: int, kinds: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per relation (keys of EDGE_COLUMNS), optionally of some kinds only."""
    names = dict(
        session.execute(
            select(Structure.id, Structure.name).where(Structure.diagnostic_id == diagnostic_id)
        ).all()
    )
    query = select(ActorRelation).where(ActorRelation.diagnostic_id == diagnostic_id)
    if kinds:
        query = query.where(ActorRelation.kind.in_(kinds))
    rows = [
        {
            "source": r.source_id,
            "target": r.target_id,
            "source_name": names.get(r.source_id, ""),
            "target_name": names.get(r.target_id, ""),
            "kind": labels.RELATION_KIND_LABELS[r.kind],
            "directed": "oui" if r.directed else "non",
            "confirmed": "oui" if r.confirmed_at else "non",
            "declared_by": "équipe" if r.declared_by_team else "participant·e",
            "note": r.note,
            "kind_key": r.kind,
            "relation_id": r.id,
        }
        for r in session.scalars(query.order_by(ActorRelation.id))
    ]
    return pd.DataFrame(rows, columns=[*EDGE_COLUMNS, "kind_key", "relation_id"])


@dataclass(frozen=True)
class NetworkFigures:
    actors: int
    relations: int
    isolated: tuple[str, ...]
    most_connected: tuple[tuple[str, int], ...]
    ess_to_non_ess: int


def figures(nodes: pd.DataFrame, edges: pd.DataFrame, top: int = 5) -> NetworkFigures:
    degree: dict[int, int] = dict.fromkeys(nodes["id"].tolist(), 0)
    for s, t in zip(edges["source"], edges["target"], strict=True):
        degree[s] = degree.get(s, 0) + 1
        degree[t] = degree.get(t, 0) + 1
    name = dict(zip(nodes["id"], nodes["name"], strict=True))
    ess = dict(zip(nodes["id"], nodes["is_ess"], strict=True))
    ranked = sorted((d, name[i]) for i, d in degree.items() if d > 0 and i in name)
    ranked.sort(key=lambda x: (-x[0], x[1]))
    mixed = sum(
        1 for s, t in zip(edges["source"], edges["target"], strict=True) if ess.get(s) != ess.get(t)
    )
    return NetworkFigures(
        actors=len(nodes),
        relations=len(edges),
        isolated=tuple(sorted(name[i] for i, d in degree.items() if d == 0 and i in name)),
        most_connected=tuple((n, d) for d, n in ranked[:top]),
        ess_to_non_ess=mixed,
    )


def force_layout(ids: list[int], edges: list[tuple[int, int]], steps: int = 200) -> np.ndarray:
    """Fruchterman-Reingold positions in [-1, 1]² (deterministic: a fixed seed)."""
    n = len(ids)
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(15)
    pos = rng.uniform(-1, 1, (n, 2))
    index = {node: i for i, node in enumerate(ids)}
    pairs = np.array([(index[s], index[t]) for s, t in edges if s in index and t in index])
    k = np.sqrt(4.0 / n)
    temperature = 0.1
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        move = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d * (length / k)[:, None]
            np.add.at(move, pairs[:, 0], -pull)
            np.add.at(move, pairs[:, 1], pull)
        move -= 0.05 * pos  # gravity: isolated actors stay in the picture
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.98
    span = np.abs(pos).max() or 1.0
    return np.asarray(pos / span)


def _xml(text: object) -> str:
    """An XML attribute value: control characters (invalid in XML 1.0) dropped, quoted."""
    clean = "".join(c for c in str(text) if c >= " " or c in "\t\n\r")
    return quoteattr(clean)


def gexf(nodes: pd.DataFrame, edges: pd.DataFrame) -> str:
    """The network in GEXF 1.3 (Gephi), with the kind of actor, ESS and headcount per node."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        '<graph defaultedgetype="undirected" mode="static">',
        '<attributes class="node"><attribute id="0" title="type" type="string"/>'
        '<attribute id="1" title="ess" type="boolean"/>'
        '<attribute id="2" title="effectif" type="double"/></attributes>',
        '<attributes class="edge"><attribute id="0" title="relation" type="string"/>'
        '<attribute id="1" title="confirmee" type="string"/></attributes>',
        "<nodes>",
    ]
    for row in nodes.itertuples():
        out.append(
            f"<node id={_xml(row.id)} label={_xml(row.name)}><attvalues>"
            f'<attvalue for="0" value={_xml(row.type_label)}/>'
            f'<attvalue for="1" value="{str(bool(row.is_ess)).lower()}"/>'
            f'<attvalue for="2" value="{float(row.headcount)}"/></attvalues></node>'
        )
    out.append("</nodes><edges>")
    for i, e in enumerate(edges.itertuples()):
        kind = "directed" if e.directed == "oui" else "undirected"
        out.append(
            f'<edge id="{i}" source="{e.source}" target="{e.target}" type="{kind}"><attvalues>'
            f'<attvalue for="0" value={_xml(e.kind)}/>'
            f'<attvalue for="1" value={_xml(e.confirmed)}/></attvalues></edge>'
        )
    out.append("</edges></graph></gexf>")
    return "\n".join(out)
