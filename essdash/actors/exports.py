"""The directory and the relations as tables: CSV, Excel (no formulas), workbook sheets, Gephi.

The workbook's sheets are built in essdash.actor_tables.sheets (registered as a section of
the activity registry); this module adds the files a user downloads.
"""

from __future__ import annotations

__all__ = [
    "DIRECTORY_SHEET",
    "RELATIONS_SHEET",
    "directory_table",
    "relations_table",
    "to_frame",
]

from sqlalchemy.orm import Session

from essdash.actor_tables import network
from essdash.actor_tables.sheets import (
    DIRECTORY_SHEET,
    RELATIONS_SHEET,
    directory_table,
    relations_table,
    to_frame,
)
from essdash.exports.xlsx import to_csv_bytes, to_xlsx


def directory_csv(session: Session, diagnostic_id: int) -> bytes:
    return to_csv_bytes(directory_table(session, diagnostic_id))


def relations_csv(session: Session, diagnostic_id: int) -> bytes:
    """The edge list (Source, Cible, …), formulas neutralised."""
    return to_csv_bytes(relations_table(session, diagnostic_id))


def directory_xlsx(session: Session, diagnostic_id: int) -> bytes:
    return to_xlsx(to_frame(session, diagnostic_id))


def relations_gexf(session: Session, diagnostic_id: int) -> bytes:
    nodes = network.nodes_frame(session, diagnostic_id)
    return network.gexf(nodes, network.edges_frame(session, diagnostic_id)).encode("utf-8")
