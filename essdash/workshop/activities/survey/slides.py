"""The evaluation in the restitution: one slide per survey, the mean of each scale and the
answers of each choice question (free texts stay in the workbook)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash import formatting
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import TableSlide
from essdash.workshop.activities.survey import answers
from essdash.workshop.activities.survey.export import surveys_in


def survey_slides(session: Session, scope: Scope) -> list[TableSlide]:
    slides = []
    for survey_id in surveys_in(session, scope):
        res = answers.results(session, survey_id=survey_id)
        if not res.respondents:
            continue
        rows: list[tuple[str, ...]] = []
        for q in res.questions:
            if q.kind == "scale" and q.mean is not None:
                rows.append((q.text, f"moyenne {formatting.fmt_decimal(q.mean)} / {len(q.counts)}"))
            elif q.kind == "choice":
                shown = " · ".join(f"{option} : {n}" for option, n in q.counts)
                rows.append((q.text, shown))
        slides.append(
            TableSlide(
                title=f"Évaluation — {res.title}",
                subtitle=formatting.fmt_count(res.respondents, "réponse", "réponses"),
                columns=("Question", "Réponses"),
                rows=tuple(rows),
            )
        )
    return slides
