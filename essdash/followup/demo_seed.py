"""Demo follow-up: a calendar with two late steps, three fictional interviews and dated
progress updates of the demo actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.followup import interviews, timeline
from essdash.followup.interviews import InterviewInput
from essdash.models import Action, ActionUpdate, DiagnosticPhase, DiagnosticStep, StepWorkshop

if TYPE_CHECKING:
    from essdash.readmodel.contract import SeedContext

START_DAYS_AGO = 230  # phase 2 is under way and its first step overran
DONE_STEPS = 4  # the four steps of phase 1
INTERVIEWS: tuple[tuple[str, str, str, str, dict[str, str]], ...] = (
    ("Claire Exemple (fictive)", "Ressourcerie du Val (fictive)", "Directrice", "acteur",
     {"enjeux": "Les jeunes quittent le territoire faute de transport.",
      "offre": "Collecte, réparation et revente ; ateliers de réparation.",
      "innovation.besoins": "Emplois d'insertion pour des personnes éloignées de l'emploi.",
      "accompagnement": "Besoin d'aide pour répondre aux marchés publics."}),
    ("Marc Illustration (fictif)", "Commune de Fictiville (fictive)", "Adjoint au maire", "elu",
     {"enjeux": "Vieillissement de la population, isolement en hameau.",
      "partenariats.developpement": "La commune prête des locaux aux associations.",
      "opportunites": "Un lieu partagé au centre-bourg."}),
    ("Nadia Modèle (fictive)", "Coopérative bio Démo (fictive)", "Co-gérante", "partenaire",
     {"partenariats.concurrence": "La grande distribution vend moins cher.",
      "innovation.valeur": "", "opportunites": "Circuits courts pour la restauration scolaire."}),
)  # fmt: skip
# (days ago, progress %) of each demo action's updates, oldest first
UPDATES = ((120, 10), (60, 25), (14, 40))


def seed(session: Session, ctx: SeedContext) -> None:
    today = date.today()
    diagnostic_id = ctx.diagnostic.id
    timeline.apply_template(
        session, diagnostic_id=diagnostic_id, start=today - timedelta(days=START_DAYS_AGO)
    )
    steps = list(
        session.scalars(
            select(DiagnosticStep)
            .join(DiagnosticPhase, DiagnosticPhase.id == DiagnosticStep.phase_id)
            .where(DiagnosticPhase.diagnostic_id == diagnostic_id)
            .order_by(DiagnosticPhase.position, DiagnosticStep.position)
        )
    )
    _dates(steps)
    session.add(StepWorkshop(step_id=steps[DONE_STEPS - 1].id, workshop_id=ctx.workshop.id))
    for name, structure, role, kind, said in INTERVIEWS:
        data = InterviewInput(
            person_name=name, structure_name=structure, role=role, kind=kind,
            held_on=today - timedelta(days=150), interviewer="Équipe CRESS (démo)",
            consent=True, step_id=steps[2].id, answers=said,
        )  # fmt: skip
        interviews.record_interview(session, diagnostic_id=diagnostic_id, data=data)
    _updates(session, diagnostic_id)


def _dates(steps: list[DiagnosticStep]) -> None:
    for step in steps[:DONE_STEPS]:
        step.status = "termine"
        step.actual_start, step.actual_end = step.planned_start, step.planned_end
    steps[DONE_STEPS].status = "en_cours"
    steps[DONE_STEPS].actual_start = steps[DONE_STEPS].planned_start


def _updates(session: Session, diagnostic_id: int) -> None:
    now = datetime.combine(date.today(), time(9, 0), tzinfo=UTC)
    for action in session.scalars(select(Action).where(Action.diagnostic_id == diagnostic_id)):
        if action.status == "a_lancer":
            continue
        for days, share in UPDATES:
            progress = round(action.progress * share / 40)
            session.add(
                ActionUpdate(
                    action_id=action.id, progress=min(progress, action.progress),
                    status="en_cours", by_owner=days != 60,
                    posted_at=now - timedelta(days=days),
                )
            )  # fmt: skip
