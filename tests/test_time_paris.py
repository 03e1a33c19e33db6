"""Times are stored in UTC and shown in Paris time everywhere, across both DST changes:
the attendance page and its CSV, the workbook (cells and « À lire »), the layers export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.exports.features import map_features
from essdash.exports.scope import workshop_scope
from essdash.exports.workbook import README_SHEET, workbook_bytes
from essdash.exports.xlsx import excel_value, to_csv_bytes
from essdash.formatting import fmt_date, fmt_datetime
from essdash.models import MapFeature, Participant, Workshop
from essdash.workshop.activities.signin import export

# UTC instant -> Paris wall time, on both sides of the 2026 changes (29 March, 25 October)
CASES = [
    (datetime(2026, 3, 29, 0, 30), "29/03/2026 01:30"),  # still winter time, UTC+1
    (datetime(2026, 3, 29, 1, 30), "29/03/2026 03:30"),  # summer time, UTC+2
    (datetime(2026, 10, 25, 0, 30), "25/10/2026 02:30"),  # summer time, UTC+2
    (datetime(2026, 10, 25, 1, 30), "25/10/2026 02:30"),  # winter time again, UTC+1
    (datetime(2026, 12, 31, 23, 30), "01/01/2027 00:30"),  # the date changes too
]


@pytest.mark.parametrize(("utc", "paris"), CASES)
def test_a_stored_utc_time_is_shown_in_paris_time(utc: datetime, paris: str) -> None:
    assert fmt_datetime(utc) == paris  # naive, as SQLite gives it back: UTC
    assert fmt_datetime(utc.replace(tzinfo=UTC)) == paris  # aware, as PostgreSQL gives it back
    assert fmt_date(utc) == paris[:10]
    cell = excel_value(utc)
    assert cell.tzinfo is None and cell.strftime("%d/%m/%Y %H:%M") == paris


@pytest.fixture
def workshop(any_db_url: str) -> int:
    """The demo, its people arrived at the CASES instants, its map features drawn at them."""
    with write_session() as session:
        load_demo(session)
    with write_session() as session:
        workshop_id = session.scalars(select(Workshop.id)).one()
        people = session.scalars(select(Participant.id).order_by(Participant.id)).all()
        for (utc, _), pid in zip(CASES, people, strict=False):
            stamp = utc.replace(tzinfo=UTC)
            session.execute(
                update(Participant).where(Participant.id == pid).values(created_at=stamp)
            )
            session.execute(
                update(MapFeature).where(MapFeature.participant_id == pid).values(created_at=stamp)
            )
    return workshop_id


def _expected(n_people: int) -> list[str]:
    return sorted(paris for _, paris in CASES[:n_people])


def test_attendance_page_and_csv_show_paris_time(workshop: int) -> None:
    with read_session() as session:
        frame = export.to_frame(session, workshop)
    shown = sorted(v for v in frame["Arrivée"] if v.startswith(("29/03", "25/10", "01/01")))
    assert shown == _expected(len(shown)) and len(shown) >= 3
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(frame).decode("utf-8-sig"))))
    assert sorted(r["Arrivée"] for r in rows if r["Arrivée"] in shown) == shown


def test_workbook_cells_and_read_me_are_in_paris_time(workshop: int) -> None:
    before = fmt_datetime(datetime.now(UTC))
    with read_session() as session:
        code = session.get(Workshop, workshop).join_code  # type: ignore[union-attr]
        data = workbook_bytes(session, workshop_scope(session, code=code))
    book = load_workbook(io.BytesIO(data))
    sheet = book["Émargement"]
    header = [c.value for c in sheet[1]]
    column = header.index("Arrivée")
    arrivals = [row[column].value for row in sheet.iter_rows(min_row=2)]
    shown = sorted(
        a.strftime("%d/%m/%Y %H:%M")
        for a in arrivals
        if isinstance(a, datetime) and a.month in (3, 10, 1)
    )
    assert shown == _expected(len(shown)) and len(shown) >= 3
    read_me = {row[0].value: row[1].value for row in book[README_SHEET].iter_rows(min_row=2)}
    assert read_me["Exporté le"] in (before, fmt_datetime(datetime.now(UTC)))


def test_layers_export_dates_carry_the_paris_offset(workshop: int) -> None:
    with read_session() as session:
        code = session.get(Workshop, workshop).join_code  # type: ignore[union-attr]
        scope = workshop_scope(session, code=code)
        dates = {
            f.attributes()["date"]
            for kind in ("site", "zone")
            for f in map_features(session, scope, kind=kind)
        }
    expected = {"2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00",
                "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00",
                "2027-01-01T00:30:00+01:00"}  # fmt: skip
    assert dates & expected, dates
    assert all(d[-6:] in ("+01:00", "+02:00") for d in dates)
