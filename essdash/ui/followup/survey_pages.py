"""The two ways to answer an evaluation: a participant's phone, or the diagnostic's link."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import read_session
from essdash.ui.followup import survey_ui
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, follow
from essdash.workshop.activities.survey import answers, service
from essdash.workshop.activities.survey.answers import Answer


def participant(who: Identity) -> None:
    """« Évaluation » in « Mon atelier »: the workshop's open survey, prefilled with mine."""
    assert who.participant_id is not None and who.workshop_id is not None
    follow.follow(who.workshop_id)
    pid = who.participant_id
    with read_session() as s:
        survey_id = answers.workshop_survey(s, workshop_id=who.workshop_id)
        view = answers.survey_view(s, survey_id) if survey_id else None
        mine = answers.my_answers(s, survey_id=survey_id, participant_id=pid) if survey_id else {}
    if view is None or view.status != "open":
        st.info("L'évaluation de l'atelier n'est pas ouverte pour l'instant.")
        return
    if mine:
        st.success(
            "Réponses enregistrées. Vous pouvez les modifier tant que l'évaluation est ouverte."
        )

    def write(session: Session, given: dict[int, Answer]) -> object:
        return answers.answer_survey(session, survey_id=view.id, answers=given, participant_id=pid)

    survey_ui.answer_form(view, mine, write)


def by_link() -> None:
    """« Questionnaire d'évaluation »: the diagnostic's evaluation, by its signed link."""
    with read_session() as s:
        survey = service.survey_from_link(s, st.query_params.get("s"), st.query_params.get("k"))
        view = answers.survey_view(s, survey.id) if survey else None
    if view is None:
        st.error("Lien de questionnaire invalide : demandez le lien à l'équipe du diagnostic.")
        return
    if view.status != "open":
        st.info("Ce questionnaire n'est pas ouvert (ou il est clos). Merci de votre intérêt !")
        return
    request = actions.form_request_id(survey_ui.FORM)

    def write(session: Session, given: dict[int, Answer]) -> object:
        return answers.answer_survey(session, survey_id=view.id, answers=given, request_id=request)

    survey_ui.answer_form(view, {}, write)
