"""Follow-up services on SQLite and PostgreSQL: interviews and their synthesis, the interviewee's
erasure, phases and the timeline, surveys, action updates and the owner's link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.followup import grid, interviews, plan, synthesis, timeline
from essdash.followup.interviews import InterviewInput
from essdash.followup.timeline import StepInput
from essdash.models import (
    Action,
    ActionUpdate,
    Contribution,
    Diagnostic,
    Interview,
    Participant,
    Question,
    Workshop,
)
from essdash.models.personal import ERASED_NAME
from essdash.workshop.activities.signin.erasure import erase_interviewee, interviewee_data
from essdash.workshop.activities.survey import answers as survey_answers
from essdash.workshop.activities.survey import service as surveys
from essdash.workshop.activities.survey.service import QuestionInput

NOTES = "Confidentiel : la présidente part en 2027, tension avec la mairie"


@dataclass(frozen=True)
class Seeded:
    diagnostic_id: int
    workshop_id: int
    participant_ids: tuple[int, ...]


def _seed(kind: str = "ptce") -> Seeded:
    with write_session() as s:
        d = Diagnostic(name="Diag Val", kind=kind, restitution_code="code-followup-test")
        s.add(d)
        s.flush()
        w = Workshop(diagnostic_id=d.id, title="Temps collectif 1", join_code="FOLLOW1")
        s.add(w)
        s.flush()
        people = [Participant(workshop_id=w.id, token=f"tok{n}", name=f"P{n}") for n in range(3)]
        s.add_all(people)
        q = Question(workshop_id=w.id, position=0, text="Besoins ?")
        s.add(q)
        s.flush()
        for n, (tag, text) in enumerate(
            [("enjeux", "Mobilité des jeunes"), ("enjeux", "Foncier agricole"), (None, "Autre")]
        ):
            s.add(Contribution(workshop_id=w.id, question_id=q.id, participant_id=people[n].id,
                               text=text, tag=tag))  # fmt: skip
        return Seeded(d.id, w.id, tuple(p.id for p in people))


def _interview(seeded: Seeded, name: str, kind: str, answers: dict[str, str]) -> int:
    data = InterviewInput(person_name=name, structure_name="Recyclerie du Val", role="Directrice",
                          kind=kind, held_on=date(2026, 10, 5), interviewer="Camille",
                          notes=NOTES, consent=True, answers=answers)  # fmt: skip
    with write_session() as s:
        return interviews.record_interview(s, diagnostic_id=seeded.diagnostic_id, data=data).id


def test_two_interviews_and_postits_count_in_one_synthesis(any_db_url: str) -> None:
    seeded = _seed()
    _interview(seeded, "Alice Martin", "fondateur",
               {"enjeux": "Manque de logements pour les saisonniers",
                "innovation.besoins": "Épicerie solidaire"})  # fmt: skip
    _interview(seeded, "Bruno Petit", "elu", {"innovation.valeur": "", "enjeux": ""})
    with read_session() as s:
        rows = {t.key: t for t in synthesis.tag_synthesis(s, diagnostic_id=seeded.diagnostic_id)}
        elus = {t.key: t for t in synthesis.tag_synthesis(
            s, diagnostic_id=seeded.diagnostic_id, sources=["elu"])}  # fmt: skip
    assert (rows["enjeux"].interviews, rows["enjeux"].postits) == (2, 2)
    assert rows["innovation"].interviews == 2  # a sub-item counts toward its parent, once each
    assert rows["innovation.besoins"].interviews == 1
    quotes = {(q.text, q.source) for q in rows["enjeux"].quotes}
    assert ("Manque de logements pour les saisonniers", "fondateur") in quotes
    assert ("Mobilité des jeunes", "atelier") in quotes
    assert (elus["enjeux"].interviews, elus["enjeux"].postits) == (1, 0)
    assert all(NOTES not in q.text for t in rows.values() for q in t.quotes)


def test_an_answer_outside_the_grid_is_refused_and_the_grid_is_editable(any_db_url: str) -> None:
    seeded = _seed()
    with pytest.raises(UserError, match="absente de la grille"):
        _interview(seeded, "Alice", "acteur", {"mobilite": "x"})
    with write_session() as s:
        entries = [(e.key, e.label, e.parent_key) for e in grid.DEFAULT_GRID]
        grid.save_grid(s, diagnostic_id=seeded.diagnostic_id,
                       entries=[*entries, (None, "Mobilité rurale", "enjeux")])  # fmt: skip
    _interview(seeded, "Alice", "acteur", {"enjeux.mobilite_rurale": "Pas de bus le soir"})
    with write_session() as s, pytest.raises(UserError, match="mobilite_rurale"):
        grid.save_grid(s, diagnostic_id=seeded.diagnostic_id, entries=entries)


def test_interviewee_is_exported_then_erased_and_their_answers_stay(any_db_url: str) -> None:
    seeded = _seed()
    iid = _interview(seeded, "Alice Martin", "fondateur", {"enjeux": "Logement des saisonniers"})
    with read_session() as s:
        exported = interviewee_data(s, interview_id=iid)
    assert exported["entretien"]["nom"] == "Alice Martin"
    assert exported["entretien"]["notes"] == NOTES
    assert exported["entretien"]["consentement"] is True
    assert exported["grille"] == [{"rubrique": "enjeux", "reponse": "Logement des saisonniers"}]
    with write_session() as s:
        erase_interviewee(s, interview_id=iid)
    with read_session() as s:
        row = s.get(Interview, iid)
        assert row is not None and row.erased_at is not None
        assert (row.person_name, row.structure_name, row.role, row.notes, row.consent) == (
            ERASED_NAME, "", "", "", False)  # fmt: skip
        counts = {t.key: t for t in synthesis.tag_synthesis(s, diagnostic_id=seeded.diagnostic_id)}
    assert counts["enjeux"].interviews == 1
    with write_session() as s, pytest.raises(UserError, match="introuvable"):
        erase_interviewee(s, interview_id=iid)


def test_ptce_template_gives_phases_steps_and_the_timeline_flags_late(any_db_url: str) -> None:
    seeded = _seed("ptce")
    start = date.today() - timedelta(days=30)
    with write_session() as s:
        count = timeline.apply_template(s, diagnostic_id=seeded.diagnostic_id, start=start)
    with read_session() as s:
        view = timeline.timeline(s, diagnostic_id=seeded.diagnostic_id)
    assert count == len(view.steps) == 9
    assert view.steps[0].title.startswith("Cadrage")
    assert view.steps[1].title.startswith("Entretiens individuels")
    assert [s.phase_key for s in view.steps][-1] == "consolidation"
    late_titles = [s.title for s in view.late]
    assert late_titles[:2] == [view.steps[0].title, view.steps[1].title]  # planned, not started
    first = view.steps[0]
    with write_session() as s:
        timeline.update_step(s, diagnostic_id=seeded.diagnostic_id, step_id=first.id,
                             data=StepInput(first.planned_start, first.planned_end, start,
                                            None, "termine"))  # fmt: skip
        timeline.attach_workshop(
            s, diagnostic_id=seeded.diagnostic_id, step_id=view.steps[3].id,
            workshop_id=seeded.workshop_id,
        )  # fmt: skip
        with pytest.raises(UserError, match="précède"):
            timeline.update_step(s, diagnostic_id=seeded.diagnostic_id, step_id=first.id,
                                 data=StepInput(start, start - timedelta(days=1), None, None,
                                                "a_venir"))  # fmt: skip
    with read_session() as s:
        after = timeline.timeline(s, diagnostic_id=seeded.diagnostic_id)
    assert after.steps[0].status == "termine" and after.steps[0].actual_end == date.today()
    assert not after.steps[0].late
    assert after.steps[3].workshops == ("Temps collectif 1",)
    with write_session() as s, pytest.raises(UserError, match="déjà"):
        timeline.apply_template(s, diagnostic_id=seeded.diagnostic_id, start=start)


def test_workshop_survey_anonymous_one_answer_per_phone_and_results(any_db_url: str) -> None:
    seeded = _seed()
    with write_session() as s:
        survey = surveys.create_survey(
            s, diagnostic_id=seeded.diagnostic_id, workshop_id=seeded.workshop_id,
            title="Votre avis",
        )  # fmt: skip
        surveys.set_status(s, survey_id=survey.id, status="open")
        sid = survey.id
        qs = survey_answers.questions_of(s, sid)
    scale, choice, _, text = (q.id for q in qs)
    for pid, note in zip(seeded.participant_ids[:2], (4, 5), strict=True):
        with write_session() as s:
            survey_answers.answer_survey(s, survey_id=sid, participant_id=pid,
                                         answers={scale: note, choice: "Un ou deux",
                                                  text: "Merci !"})  # fmt: skip
    with write_session() as s:  # answering again replaces, it does not add
        survey_answers.answer_survey(s, survey_id=sid, participant_id=seeded.participant_ids[0],
                                     answers={scale: 2})  # fmt: skip
        with pytest.raises(UserError, match="1 à 5"):
            survey_answers.answer_survey(s, survey_id=sid, participant_id=seeded.participant_ids[2],
                                         answers={scale: 9})  # fmt: skip
    with read_session() as s:
        res = survey_answers.results(s, survey_id=sid)
        kept = s.execute(select(Participant.id).where(Participant.id.in_([]))).all()
    assert res.respondents == 2 and not kept
    assert res.questions[0].mean == pytest.approx(3.5)
    assert dict(res.questions[0].counts)["2"] == 1
    assert dict(res.questions[1].counts)["Un ou deux"] == 1
    assert res.questions[3].texts == (("Merci !", ""),)  # anonymous: no name


def test_diagnostic_survey_by_signed_link(any_db_url: str) -> None:
    seeded = _seed()
    with write_session() as s:
        survey = surveys.create_survey(
            s, diagnostic_id=seeded.diagnostic_id, title="Évaluation du diagnostic",
            questions=(QuestionInput("scale", "Utile ?", (), 4),),
        )  # fmt: skip
        sid, key = survey.id, surveys.survey_link_key(s, survey_id=survey.id)
        with pytest.raises(UserError, match="pas ouverte"):
            survey_answers.answer_survey(s, survey_id=sid, answers={}, request_id="r1")
        surveys.set_status(s, survey_id=sid, status="open")
    with read_session() as s:
        assert surveys.survey_from_link(s, str(sid), key) is not None
        assert surveys.survey_from_link(s, str(sid), "0" * 32) is None
        assert surveys.survey_from_link(s, "x", key) is None
        qid = survey_answers.questions_of(s, sid)[0].id
    for request in ("r1", "r1", "r2"):
        with write_session() as s:
            survey_answers.answer_survey(s, survey_id=sid, answers={qid: 3}, request_id=request)
    with read_session() as s:
        assert survey_answers.results(s, survey_id=sid).respondents == 2


def test_owner_posts_progress_by_link_and_overdue_and_history(any_db_url: str) -> None:
    seeded = _seed()
    with write_session() as s:
        late = Action(
            diagnostic_id=seeded.diagnostic_id,
            title="Navette solidaire",
            owner="Mairie",
            deadline=date.today() - timedelta(days=3),
            status="en_cours",
        )
        fine = Action(diagnostic_id=seeded.diagnostic_id, title="Tiers-lieu",
                      deadline=date.today() + timedelta(days=90))  # fmt: skip
        s.add_all([late, fine])
        s.flush()
        aid, key = late.id, plan.owner_link_key(s, action_id=late.id)
    with read_session() as s:
        assert plan.action_from_link(s, str(aid), key) is not None
        assert plan.action_from_link(s, str(aid + 1), key) is None
        overdue = [a.title for a in plan.plan_view(s, diagnostic_id=seeded.diagnostic_id)
                   if a.overdue]  # fmt: skip
    assert overdue == ["Navette solidaire"]
    for progress, request in ((30, "t1"), (30, "t1"), (100, "t2")):
        with write_session() as s:
            plan.post_update(s, action_id=aid, progress=progress, note="Étude lancée",
                             by_owner=True, request_id=request)  # fmt: skip
    with read_session() as s:
        steps = plan.history(s, diagnostic_id=seeded.diagnostic_id)
        action = s.get(Action, aid)
        assert action is not None and (action.progress, action.status) == (100, "termine")
        assert not any(a.overdue for a in plan.plan_view(s, diagnostic_id=seeded.diagnostic_id))
        assert len(s.scalars(select(ActionUpdate)).all()) == 2
    assert [(u.progress, u.status, u.by_owner) for u in steps] == [
        (30, "en_cours", True), (100, "termine", True)]  # fmt: skip
    with write_session() as s:
        plan.owner_link_key(s, action_id=aid, renew=True)
    with read_session() as s:
        assert plan.action_from_link(s, str(aid), key) is None  # the old link is revoked
    with write_session() as s, pytest.raises(UserError, match="0 à 100"):
        plan.post_update(s, action_id=aid, progress=120)


def test_opening_a_workshop_survey_signals_the_phones(any_db_url: str) -> None:
    """Phones follow the workshop's version: opening its survey changes it (no reload)."""
    from essdash.db.versions import versions

    seeded = _seed()
    with write_session() as s:
        survey = surveys.create_survey(
            s, diagnostic_id=seeded.diagnostic_id, workshop_id=seeded.workshop_id, title="Avis"
        )
        sid = survey.id
    with read_session() as s:
        before = versions(s, seeded.workshop_id)["workshop"]
    with write_session() as s:
        surveys.set_status(s, survey_id=sid, status="open")
    with read_session() as s:
        assert versions(s, seeded.workshop_id)["workshop"] != before


def test_named_answers_are_in_my_data_then_anonymous_after_erasure(any_db_url: str) -> None:
    from essdash.workshop.activities.signin import records

    seeded = _seed()
    pid = seeded.participant_ids[0]
    with write_session() as s:
        survey = surveys.create_survey(
            s, diagnostic_id=seeded.diagnostic_id, workshop_id=seeded.workshop_id,
            title="Avis", anonymous=False,
        )  # fmt: skip
        surveys.set_status(s, survey_id=survey.id, status="open")
        sid = survey.id
        text_q = survey_answers.questions_of(s, sid)[3].id
        survey_answers.answer_survey(
            s, survey_id=sid, participant_id=pid, answers={text_q: "Trop court"}
        )
    with read_session() as s:
        mine = records.personal_data(s, participant_id=pid)["evaluations"]
        named = survey_answers.results(s, survey_id=sid).questions[3].texts
    assert mine == [{"evaluation": "Avis", "question": "Une remarque, une idée pour la suite ?",
                     "reponse": "Trop court"}]  # fmt: skip
    assert named == (("Trop court", "P0"),)
    with write_session() as s:
        records.erase_participant(s, participant_id=pid)
    with read_session() as s:
        after = survey_answers.results(s, survey_id=sid)
    assert after.respondents == 1 and after.questions[3].texts == (("Trop court", ""),)
