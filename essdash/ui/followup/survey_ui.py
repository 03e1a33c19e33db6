"""The evaluation survey on a phone (workshop page or link) and its results (projection, page)."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from essdash import formatting
from essdash.db import read_session
from essdash.ui import safe
from essdash.ui.followup.common import plain
from essdash.ui.workshop import actions
from essdash.workshop.activities.survey import answers
from essdash.workshop.activities.survey.answers import Answer, QuestionResult, SurveyView

FORM = "survey_answer"


def answer_form(
    view: SurveyView,
    prefill: dict[int, Answer],
    write: Callable[[Session, dict[int, Answer]], object],
) -> None:
    """One form of all the questions; sent through the write path (refusal shown, input kept)."""
    safe.text_block(view.title, size="1.4rem", bold=True)
    st.caption(
        "Vos réponses sont anonymes." if view.anonymous
        else "Vos réponses sont affichées avec votre nom."
    )  # fmt: skip
    given: dict[int, Answer] = {}
    with st.form(f"{FORM}_{view.id}"):
        for n, q in enumerate(view.questions, start=1):
            label = f"{n}. {plain(q.text)}"
            key = actions.field(FORM, f"q{q.id}")
            if q.kind == "scale":
                values = list(range(1, q.scale_max + 1))
                old = prefill.get(q.id)
                given[q.id] = st.segmented_control(
                    label, values, default=old if old in values else None, key=key,
                    help=f"1 = pas du tout, {q.scale_max} = tout à fait",
                )  # fmt: skip
            elif q.kind == "choice":
                old_choice = prefill.get(q.id)
                index = q.options.index(old_choice) if old_choice in q.options else None
                given[q.id] = st.radio(label, q.options, index=index, key=key, format_func=plain)
            else:
                old_text = prefill.get(q.id)
                given[q.id] = st.text_area(
                    label, value=old_text if isinstance(old_text, str) else "",
                    max_chars=2_000, key=key,
                )  # fmt: skip
        sent = st.form_submit_button("Envoyer mes réponses", type="primary", width="stretch")
    if sent:
        actions.perform(lambda s: write(s, given), form=FORM, success="Merci pour vos réponses !")


def _bars(q: QuestionResult, big: bool) -> alt.Chart:
    frame = pd.DataFrame(list(q.counts), columns=["Réponse", "Nombre"])
    size = 22 if big else 13
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X(
                "Nombre:Q", title=None,
                axis=alt.Axis(tickMinStep=1, format="d", labelFontSize=size),
            ),
            y=alt.Y("Réponse:N", sort=[v for v, _ in q.counts], title=None,
                    axis=alt.Axis(labelFontSize=size, labelLimit=600)),
            tooltip=["Réponse", "Nombre"],
        )
        .properties(height=alt.Step(44 if big else 26))
    )  # fmt: skip
    return chart


def results(survey_id: int, *, big: bool = False) -> None:
    """Counts per answer, the mean of each scale, free texts as cards (text only)."""
    with read_session() as s:
        res = answers.results(s, survey_id=survey_id)
    head = "1.9rem" if big else "1.2rem"
    safe.text_block(res.title, size=head, bold=True)
    st.html(f'<div data-testid="survey-count" style="font-size:{head}">'
            f"{formatting.fmt_count(res.respondents, 'réponse', 'réponses')}</div>")  # fmt: skip
    if not res.respondents:
        return
    columns = st.columns(2 if big else 1, gap="large")
    for n, q in enumerate(res.questions):
        with columns[n % len(columns)]:
            safe.text_block(f"{n + 1}. {q.text}", size="1.4rem" if big else "1rem", bold=True)
            if q.kind == "scale" and q.mean is not None:
                st.html(f'<div data-testid="survey-mean" style="font-size:{head}">Moyenne : '
                        f"{formatting.fmt_decimal(q.mean)} / {len(q.counts)}</div>")  # fmt: skip
            if q.counts:
                st.altair_chart(_bars(q, big), width="stretch")
            elif q.texts:
                safe.cards([safe.Card(t, who) for t, who in q.texts], big=big)
            else:
                st.caption("Pas encore de réponse.")


def render_projection(workshop_id: int, settings: object = None) -> None:
    """The projection's « Évaluation » view (registered by the survey's manifest): the
    workshop's survey results, live."""
    _live_results(workshop_id)


@st.fragment(run_every=2.0)
def _live_results(workshop_id: int) -> None:
    with read_session() as s:
        survey_id = answers.workshop_survey(s, workshop_id=workshop_id)
    if survey_id is None:
        st.html('<div style="font-size:2rem">Aucune évaluation ouverte pour cet atelier.</div>')
        return
    results(survey_id, big=True)
