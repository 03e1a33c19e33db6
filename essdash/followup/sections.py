"""The follow-up's diagnostic-level sections (registry): workbook sheets and restitution slides
of the interviews' synthesis, the timeline and the action plan's progress.

Only the synthesis leaves here: counts and quotes of the grid, never a name nor free notes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash import formatting, labels
from essdash.followup import demo_seed, plan, synthesis, timeline
from essdash.followup.labels import SOURCES, STEP_STATUSES
from essdash.models import Interview
from essdash.readmodel.contract import Section, Sheet
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import BarsSlide, Slide, TableSlide

QUOTES_PER_ITEM = 2


def synthesis_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    rows = synthesis.tag_synthesis(session, diagnostic_id=scope.diagnostic.id)
    return pd.DataFrame(
        [(("↳ " if r.parent_key else "") + r.label, r.interviews, r.postits, r.total)
         for r in rows],
        columns=["Rubrique", "Entretiens", "Post-it", "Total"],
    )  # fmt: skip


def quotes_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    rows = synthesis.tag_synthesis(session, diagnostic_id=scope.diagnostic.id)
    return pd.DataFrame(
        [(r.label, SOURCES.get(q.source, q.source), q.text) for r in rows for q in r.quotes],
        columns=["Rubrique", "Source", "Citation"],
    )


def synthesis_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    rows = synthesis.tag_synthesis(session, diagnostic_id=scope.diagnostic.id)
    if not any(r.total for r in rows):
        return []
    count = session.scalar(
        select(func.count(Interview.id)).where(Interview.diagnostic_id == scope.diagnostic.id)
    )
    tops = [r for r in rows if r.parent_key is None]
    bars = BarsSlide(
        title="Ce qui ressort des entretiens et des ateliers",
        subtitle=f"{formatting.fmt_count(int(count or 0), 'entretien', 'entretiens')} et "
        f"{formatting.fmt_count(sum(r.postits for r in tops), 'post-it', 'post-it')} classés",
        bars=tuple((r.label, float(r.total), formatting.fmt_int(r.total)) for r in tops),
        note="Mentions par rubrique de la grille « infos recherchées ».",
    )
    quotes = tuple(
        (q.text, r.label, SOURCES.get(q.source, q.source))
        for r in tops
        for q in r.quotes[:QUOTES_PER_ITEM]
    )
    if not quotes:
        return [bars]
    table = TableSlide(
        title="Paroles d'acteurs", columns=("Citation", "Rubrique", "Source"), rows=quotes
    )
    return [bars, table]


def timeline_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    view = timeline.timeline(session, diagnostic_id=scope.diagnostic.id)
    return pd.DataFrame(
        [(s.phase_title, s.title, s.planned_start, s.planned_end, s.actual_start, s.actual_end,
          STEP_STATUSES.get(s.status, s.status), "oui" if s.late else "",
          ", ".join(s.workshops), s.interviews)
         for s in view.steps],
        columns=["Phase", "Étape", "Début prévu", "Fin prévue", "Début réel", "Fin réelle",
                 "Statut", "En retard", "Ateliers", "Entretiens"],
    )  # fmt: skip


def timeline_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    view = timeline.timeline(session, diagnostic_id=scope.diagnostic.id)
    if not view.steps:
        return []
    rows = tuple(
        (s.phase_title, s.title, _period(s.planned_start, s.planned_end),
         "En retard" if s.late else STEP_STATUSES.get(s.status, s.status))
        for s in view.steps
    )  # fmt: skip
    late = " ; ".join(s.title for s in view.late)
    return [
        TableSlide(
            title="Où en est le diagnostic",
            subtitle=f"Phase en cours : {view.current_phase or 'diagnostic terminé'}",
            columns=("Phase", "Étape", "Période prévue", "État"),
            rows=rows,
            note=f"En retard : {late}." if late else "",
        )
    ]


def _period(start: object, end: object) -> str:
    return f"{formatting.fmt_date(start)} → {formatting.fmt_date(end)}"  # type: ignore[arg-type]


def progress_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    titles = {v.id: v.priority for v in plan.plan_view(session, diagnostic_id=scope.diagnostic.id)}
    return pd.DataFrame(
        [(formatting.paris_wall_time(u.posted_at), u.action_title, titles.get(u.action_id, ""),
          u.progress, labels.ACTION_STATUSES.get(u.status, u.status), u.note,
          "porteur" if u.by_owner else "équipe")
         for u in plan.history(session, diagnostic_id=scope.diagnostic.id)],
        columns=["Date", "Action", "Priorité votée", "Avancement (%)", "Statut", "Commentaire",
                 "Par"],
    )  # fmt: skip


def progress_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    """From the vote to the action: each action, its voted priority, progress and last news."""
    views = plan.plan_view(session, diagnostic_id=scope.diagnostic.id)
    if not views:
        return []
    rows = tuple(
        (v.priority or "—", v.title, v.owner, f"{v.progress} %",
         "en retard" if v.overdue else formatting.fmt_date(v.last_update))
        for v in views
    )  # fmt: skip
    return [
        TableSlide(
            title="Du vote à l'action : avancement du plan d'action",
            columns=("Priorité votée", "Action", "Porteur", "Avancement", "Dernière nouvelle"),
            rows=rows,
        )
    ]


INTERVIEWS = Section(
    key="interviews",
    title="Entretiens",
    sheets=(Sheet("Entretiens (synthèse)", synthesis_sheet), Sheet("Citations", quotes_sheet)),
    slides=synthesis_slides,
)
TIMELINE = Section(
    key="timeline",
    title="Calendrier du diagnostic",
    sheets=(Sheet("Calendrier du diagnostic", timeline_sheet),),
    slides=timeline_slides,
)
PROGRESS = Section(
    key="progress",
    title="Avancement du plan d'action",
    sheets=(Sheet("Avancement des actions", progress_sheet),),
    slides=progress_slides,
    seed=demo_seed.seed,  # after the plan's seed: it dates the demo actions' progress
)
