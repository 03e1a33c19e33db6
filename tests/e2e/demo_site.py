"""A demo server of its own for a test module, with its codes read from its database (the demo's
codes may be random per install) and a live workshop: a world café round and a points vote open.

    @pytest.fixture(scope="module")
    def site(demo_server: DemoServer) -> Iterator[DemoSite]:
        with demo_server("e2e-name") as server:
            yield open_demo_site(server)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.models import Diagnostic, Workshop
from essdash.workshop.activities.voting.service import create_vote, open_vote
from essdash.workshop.activities.worldcafe.service import start_round
from tests.e2e.helpers import Server


@dataclass(frozen=True)
class DemoSite:
    base: str
    database_url: str
    workshop_id: int
    join_code: str
    restitution_code: str


def open_demo_site(server: Server) -> DemoSite:
    """Open a café round and a points vote in the running demo server's workshop."""
    url = server.database_url
    with write_session(url) as session:
        workshop = session.scalars(select(Workshop).order_by(Workshop.id)).first()
        assert workshop is not None, "the demo has no workshop"
        start_round(session, workshop_id=workshop.id)
        vote = create_vote(session, workshop_id=workshop.id, method="points", title="Priorités")
        open_vote(session, vote_id=vote.id)
        workshop_id, join_code = workshop.id, workshop.join_code
    with read_session(url) as session:
        diagnostic = session.scalars(
            select(Diagnostic).join(Workshop).where(Workshop.id == workshop_id)
        ).one()
        restitution_code = diagnostic.restitution_code
    return DemoSite(server.base, url, workshop_id, join_code, restitution_code)
