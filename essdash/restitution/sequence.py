"""The plenary sequence of a diagnostic, built from its restitution code (read-only).

Order of the plenary: title, key figures beside the reference territories, the ESS map, the
actors' map with their zones, each world-café question (synthesis and main themes), the
priorities with the vote's result, the action plan when there is one.
"""

from __future__ import annotations

import hmac
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.exports.features import map_features
from essdash.exports.geometry import as_geojson
from essdash.exports.scope import Scope, diagnostic_scope
from essdash.formatting import fmt_count, fmt_date
from essdash.models import (
    Commune,
    Contribution,
    Diagnostic,
    Participant,
    Question,
    Synthesis,
    Territory,
    TerritoryCommune,
    Theme,
)
from essdash.restitution import decisions
from essdash.restitution import figures as figures_mod
from essdash.restitution.slides import (
    CommuneArea,
    MapPoint,
    MapSlide,
    MapZone,
    QuestionSlide,
    Restitution,
    Slide,
    TitleSlide,
)

MAX_THEMES = 6
MAX_CODE = 64


def diagnostic_by_code(session: Session, code: str | None) -> Diagnostic | None:
    """The diagnostic whose restitution code this is (spaces ignored, compared in constant time)."""
    cleaned = (code or "").strip()
    if not cleaned or len(cleaned) > MAX_CODE:
        return None
    found = session.scalars(
        select(Diagnostic).where(Diagnostic.restitution_code == cleaned)
    ).first()
    if found is None or not hmac.compare_digest(found.restitution_code, cleaned):
        return None
    return found


def build_restitution(session: Session, diagnostic: Diagnostic) -> Restitution:
    """Every slide of the plenary, in order."""
    scope = diagnostic_scope(session, diagnostic_id=diagnostic.id)
    territory = session.get(Territory, diagnostic.territory_id) if diagnostic.territory_id else None
    communes = _communes(session, territory)
    key = figures_mod.key_figures_slide(session, diagnostic)
    slides: list[Slide] = [
        _title(scope, territory),
        key.slide,
        figures_mod.ess_map_slide(communes, key.commune_shares, territory),
        _actors_map(session, scope, communes),
    ]
    slides += _questions(session, scope)
    slides += decisions.priorities_slides(session, scope)
    plan = decisions.plan_slide(session, scope)
    if plan is not None:
        slides.append(plan)
    return Restitution(diagnostic_id=diagnostic.id, title=diagnostic.name, slides=tuple(slides))


def _title(scope: Scope, territory: Territory | None) -> TitleSlide:
    d = scope.diagnostic
    lines = [
        labels.DIAGNOSTIC_KINDS.get(d.kind, d.kind),
        f"Phase : {labels.PHASES.get(d.phase, d.phase)}",
    ]
    for w in scope.workshops:
        when = f" — {fmt_date(w.scheduled_at)}" if w.scheduled_at else ""
        lines.append(f"{w.title}{when}")
    subtitle = territory.name if territory else ""
    return TitleSlide(title=d.name, subtitle=subtitle, lines=tuple(lines))


def _communes(session: Session, territory: Territory | None) -> list[CommuneArea]:
    if territory is None:
        return []
    rows = session.execute(
        select(Commune.code, Commune.name, Commune.geometry)
        .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
        .where(TerritoryCommune.territory_id == territory.id)
        .order_by(Commune.code)
    ).all()
    return [
        CommuneArea(code=code, name=name, geometry=json.loads(geometry) if geometry else None)
        for code, name, geometry in rows
    ]


def _actors_map(session: Session, scope: Scope, communes: list[CommuneArea]) -> MapSlide:
    sites = map_features(session, scope, kind="site")
    zones = map_features(session, scope, kind="zone")
    actor_key = {v: k for k, v in labels.ACTOR_TYPES.items()}
    points = tuple(
        MapPoint(
            lon=float(s.geometry.representative_point().x),
            lat=float(s.geometry.representative_point().y),
            label=s.structure or s.label,
            actor_type=actor_key.get(s.actor_type, "autre"),
            family=s.family,
        )
        for s in sites
    )
    areas = tuple(
        MapZone(
            geometry=as_geojson(z.geometry),
            label=z.structure or z.label,
            actor_type=actor_key.get(z.actor_type, "autre"),
        )
        for z in zones
    )
    subtitle = (
        f"{fmt_count(len(points), 'site')} et "
        f"{fmt_count(len(areas), 'zone de chalandise', 'zones de chalandise')} "
        "placés par les acteurs"
    )
    return MapSlide(
        title="La carte des acteurs",
        subtitle=subtitle,
        communes=tuple(communes),
        points=points,
        zones=areas,
        kind="actors_map",
    )


def _questions(session: Session, scope: Scope) -> list[QuestionSlide]:
    questions = session.scalars(
        select(Question)
        .where(Question.workshop_id.in_(scope.workshop_ids))
        .order_by(Question.workshop_id, Question.position)
    ).all()
    several = len(scope.workshops) > 1
    slides = []
    for q in questions:
        prefix = f"{scope.title_of(q.workshop_id)} — " if several else ""
        slides.append(
            QuestionSlide(
                title=f"{prefix}Question {q.position}",
                question=q.text,
                syntheses=_latest_syntheses(session, q.id),
                themes=_themes(session, q.id),
                contributions=_visible_count(session, q.id),
            )
        )
    return slides


def _visible_count(session: Session, question_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(Contribution.id))
            .join(Participant, Participant.id == Contribution.participant_id)
            .where(Contribution.question_id == question_id, Contribution.hidden.is_(False))
        )
        or 0
    )


def _latest_syntheses(session: Session, question_id: int) -> tuple[tuple[str, str], ...]:
    rows = session.scalars(
        select(Synthesis).where(Synthesis.question_id == question_id).order_by(Synthesis.id)
    ).all()
    latest: dict[int | None, str] = {}
    for s in rows:
        latest[s.table_no] = s.text
    ordered = sorted(latest.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    return tuple(
        ("Synthèse de l'animation" if table is None else f"Table {table}", text)
        for table, text in ordered
    )


def _themes(session: Session, question_id: int) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        select(Theme.name, func.count(Contribution.id))
        .join(Contribution, Contribution.theme_id == Theme.id)
        .where(Theme.question_id == question_id, Contribution.hidden.is_(False))
        .group_by(Theme.id, Theme.name)
        .order_by(func.count(Contribution.id).desc(), Theme.name)
        .limit(MAX_THEMES)
    ).all()
    return tuple((name, int(n)) for name, n in rows)
