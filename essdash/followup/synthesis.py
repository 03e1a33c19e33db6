"""The synthesis of the "infos recherchées": tags counted across interviews and post-its.

It holds what the restitution and the workbook may show: counts and quotes, never a name nor
an interview's free notes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.followup import grid
from essdash.followup.labels import WORKSHOP_SOURCE
from essdash.models import Contribution, Interview, InterviewAnswer, Workshop

MAX_QUOTES = 5


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # an interview kind, or "atelier" for a post-it


@dataclass(frozen=True)
class TagCount:
    key: str
    label: str
    parent_key: str | None
    interviews: int
    postits: int
    quotes: tuple[Quote, ...]

    @property
    def total(self) -> int:
        return self.interviews + self.postits


def _interview_answers(
    session: Session, diagnostic_id: int, sources: Collection[str] | None
) -> list[tuple[int, str, str, str]]:
    """(interview id, item key, text, kind of actor) of every answer, erased people included
    (their answers stay, without their name)."""
    query = (
        select(Interview.id, InterviewAnswer.item_key, InterviewAnswer.text, Interview.kind)
        .join(Interview, Interview.id == InterviewAnswer.interview_id)
        .where(Interview.diagnostic_id == diagnostic_id)
        .order_by(InterviewAnswer.id)
    )
    if sources is not None:
        query = query.where(Interview.kind.in_(list(sources)))
    return [(iid, k, t, kind) for iid, k, t, kind in session.execute(query)]


def _postits(session: Session, diagnostic_id: int) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Contribution.tag, Contribution.text)
        .join(Workshop, Workshop.id == Contribution.workshop_id)
        .where(
            Workshop.diagnostic_id == diagnostic_id,
            Contribution.tag.is_not(None),
            Contribution.hidden.is_(False),
        )
        .order_by(Contribution.id)
    )
    return [(str(tag), text) for tag, text in rows]


def tag_synthesis(
    session: Session, *, diagnostic_id: int, sources: Collection[str] | None = None
) -> tuple[TagCount, ...]:
    """One line per grid item: interviews and post-its that raised it, and a few quotes.

    `sources` filters by kind of actor (interview kinds, and "atelier" for post-its); None: all.
    A sub-item counts toward its parent too (an interview counted once per item)."""
    entries = grid.grid_of(session, diagnostic_id)
    raised: dict[str, set[int]] = {e.key: set() for e in entries}
    quotes: dict[str, list[Quote]] = {e.key: [] for e in entries}
    postits: dict[str, int] = dict.fromkeys(raised, 0)
    for interview_id, key, text, kind in _interview_answers(session, diagnostic_id, sources):
        for target in {key, grid.top_key(key)} & raised.keys():
            raised[target].add(interview_id)
        if text and key in quotes:
            quotes[key].append(Quote(text, kind))
    if sources is None or WORKSHOP_SOURCE in sources:
        for tag, text in _postits(session, diagnostic_id):
            if tag in postits:
                postits[tag] += 1
                quotes[tag].append(Quote(text, WORKSHOP_SOURCE))
    return tuple(
        TagCount(
            e.key,
            e.label,
            e.parent_key,
            len(raised[e.key]),
            postits[e.key],
            tuple(quotes[e.key][:MAX_QUOTES]),
        )
        for e in entries
    )
