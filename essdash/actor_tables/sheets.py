"""The directory and the relations as workbook sheets (French headers), and their section."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash.actor_tables import listing, network
from essdash.indicators.perimeter import load_perimeter
from essdash.readmodel.contract import Section, Sheet
from essdash.readmodel.scope import Scope

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


def _directory(session: Session, scope: Scope) -> pd.DataFrame:
    return directory_table(session, scope.diagnostic.id)


def _relations(session: Session, scope: Scope) -> pd.DataFrame:
    return relations_table(session, scope.diagnostic.id)


SECTION = Section(
    key="actors",
    title="Acteurs du territoire et leurs relations",
    sheets=(Sheet(DIRECTORY_SHEET, _directory), Sheet(RELATIONS_SHEET, _relations)),
)
