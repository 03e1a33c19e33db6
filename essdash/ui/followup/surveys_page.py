"""« Évaluations » : create a survey (a workshop's or the diagnostic's), edit its questions,
open and close it, share its link, read its results."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from sqlalchemy import select

from essdash.db import read_session
from essdash.followup.labels import QUESTION_KINDS, SURVEY_KINDS, SURVEY_STATUSES
from essdash.models import Workshop
from essdash.ui.followup import survey_ui
from essdash.ui.followup.common import pick_diagnostic
from essdash.ui.workshop import actions, links
from essdash.workshop.activities.survey import answers, service
from essdash.workshop.activities.survey.answers import SurveyView
from essdash.workshop.activities.survey.service import QuestionInput

KIND_BY_LABEL = {v: k for k, v in QUESTION_KINDS.items()}
NEW = "survey_new"


def survey_url(survey_id: int, key: str) -> str:
    return f"{links.base_url()}/questionnaire?{urlencode({'s': survey_id, 'k': key})}"


def render() -> None:
    diagnostic_id = pick_diagnostic("surveys_pick")
    if diagnostic_id is None:
        return
    with read_session() as s:
        workshops = dict(
            s.execute(
                select(Workshop.id, Workshop.title).where(Workshop.diagnostic_id == diagnostic_id)
            ).all()
        )
        surveys = {v.id: f"{v.title} — {SURVEY_STATUSES[v.status]}" for v in
                   answers.surveys_of(s, diagnostic_id=diagnostic_id)}  # fmt: skip
    _create_form(diagnostic_id, workshops)
    if not surveys:
        st.info("Aucune évaluation : créez-en une ci-dessus.")
        return
    # A new survey changes the key: the picker then shows the newest one.
    chosen = st.selectbox(
        "Évaluation", list(surveys), format_func=surveys.__getitem__, index=len(surveys) - 1,
        key=f"survey_pick_{diagnostic_id}_{len(surveys)}",
    )  # fmt: skip
    with read_session() as s:
        view = answers.survey_view(s, chosen)
        key = service.survey_link_key(s, survey_id=chosen)
    _settings(view, key, workshops)
    questions, result = st.tabs(["Questions", "Résultats"])
    with questions:
        _questions_editor(view)
    with result:
        survey_ui.results(view.id)


def _create_form(diagnostic_id: int, workshops: dict[int, str]) -> None:
    targets: dict[int | None, str] = {w: f"Fin d'atelier : {t}" for w, t in workshops.items()}
    targets[None] = SURVEY_KINDS["diagnostic"]
    f = lambda name: actions.field(NEW, name)  # noqa: E731
    with st.expander("Nouvelle évaluation"), st.form("survey_create"):
        title = st.text_input("Titre", value="Votre avis sur la rencontre", max_chars=200,
                              key=f("title"))  # fmt: skip
        target = st.selectbox("Pour", list(targets), format_func=targets.__getitem__, key=f("t"))
        anonymous = st.checkbox("Réponses anonymes", value=True, key=f("anon"))
        st.caption("Quatre questions proposées (échelle, deux choix, texte libre), modifiables.")
        if st.form_submit_button("Créer l'évaluation", type="primary"):
            actions.perform(
                lambda s: service.create_survey(
                    s, diagnostic_id=diagnostic_id, title=title, workshop_id=target,
                    anonymous=anonymous,
                ),
                form=NEW, success="Évaluation créée (en préparation).",
            )  # fmt: skip


def _settings(view: SurveyView, key: str, workshops: dict[int, str]) -> None:
    where = workshops.get(view.workshop_id or 0, "") if view.workshop_id else "lien à envoyer"
    st.caption(
        f"{SURVEY_KINDS[view.kind]} · {where} · {SURVEY_STATUSES[view.status]} · "
        + ("anonyme" if view.anonymous else "nominative")
    )
    buttons = {"open": "Ouvrir", "closed": "Clore", "draft": "Remettre en préparation"}
    columns = st.columns(len(buttons) + 1)
    for column, (status, label) in zip(columns, buttons.items(), strict=False):
        if column.button(label, key=f"survey_{status}_{view.id}", disabled=view.status == status,
                         type="primary" if status == "open" else "secondary"):  # fmt: skip
            _set_status(view.id, status)
    if view.workshop_id is not None:
        flip = "Rendre nominative" if view.anonymous else "Rendre anonyme"
        if not view.responses and columns[-1].button(flip, key=f"survey_anon_{view.id}"):
            actions.perform(
                lambda s: service.set_anonymous(s, survey_id=view.id, anonymous=not view.anonymous),
                success="Anonymat modifié.",
            )
        st.caption("Les participant·es répondent dans « Évaluation » ; la projection a une vue "
                   "« Évaluation » qui montre les résultats en direct.")  # fmt: skip
    else:
        st.caption("Lien à envoyer après le dernier temps collectif (réponses anonymes) :")
        st.code(survey_url(view.id, key), language=None, wrap_lines=True)


def _set_status(survey_id: int, status: str) -> None:
    actions.perform(
        lambda s: service.set_status(s, survey_id=survey_id, status=status),
        success=f"Évaluation : {SURVEY_STATUSES[status].lower()}.",
    )


def _questions_editor(view: SurveyView) -> None:
    frame = pd.DataFrame(
        [
            {
                "Type": QUESTION_KINDS[q.kind],
                "Question": q.text,
                "Options (séparées par « ; »)": " ; ".join(q.options),
                "Échelle max": q.scale_max,
            }
            for q in view.questions
        ]
    )
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, width="stretch",
        key=f"survey_questions_{view.id}",
        column_config={
            "Type": st.column_config.SelectboxColumn(options=list(QUESTION_KINDS.values()),
                                                     required=True),
            "Question": st.column_config.TextColumn(required=True, max_chars=300, width="large"),
            "Échelle max": st.column_config.NumberColumn(min_value=2, max_value=10, step=1),
        },
    )  # fmt: skip
    if st.button("Enregistrer les questions", key=f"survey_q_save_{view.id}"):
        questions = tuple(_question(r) for r in edited.to_dict("records") if r.get("Question"))
        actions.perform(
            lambda s: service.set_questions(s, survey_id=view.id, questions=questions),
            success="Questions enregistrées.",
        )


def _question(row: dict[str, object]) -> QuestionInput:
    options = str(row.get("Options (séparées par « ; »)") or "")
    scale = row.get("Échelle max")
    return QuestionInput(
        kind=KIND_BY_LABEL.get(str(row.get("Type")), "text"),
        text=str(row.get("Question") or ""),
        options=tuple(o.strip() for o in options.split(";") if o.strip()),
        scale_max=int(scale) if isinstance(scale, int | float) and scale == scale else 5,
    )
