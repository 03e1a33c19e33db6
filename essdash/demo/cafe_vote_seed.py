"""Demo world café and vote: themes, syntheses, candidate priorities and a closed vote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from essdash.workshop.activities.voting import seed as voting_seed
from essdash.workshop.activities.worldcafe import seed as worldcafe_seed

if TYPE_CHECKING:
    from essdash.demo.loader import DemoContext


def seed(session: Session, ctx: DemoContext) -> None:
    worldcafe_seed.seed(session, ctx)
    voting_seed.seed(session, ctx)
