"""The plenary sequence of a diagnostic, built from its restitution code (read-only).

Order of the plenary: title, key figures beside the reference territories, the ESS map, then
each registered activity's slides (the actors' map with their zones, each world-café question
with its syntheses and main themes, the priorities with the vote's result) and each section's
(the action plan when there is one), in registry order.
"""

from __future__ import annotations

import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.formatting import fmt_date
from essdash.models import Diagnostic, Territory
from essdash.readmodel.communes import diagnostic_territory, territory_communes
from essdash.readmodel.scope import Scope, diagnostic_scope
from essdash.readmodel.slides import Restitution, Slide, TitleSlide
from essdash.restitution import figures as figures_mod
from essdash.workshop.activities import registry

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
    territory = diagnostic_territory(session, diagnostic)
    communes = territory_communes(session, territory)
    key = figures_mod.key_figures_slide(session, diagnostic)
    slides: list[Slide] = [
        _title(scope, territory),
        key.slide,
        figures_mod.ess_map_slide(communes, key.commune_shares, territory),
    ]
    for item in registry.contributors():
        if item.slides is not None:
            slides += item.slides(session, scope)
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
