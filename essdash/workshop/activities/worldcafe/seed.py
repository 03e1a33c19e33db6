"""Demo world café: more post-its, themes grouping them, one synthesis per question."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Contribution, Question
from essdash.models.base import utcnow
from essdash.readmodel.contract import SeedContext
from essdash.workshop.activities.worldcafe import syntheses, themes
from essdash.workshop.activities.worldcafe.service import questions

# (question index, participant index, text, info tag)
EXTRA_POSTS: tuple[tuple[int, int, str, str], ...] = (
    (0, 2, "Transport à la demande absent dans les communes rurales", "enjeux"),
    (0, 5, "Isolement des aînés après la fermeture des commerces de proximité", "enjeux"),
    (0, 3, "Terres agricoles sans repreneur : risque de friches", "opportunites"),
    (1, 0, "Ressourcerie : 40 tonnes réemployées par an et 6 emplois d'insertion", "offre"),
    (1, 5, "Circuits courts alimentaires portés par la coopérative bio", "partenariats"),
    (2, 1, "Gouvernance partagée appréciée mais réunions chronophages", "accompagnement"),
    (2, 4, "Difficulté à trouver des bénévoles pour les bureaux associatifs", "accompagnement"),
    (3, 2, "Mutualiser un local et du matériel entre associations", "innovation"),
    (3, 0, "Structurer une filière réemploi du bâtiment", "opportunites"),
)

# Theme name -> (question index, words that put a post-it of that question in the theme)
THEMES: dict[str, tuple[int, tuple[str, ...]]] = {
    "Mobilité et isolement": (0, ("mobilité", "transport", "isolement")),
    "Foncier agricole": (0, ("friches", "terres")),
    "Réemploi et circuits courts": (1, ("réemploi", "ressourcerie", "circuits", "épicerie")),
    "Renouvellement des bénévoles": (2, ("bénévoles",)),
    "Lieux et moyens partagés": (3, ("lieu", "mutualiser", "filière")),
}

SYNTHESES: tuple[str, ...] = (
    "Mobilité des personnes âgées et isolement en zone rurale ; foncier agricole à préserver.",
    "Le réemploi et l'alimentation en circuits courts sont les réussites citées par tous.",
    "Gouvernance partagée appréciée ; le renouvellement des bénévoles inquiète.",
    "Créer des lieux et des moyens partagés ; structurer la filière réemploi du bâtiment.",
)


def seed(session: Session, ctx: SeedContext) -> None:
    workshop = ctx.workshop
    all_questions = questions(session, workshop_id=workshop.id)
    add_posts(session, ctx, all_questions, EXTRA_POSTS)
    session.flush()
    posts = list(
        session.scalars(select(Contribution).where(Contribution.workshop_id == workshop.id))
    )
    for name, (q_index, keywords) in THEMES.items():
        question = all_questions[q_index]
        theme = themes.create_theme(session, question_id=question.id, name=name)
        for post in posts:
            if post.question_id == question.id and any(k in post.text.lower() for k in keywords):
                post.theme_id = theme.id
    for question, text in zip(all_questions, SYNTHESES, strict=False):
        table_no = question.position
        version = syntheses.write_synthesis(
            session, question_id=question.id, text=text, table_no=table_no
        )
        rapporteur = next((p for p in ctx.participants if p.table_no == table_no), None)
        if rapporteur is not None:
            version.participant_id, version.author_name = rapporteur.id, rapporteur.name
        version.created_at = utcnow() - timedelta(minutes=10)
    workshop.current_round, workshop.round_closed = 1, True
    session.flush()


def add_posts(
    session: Session,
    ctx: SeedContext,
    questions: Sequence[Question],
    posts: Iterable[tuple[int, int, str, str]],
) -> None:
    """Demo post-its of round 1: (question index, participant index, text, tag)."""
    for question_index, participant_index, text, tag in posts:
        participant = ctx.participants[participant_index]
        session.add(
            Contribution(
                workshop_id=ctx.workshop.id,
                question_id=questions[question_index].id,
                participant_id=participant.id,
                table_no=participant.table_no,
                round_no=1,
                text=text,
                tag=tag,
            )
        )
