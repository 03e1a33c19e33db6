"""Demo action plan: three actions that follow the demo vote's priorities (consolidation phase)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Action, Priority
from essdash.readmodel.contract import SeedContext

# (title, owner, partners, deadline, status, progress %)
DEMO_ACTIONS: tuple[tuple[str, str, str, date, str, int], ...] = (
    (
        "Expérimenter un transport solidaire pour les aîné·es isolé·es",
        "CC du Val de Démo (fictive)",
        "Réseau d'accompagnement Démo, Mutuelle du Val",
        date(2027, 6, 30),
        "en_cours",
        40,
    ),
    (
        "Structurer une filière réemploi et circuits courts",
        "Ressourcerie du Val (fictive)",
        "Coopérative bio Démo, Commune de Fictiville",
        date(2027, 12, 31),
        "a_lancer",
        0,
    ),
    (
        "Ouvrir un lieu partagé pour les associations au centre-bourg",
        "Commune de Fictiville (fictive)",
        "CRESS, associations locales",
        date(2027, 3, 31),
        "en_cours",
        65,
    ),
)


def seed(session: Session, ctx: SeedContext) -> None:
    priorities = list(
        session.scalars(
            select(Priority).where(Priority.workshop_id == ctx.workshop.id).order_by(Priority.id)
        )
    )
    for index, (title, owner, partners, deadline, status, progress) in enumerate(DEMO_ACTIONS):
        session.add(
            Action(
                diagnostic_id=ctx.diagnostic.id,
                priority_id=priorities[index].id if index < len(priorities) else None,
                title=title,
                owner=owner,
                partners=partners,
                deadline=deadline,
                status=status,
                progress=progress,
            )
        )
