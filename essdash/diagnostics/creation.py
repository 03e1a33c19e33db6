"""Creating a diagnostic on a real territory, and listing them (pages and CLI alike)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import UserError
from essdash.indicators import territories
from essdash.models import Diagnostic, Territory, TerritoryCommune, Workshop

NAME_MAX = 200


def new_restitution_code() -> str:
    """A secret code for the read-only restitution link (96 bits, URL-safe)."""
    return secrets.token_urlsafe(12)


def clean_issuer(issuer: str) -> str:
    """The issuing organisation, spaces tidied; UserError when too long."""
    cleaned = " ".join(issuer.split())
    if len(cleaned) > NAME_MAX:
        raise UserError(f"Organisme émetteur : {NAME_MAX} caractères au plus.")
    return cleaned


def _territory_row(session: Session, ref: territories.TerritoryRef) -> Territory:
    """The Territory row of a resolved territory, created from its communes when missing."""
    found = session.scalar(
        select(Territory).where(Territory.kind == ref.kind, Territory.code == ref.code)
    )
    if found is not None:
        return found
    territory = Territory(
        kind=ref.kind,
        code=ref.code,
        name=ref.name,
        parent_departement=ref.departement,
        parent_region=ref.region,
    )
    territory.communes = [TerritoryCommune(commune_code=c) for c in ref.communes or ()]
    session.add(territory)
    session.flush()
    return territory


def create_diagnostic(
    session: Session, *, name: str, territory_key: str, kind: str = "territorial", issuer: str = ""
) -> Diagnostic:
    """A new diagnostic of a territory (`epci:200070993`, `commune:80021`...), in phase 1.

    Its reference territories are the territory's département, région and France.
    """
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX:
        raise UserError(f"Nom du diagnostic : de 1 à {NAME_MAX} caractères.")
    if kind not in labels.DIAGNOSTIC_KINDS:
        expected = ", ".join(labels.DIAGNOSTIC_KINDS)
        raise UserError(f"Type de diagnostic : « {kind} » inconnu (attendu : {expected}).")
    issuer = clean_issuer(issuer)
    ref = territories.resolve(session, *territories.parse_key(territory_key))
    references = [r.key for r in territories.default_references(session, ref)]
    diagnostic = Diagnostic(
        name=cleaned,
        territory_id=_territory_row(session, ref).id,
        kind=kind,
        phase="caracterisation",
        reference_territories=",".join(references) or None,
        restitution_code=new_restitution_code(),
        issuer=issuer or None,
    )
    session.add(diagnostic)
    session.flush()
    return diagnostic


@dataclass(frozen=True)
class DiagnosticRow:
    """One line of the list of diagnostics."""

    id: int
    name: str
    kind: str
    territory: str
    restitution_code: str
    workshops: tuple[str, ...]  # join codes


def diagnostic_rows(session: Session) -> list[DiagnosticRow]:
    """Every diagnostic with its territory and the join codes of its workshops."""
    rows = session.execute(
        select(Diagnostic, Territory)
        .outerjoin(Territory, Territory.id == Diagnostic.territory_id)
        .order_by(Diagnostic.id)
    ).all()
    codes: dict[int, list[str]] = {}
    for diagnostic_id, code in session.execute(
        select(Workshop.diagnostic_id, Workshop.join_code).order_by(Workshop.id)
    ):
        codes.setdefault(diagnostic_id, []).append(code)
    return [
        DiagnosticRow(
            id=d.id,
            name=d.name,
            kind=labels.DIAGNOSTIC_KINDS.get(d.kind, d.kind),
            territory=f"{t.name} ({t.kind}:{t.code})" if t is not None else "non choisi",
            restitution_code=d.restitution_code,
            workshops=tuple(codes.get(d.id, ())),
        )
        for d, t in rows
    ]
