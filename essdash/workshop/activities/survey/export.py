"""One table of a survey's results (workbook sheet, restitution): counts, means, free texts.

No name ever leaves here for an anonymous survey; free texts are participant text, written as
text by the workbook writer (no formula)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import formatting
from essdash.models import Survey, Workshop
from essdash.readmodel.scope import Scope
from essdash.workshop.activities.survey import answers
from essdash.workshop.activities.survey.answers import SurveyResults

COLUMNS = ("Évaluation", "Réponses", "Question", "Réponse", "Nombre", "Moyenne")


def result_rows(results: SurveyResults) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for q in results.questions:
        mean = formatting.fmt_decimal(q.mean) if q.mean is not None else ""
        for value, count in q.counts:
            rows.append((results.title, results.respondents, q.text, value, count, mean))
        for text, who in q.texts:
            shown = f"{text} — {who}" if who else text
            rows.append((results.title, results.respondents, q.text, shown, 1, ""))
    return rows


def surveys_in(session: Session, scope: Scope) -> list[int]:
    """Surveys shown for a scope: its workshops' (opened at least once), and the diagnostic's
    own evaluation when the scope covers every workshop of the diagnostic."""
    all_workshops = set(
        session.scalars(select(Workshop.id).where(Workshop.diagnostic_id == scope.diagnostic.id))
    )
    whole = set(scope.workshop_ids) == all_workshops
    query = select(Survey.id).where(
        Survey.diagnostic_id == scope.diagnostic.id, Survey.status != "draft"
    )
    rows = session.execute(query.add_columns(Survey.workshop_id).order_by(Survey.id)).all()
    return [
        sid for sid, workshop_id in rows
        if (workshop_id in scope.workshop_ids) or (workshop_id is None and whole)
    ]  # fmt: skip


def results_sheet(session: Session, scope: Scope) -> pd.DataFrame:
    """The « Évaluation » sheet: every survey of the scope, counts, means and free texts."""
    rows = [
        r
        for sid in surveys_in(session, scope)
        for r in result_rows(answers.results(session, survey_id=sid))
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))
