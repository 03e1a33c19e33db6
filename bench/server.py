"""Setting up the server the load bench drives, and reading its log afterwards."""

from __future__ import annotations

from pathlib import Path


def prepare_workshop(db_url: str) -> tuple[int, str]:
    """Open a world-café round in the DEMO workshop (the facilitator's 'start round')."""
    from sqlalchemy import select

    from essdash.db import write_session
    from essdash.models import Workshop
    from essdash.workshop.activities.worldcafe import service

    with write_session(db_url) as session:
        workshop = session.scalars(select(Workshop).where(Workshop.join_code == "DEMO")).one()
        if not service.round_is_open(workshop):
            service.start_round(session, workshop_id=workshop.id)
        text = f"world café round {workshop.current_round} open, {workshop.table_count} tables"
        return workshop.current_round, text


def server_errors(log: Path) -> dict[str, int]:
    """Last line of each traceback in the server log, counted."""
    found: dict[str, int] = {}
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            if j < len(lines):
                key = lines[j][:200]
                found[key] = found.get(key, 0) + 1
    return found
