"""A demo workshop plus the tricky cases of exports and restitution (used by tests/exports and
tests/restitution): formula-like and emoji text, hidden items, consent, erasure, a vote, a plan."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, select

from essdash.db import write_session
from essdash.demo.loader import load_demo
from essdash.models import (
    Action,
    Ballot,
    BallotEntry,
    Contribution,
    MapFeature,
    Participant,
    Priority,
    Question,
    Synthesis,
    Theme,
    Vote,
)

FORMULA_TEXT = '=HYPERLINK("http://x","y")'
EMOJI_TEXT = "Épicerie itinérante 🚐🥕 : « très appréciée », à pérenniser — merci ❤️"
HIDDEN_TEXT = "Texte masqué par la modération (ne doit jamais sortir)"
CONSENT_EMAIL = "camille.exemple@example.org"
NO_CONSENT_EMAIL = "dominique.test@example.org"
ERASED_EMAIL = "lou.simule@example.org"
VOTE_TITLE = "Vote de test des exports"
SYNTHESIS_TEXT = "Mobilité : le besoin n°1, surtout pour les personnes âgées isolées."
HIDDEN_SITE_LABEL = "Site masqué (doublon)"


@dataclass(frozen=True)
class Seeded:
    diagnostic_id: int
    workshop_id: int
    join_code: str
    restitution_code: str
    names: tuple[str, ...]  # every participant name of the demo
    emails: tuple[str, ...]
    theme_name: str
    priority_titles: tuple[str, ...]
    vote_id: int


def _people(session, workshop_id: int) -> list[Participant]:
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop_id)
            .order_by(Participant.id)
        )
    )


def _contributions(session, ctx, people, questions) -> str:
    theme = Theme(question_id=questions[0].id, name="Mobilité des aîné·es")
    session.add(theme)
    session.flush()
    first = session.scalars(
        select(Contribution).where(Contribution.question_id == questions[0].id)
    ).first()
    first.theme_id = theme.id
    for text, hidden in ((FORMULA_TEXT, False), (EMOJI_TEXT, False), (HIDDEN_TEXT, True)):
        session.add(
            Contribution(
                workshop_id=ctx.workshop.id,
                question_id=questions[1].id,
                participant_id=people[1].id,
                table_no=2,
                round_no=2,
                text=text,
                tag="offre",
                hidden=hidden,
                theme_id=None,
            )
        )
    session.add(
        Synthesis(
            question_id=questions[0].id,
            table_no=1,
            participant_id=people[0].id,
            author_name=people[0].name,
            text="Première version",
            created_at=datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
        )
    )
    session.add(
        Synthesis(
            question_id=questions[0].id,
            table_no=1,
            participant_id=people[0].id,
            author_name=people[0].name,
            text=SYNTHESIS_TEXT,
            created_at=datetime(2026, 11, 23, 14, 10, tzinfo=UTC),
        )
    )
    return theme.name


def _vote(session, workshop_id: int, people) -> tuple[int, tuple[str, ...]]:
    titles = ("Créer une navette solidaire", "Un tiers-lieu associatif", "Former les bénévoles")
    priorities = [Priority(workshop_id=workshop_id, title=t) for t in titles]
    priorities.append(Priority(workshop_id=workshop_id, title="Priorité masquée", hidden=True))
    session.add_all(priorities)
    vote = Vote(workshop_id=workshop_id, method="points", status="closed", title=VOTE_TITLE)
    session.add(vote)
    session.flush()
    for person, points in zip(people[:3], ((3, 1, 1), (4, 0, 1), (2, 2, 1)), strict=True):
        ballot = Ballot(vote_id=vote.id, participant_id=person.id)
        session.add(ballot)
        session.flush()
        for priority, value in zip(priorities, points, strict=False):
            if value:
                session.add(BallotEntry(ballot_id=ballot.id, priority_id=priority.id, value=value))
    session.add(
        Action(
            diagnostic_id=_diagnostic_of(session, workshop_id),
            priority_id=priorities[0].id,
            title="Étude d'opportunité d'une navette solidaire",
            owner="Communauté de communes",
            partners="Ressourcerie du Val ; Mutuelle du Val",
            deadline=date(2027, 6, 30),
            status="en_cours",
            progress=40,
        )
    )
    return vote.id, titles


def _diagnostic_of(session, workshop_id: int) -> int:
    from essdash.models import Workshop

    return session.get(Workshop, workshop_id).diagnostic_id


def seed_restitution_case(url: str | None = None) -> Seeded:
    """Load the demo and add the cases; returns what tests check against."""
    with write_session(url) as session:
        ctx = load_demo(session)
        # These cases bring their own action plan in place of the demo's.
        session.execute(delete(Action).where(Action.diagnostic_id == ctx.diagnostic.id))
        people = _people(session, ctx.workshop.id)
        questions = list(
            session.scalars(
                select(Question)
                .where(Question.workshop_id == ctx.workshop.id)
                .order_by(Question.position)
            )
        )
        people[0].email, people[0].phone, people[0].consent_contact = (
            CONSENT_EMAIL,
            "06 12 34 56 78",
            True,
        )
        people[1].email, people[1].consent_contact = NO_CONSENT_EMAIL, False
        people[5].email, people[5].consent_contact = ERASED_EMAIL, True
        names = tuple(p.name for p in people)
        theme = _contributions(session, ctx, people, questions)
        vote_id, titles = _vote(session, ctx.workshop.id, people)
        session.add(
            MapFeature(
                workshop_id=ctx.workshop.id,
                participant_id=people[2].id,
                kind="site",
                geometry=json.dumps({"type": "Point", "coordinates": [2.0, 47.0]}),
                label=HIDDEN_SITE_LABEL,
                hidden=True,
            )
        )
        session.flush()
        _erase(session, people[5])
        return Seeded(
            diagnostic_id=ctx.diagnostic.id,
            workshop_id=ctx.workshop.id,
            join_code=ctx.workshop.join_code,
            restitution_code=ctx.diagnostic.restitution_code,
            names=names,
            emails=(CONSENT_EMAIL, NO_CONSENT_EMAIL, ERASED_EMAIL),
            theme_name=theme,
            priority_titles=titles,
            vote_id=vote_id,
        )


def _erase(session, person: Participant) -> None:
    """Only the erasure flag: the exports must anonymise even if a name or e-mail lingered."""
    for feature in session.scalars(
        select(MapFeature).where(MapFeature.participant_id == person.id)
    ):
        session.delete(feature)
    person.erased_at = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
