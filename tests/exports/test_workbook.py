"""The workshop workbook, opened with openpyxl and checked sheet by sheet against the database."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from restitution_data import (
    CONSENT_EMAIL,
    EMOJI_TEXT,
    ERASED_EMAIL,
    FORMULA_TEXT,
    HIDDEN_SITE_LABEL,
    HIDDEN_TEXT,
    NO_CONSENT_EMAIL,
    SYNTHESIS_TEXT,
    VOTE_TITLE,
    seed_restitution_case,
)
from sqlalchemy import func, select

from essdash.db import read_session
from essdash.exports.scope import ERASED_NAME, diagnostic_scope, workshop_scope
from essdash.exports.workbook import README_SHEET, workbook_bytes
from essdash.models import (
    Action,
    Ballot,
    BallotEntry,
    Contribution,
    MapFeature,
    Participant,
    Priority,
    Structure,
    Synthesis,
)


def _rows(ws) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)
    ]


@pytest.fixture
def book(any_db_url: str):
    seeded = seed_restitution_case()
    with read_session() as session:
        data = workbook_bytes(session, workshop_scope(session, code=seeded.join_code.lower()))
    return seeded, load_workbook(io.BytesIO(data))


SHEET_TITLES = [
    "Émargement",
    "Structures",
    "Sites",
    "Zones de chalandise",
    "Contributions",
    "Synthèses",
    "Bulletins de vote",
    "Résultats du vote",
    "Évaluation",
    "Entretiens (synthèse)",
    "Citations",
    "Calendrier du diagnostic",
    "Couverture des zones",
    "Annuaire des acteurs",
    "Relations entre acteurs",
    "Plan d'action",
    "Avancement des actions",
    "Indicateurs",
    "Évolution",
]


def test_one_sheet_per_kind_with_frozen_filtered_header(book) -> None:
    _seeded, wb = book
    # The registry's order (activities, then sections, then the figures): as before the registry.
    assert wb.sheetnames == [README_SHEET, *SHEET_TITLES]
    for title in SHEET_TITLES:
        ws = wb[title]
        assert ws.freeze_panes == "A2", title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), title
        assert ws["A1"].font.bold, title


def test_attendance_consent_and_erasure(book) -> None:
    seeded, wb = book
    rows = _rows(wb["Émargement"])
    with read_session() as session:
        count = session.scalar(
            select(func.count()).where(Participant.workshop_id == seeded.workshop_id)
        )
    assert len(rows) == count == 6
    by_name = {r["Nom"]: r for r in rows}
    assert by_name[seeded.names[0]]["E-mail"] == CONSENT_EMAIL
    assert by_name[seeded.names[0]]["Téléphone"] == "06 12 34 56 78"
    assert by_name[seeded.names[1]]["E-mail"] in (None, "")
    assert by_name[ERASED_NAME]["E-mail"] in (None, "")
    assert seeded.names[5] not in by_name  # erased: anonymised
    values = {str(c.value) for row in wb["Émargement"].iter_rows() for c in row}
    assert NO_CONSENT_EMAIL not in values and ERASED_EMAIL not in values
    assert isinstance(by_name[seeded.names[0]]["Arrivée"], datetime)


def test_contributions_match_visible_posts_and_stay_text(book) -> None:
    seeded, wb = book
    ws = wb["Contributions"]
    rows = _rows(ws)
    with read_session() as session:
        visible = session.scalars(
            select(Contribution.text).where(
                Contribution.workshop_id == seeded.workshop_id, Contribution.hidden.is_(False)
            )
        ).all()
    assert sorted(r["Texte"] for r in rows) == sorted(visible)
    assert HIDDEN_TEXT not in {r["Texte"] for r in rows}
    texts = {c.value: c for c in ws["D"][1:]}
    assert texts[FORMULA_TEXT].data_type == "s" and texts[FORMULA_TEXT].quotePrefix
    assert EMOJI_TEXT in texts and texts[EMOJI_TEXT].data_type == "s"
    formula = next(r for r in rows if r["Texte"] == FORMULA_TEXT)
    assert formula["Table"] == 2 and formula["Manche"] == 2
    assert formula["Type d'acteur de l'auteur·e"] == "Structure de l'ESS"
    assert isinstance(formula["Date"], datetime)
    themed = [r for r in rows if r["Thème"] == seeded.theme_name]
    assert len(themed) == 1 and themed[0]["État de modération"].startswith("Publiée, classée")
    assert [r["N° question"] for r in rows] == sorted(r["N° question"] for r in rows)


def test_sites_zones_structures_against_database(book) -> None:
    seeded, wb = book
    with read_session() as session:
        sites = session.scalar(
            select(func.count()).where(
                MapFeature.workshop_id == seeded.workshop_id,
                MapFeature.kind == "site",
                MapFeature.hidden.is_(False),
            )
        )
        zones = session.scalar(
            select(func.count()).where(
                MapFeature.workshop_id == seeded.workshop_id, MapFeature.kind == "zone"
            )
        )
        structures = session.scalar(
            select(func.count()).where(Structure.diagnostic_id == seeded.diagnostic_id)
        )
    site_rows = _rows(wb["Sites"])
    assert len(site_rows) == sites == 5  # 6 demo sites, one erased person, one hidden extra
    assert HIDDEN_SITE_LABEL not in {r["Site"] for r in site_rows}
    assert all(-180 <= r["Longitude"] <= 180 and -90 <= r["Latitude"] <= 90 for r in site_rows)
    zone_rows = _rows(wb["Zones de chalandise"])
    assert len(zone_rows) == zones == 3
    assert all(r["Géométrie (WKT, WGS 84)"].startswith("POLYGON") for r in zone_rows)
    assert all(r["Surface (km²)"] > 10 for r in zone_rows)
    assert len(_rows(wb["Structures"])) == structures


def test_syntheses_ballots_results_plan(book) -> None:
    seeded, wb = book
    synth = _rows(wb["Synthèses"])
    with read_session() as session:
        assert len(synth) == session.scalar(select(func.count(Synthesis.id)))
        entries = session.scalar(
            select(func.count(BallotEntry.id))
            .join(Priority, Priority.id == BallotEntry.priority_id)
            .join(Ballot, Ballot.id == BallotEntry.ballot_id)
            .where(Priority.hidden.is_(False), Ballot.vote_id == seeded.vote_id)
        )
        actions = [(a.title, a.progress, "En cours") for a in session.scalars(select(Action))]
    table1 = [r for r in synth if r["N° question"] == 1 and r["Table"] == 1]
    assert [r["Synthèse"] for r in table1 if r["Dernière version"] == "Oui"] == [SYNTHESIS_TEXT]
    assert "Première version" in {r["Synthèse"] for r in table1 if r["Dernière version"] == "Non"}
    ballots = [r for r in _rows(wb["Bulletins de vote"]) if r["Vote"] == VOTE_TITLE]
    assert len(ballots) == entries
    assert {r["Bulletin n°"] for r in ballots} == {1, 2, 3}
    assert not set(seeded.names) & {str(v) for r in ballots for v in r.values()}
    mine = set(seeded.priority_titles)
    results = [
        r
        for r in _rows(wb["Résultats du vote"])
        if r["Vote"] == VOTE_TITLE and r["Priorité"] in mine
    ]
    assert [(r["Rang"], r["Priorité"], r["Score"]) for r in results] == [
        (1, seeded.priority_titles[0], 9),
        (2, seeded.priority_titles[2], 3),
        (2, seeded.priority_titles[1], 3),
    ]
    plan = _rows(wb["Plan d'action"])
    assert [(p["Action"], p["Avancement (%)"], p["Statut"]) for p in plan] == actions
    assert plan[0]["Priorité liée"] == seeded.priority_titles[0]
    assert plan[0]["Échéance"].date().isoformat() == "2027-06-30"
    assert wb["Plan d'action"]["F2"].is_date


def test_diagnostic_workbook_covers_every_workshop(any_db_url: str) -> None:
    seeded = seed_restitution_case()
    with read_session() as session:
        scope = diagnostic_scope(session, diagnostic_id=seeded.diagnostic_id)
        wb = load_workbook(io.BytesIO(workbook_bytes(session, scope)))
        titles = {w.title for w in scope.workshops}
    assert len(_rows(wb["Émargement"])) == 6
    assert {r["Atelier"] for r in _rows(wb["Contributions"])} == titles
