"""Which columns hold personal data, and what an erasure ("Effacer mes données") leaves there.

A column holding personal data carries `info=personal(erased)`; its table says, in
`__table_args__` info, how its rows belong to a participant (`owner`) and whether an erasure
deletes them or writes the `erased` value into each declared column (`erasure`). The erase
service, the personal-data export and the erasure test all walk this declaration: a new
personal column is erased, exported and tested by declaring it here, nowhere else.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Column, MetaData, Table, select
from sqlalchemy.orm import Session

from essdash.formatting import fmt_datetime

PERSONAL_DATA = "personal_data"
ERASED_NAME = "Participant·e effacé·e"

# How a table's rows belong to one participant:
#   "self"            the participant row itself;
#   "participant_id"  rows whose participant_id is the participant;
#   "structure"       the directory entry the participant's sign-in created, when nobody
#                     else still uses it (a structure shared with others is theirs too);
#   "interviewee"     an interview row: its person is not a participant, erased on their own
#                     request by `erase_interviewee` (never by a participant's erasure).
Owner = Literal["self", "participant_id", "structure", "interviewee"]
Erasure = Literal["anonymise", "delete"]


def personal(label: str, erased: object = None, *, is_json: bool = False) -> dict[str, Any]:
    """`info` of a column holding personal data.

    `label` names it in the participant's export, `erased` is what an anonymising erasure
    writes, `is_json` says the text is JSON (exported parsed).
    """
    return {PERSONAL_DATA: True, "label": label, "erased": erased, "is_json": is_json}


def owned_by(owner: Owner, erasure: Erasure) -> dict[str, Any]:
    """Table info: how the table's rows belong to a participant and what erasure does to them."""
    return {"info": {"owner": owner, "erasure": erasure}}


def personal_columns(metadata: MetaData) -> list[Column[Any]]:
    """Every declared personal column of every table, in a stable order."""
    return [
        column
        for table in metadata.sorted_tables
        for column in table.columns
        if column.info.get(PERSONAL_DATA)
    ]


def personal_tables(metadata: MetaData) -> list[Table]:
    """Tables holding at least one declared personal column."""
    return [t for t in metadata.sorted_tables if any(c.info.get(PERSONAL_DATA) for c in t.columns)]


def declared(table: Table) -> list[Column[Any]]:
    """The declared personal columns of one table."""
    return [c for c in table.columns if c.info.get(PERSONAL_DATA)]


def paris_time(value: datetime) -> str:
    """SQLite gives naive datetimes back: they were written in UTC."""
    return fmt_datetime(value if value.tzinfo else value.replace(tzinfo=UTC))


def _exported(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if column.info.get("is_json"):
        return json.loads(value)
    if isinstance(value, datetime):
        return paris_time(value)
    return value


def declared_rows(session: Session, table: Table, where: Any) -> list[dict[str, Any]]:
    """Every declared personal column of the rows `where` selects, by label (RGPD export)."""
    columns = declared(table)
    rows = session.execute(select(*columns).where(where).order_by(*table.primary_key)).all()
    return [
        {c.info["label"]: _exported(c, v) for c, v in zip(columns, row, strict=True)}
        for row in rows
    ]
