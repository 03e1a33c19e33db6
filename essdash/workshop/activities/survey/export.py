"""One table of a survey's results (workbook sheet, restitution): counts, means, free texts.

No name ever leaves here for an anonymous survey; free texts are participant text, written as
text by the workbook writer (no formula)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import formatting
from essdash.models import Survey
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


def to_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """Every survey of the workshop (not in preparation)."""
    ids = session.scalars(
        select(Survey.id)
        .where(Survey.workshop_id == workshop_id, Survey.status != "draft")
        .order_by(Survey.id)
    )
    rows = [r for sid in ids for r in result_rows(answers.results(session, survey_id=sid))]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def diagnostic_frame(session: Session, diagnostic_id: int) -> pd.DataFrame:
    """Every survey of the diagnostic: its workshops' and its own evaluation."""
    ids = session.scalars(
        select(Survey.id)
        .where(Survey.diagnostic_id == diagnostic_id, Survey.status != "draft")
        .order_by(Survey.id)
    )
    rows = [r for sid in ids for r in result_rows(answers.results(session, survey_id=sid))]
    return pd.DataFrame(rows, columns=list(COLUMNS))
