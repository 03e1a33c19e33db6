"""A demo workshop where one participant has done everything a participant can do."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from essdash.actors import directory, relations
from essdash.db import write_session
from essdash.demo import load_demo
from essdash.models import Participant, Question, Vote
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.signin.service import SignInForm, sign_in
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe.syntheses import write_synthesis

# Values found nowhere else: after the erasure none may remain anywhere.
NAME = "Zoéline Tracemarque"
STRUCTURE = "Association Tracemarque-Unique"
EMAIL = "zoeline.tracemarque@example.org"
PHONE = "06 98 76 54 32"
SITE_LABEL = "Local Tracemarque du quai"
SITE_OFFER = "Permanence Tracemarque le mardi"
SITE_SECTOR = "Secteur Tracemarque"
POST_TEXT = "Un post-it gardé sans nom après l'effacement"
RELATION_NOTE = "Note Tracemarque : achats groupés chaque mois"


@dataclass(frozen=True)
class Active:
    participant_id: int
    workshop_id: int
    diagnostic_id: int
    join_code: str
    question_id: int
    contribution_id: int
    site_id: int
    zone_id: int
    vote_id: int
    priority_ids: tuple[int, ...]


def _square_around(lon: float, lat: float, d: float = 0.004) -> dict:
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@pytest.fixture
def active(db_url: str) -> Active:
    """Signed in with identity and contact, a site, a zone, a post-it, a synthesis, a ballot."""
    with write_session() as s:
        ctx = load_demo(s)
        workshop = ctx.workshop
        form = SignInForm(
            name=NAME, structure_name=STRUCTURE, actor_type="ess", ess_family="association",
            email=EMAIL, phone=PHONE, consent_contact=True,
        )  # fmt: skip
        pid = sign_in(s, workshop_id=workshop.id, form=form).id
        lon, lat = next(c.centroid for c in ctx.communes if c.in_epci)
        lon, lat = lon + 0.001234, lat - 0.000987  # a point no demo row shares
        description = mapping.Description(SITE_LABEL, None, SITE_SECTOR, SITE_OFFER)
        site = mapping.add_site(s, participant_id=pid, lon=lon, lat=lat, description=description)
        zone = mapping.add_zone(
            s, participant_id=pid, geometry=_square_around(lon, lat), site_id=site.id
        )
        question = s.scalars(
            select(Question).where(Question.workshop_id == workshop.id).order_by(Question.id)
        ).first()
        assert question is not None
        cafe.choose_table(s, participant_id=pid, table_no=1)
        post = cafe.post_contribution(
            s, participant_id=pid, text=POST_TEXT, question_id=question.id
        )
        write_synthesis(s, question_id=question.id, text="Synthèse de la table", participant_id=pid)
        mine = s.get(Participant, pid)
        assert mine is not None and mine.structure_id is not None
        other = directory.add_actor(
            s, diagnostic_id=ctx.diagnostic.id, form=directory.ActorForm("Réseau des épiceries")
        )
        tie = relations.RelationForm(mine.structure_id, other.id, "reseau", RELATION_NOTE)
        relations.declare(s, diagnostic_id=ctx.diagnostic.id, form=tie, participant_id=pid)
        for vote in s.scalars(select(Vote).where(Vote.workshop_id == workshop.id)):
            if vote.status == "open":
                voting.close_vote(s, vote_id=vote.id)
        ids = tuple(p.id for p in priorities.candidates(s, workshop_id=workshop.id))
        if len(ids) < 2:
            ids = tuple(
                priorities.add_priority(s, workshop_id=workshop.id, title=t).id
                for t in ("Priorité A", "Priorité B")
            )
        vote = voting.create_vote(s, workshop_id=workshop.id, method="points")
        voting.open_vote(s, vote_id=vote.id)
        voting.cast_ballot(s, vote_id=vote.id, participant_id=pid, entries={ids[0]: 3})
        return Active(
            pid, workshop.id, ctx.diagnostic.id, workshop.join_code, question.id, post.id,
            site.id, zone.id, vote.id, ids,
        )  # fmt: skip
