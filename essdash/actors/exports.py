"""The directory and the relations as tables: CSV, Excel (no formulas), workbook sheets, Gephi.

`to_frame(session, diagnostic_id)` gives the workbook's sheets; the activity registry of the
follow-up issue was not on a branch to merge when this was written: the workbook can call it.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash.actors import listing, network
from essdash.exports.xlsx import to_csv_bytes, to_xlsx
from essdash.indicators.perimeter import load_perimeter

DIRECTORY_SHEET, RELATIONS_SHEET = "Annuaire des acteurs", "Relations entre acteurs"


def directory_table(session: Session, diagnostic_id: int) -> pd.DataFrame:
    frame = listing.directory_frame(session, diagnostic_id, load_perimeter().sectors)
    return frame[list(listing.DIRECTORY_COLUMNS)].rename(columns=listing.DIRECTORY_COLUMNS)


def relations_table(session: Session, diagnostic_id: int) -> pd.DataFrame:
    frame = network.edges_frame(session, diagnostic_id)
    return frame[list(network.EDGE_COLUMNS)].rename(columns=network.EDGE_COLUMNS)


def to_frame(session: Session, diagnostic_id: int) -> dict[str, pd.DataFrame]:
    """The workbook's sheets of this part: directory and relations (French headers)."""
    return {
        DIRECTORY_SHEET: directory_table(session, diagnostic_id),
        RELATIONS_SHEET: relations_table(session, diagnostic_id),
    }


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
