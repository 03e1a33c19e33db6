"""The participant's world café on a phone: my table, its question, post-its, synthesis."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from essdash import labels
from essdash.db import read_session
from essdash.formatting import fmt_datetime
from essdash.models import Participant, Workshop
from essdash.ui import state
from essdash.ui.identity import Identity
from essdash.ui.workshop import actions, follow, step_banner
from essdash.ui.worldcafe import common, data, limits
from essdash.workshop.activities.worldcafe import service, syntheses

POST_FORM, POST_TEXT, POST_TAG = "cafe_post", "cafe_text", "cafe_tag"
NO_TAG = ""


def _tag_label(key: str) -> str:
    return labels.INFO_TAGS.get(key, "— sans étiquette —")


@dataclass(frozen=True)
class MyPost:
    id: int
    text: str
    tag: str | None
    editable: bool


def render(who: Identity) -> None:
    assert who.participant_id is not None and who.workshop_id is not None
    pid, wid = who.participant_id, who.workshop_id
    follow.follow(wid)  # a round opened or closed redraws this page within 2 s
    step_banner.render(wid)  # the agenda step, as on the projection
    rv = data.round_view(wid)
    if rv is None:
        st.error("Atelier introuvable.")
        return
    table_no, mine = _my_state(pid, wid)  # after a post's callback: the new post-it is in
    _table_picker(pid, table_no, rv.table_count)
    question = data.question_of_table(wid, table_no)
    if question is not None:
        common.ticking_caption(f"Manche {rv.current_round} · table {table_no}", rv.ends_at)
        common.question_block(question.position, question.text)
        if question.hint:
            st.caption(question.hint)
        _post_form(pid, None)
    elif rv.is_open:
        st.caption(f"Manche {rv.current_round} en cours : choisissez votre table ci-dessus.")
    elif rv.contributions_open:
        st.info("Pas de manche en cours : vous pouvez contribuer sur la question de votre choix.")
        by_id = {q.id: q for q in data.questions(wid)}
        if by_id:
            chosen = st.selectbox(
                "Question", list(by_id), key="cafe_q",
                format_func=lambda q: f"{by_id[q].position}. {by_id[q].text}",
            )  # fmt: skip
            _post_form(pid, chosen)
    else:
        st.info("Les contributions sont closes. Merci pour votre participation !")
    _my_posts(pid, mine)
    _synthesis(pid, wid, table_no, question)


def _my_state(pid: int, wid: int) -> tuple[int | None, list[MyPost]]:
    """My table and my post-its, in one read."""
    with read_session() as s:
        participant, workshop = s.get(Participant, pid), s.get(Workshop, wid)
        assert participant is not None and workshop is not None
        mine = [
            MyPost(c.id, c.text, c.tag, service.is_editable(workshop, c))
            for c in service.my_contributions(s, participant_id=pid)
        ]
        return participant.table_no, mine


def _table_picker(pid: int, table_no: int | None, table_count: int) -> None:
    options = list(range(1, table_count + 1))
    chosen = st.segmented_control(
        "Ma table", options, default=table_no, format_func=lambda t: f"Table {t}", key="cafe_table"
    )
    if chosen is not None and chosen != table_no:
        actions.perform(
            lambda s: service.choose_table(s, participant_id=pid, table_no=int(chosen)),
            success=f"Vous êtes à la table {chosen}.",
        )
    if table_no is None and chosen is None:
        st.warning("Choisissez votre table pour voir sa question.")


def _post_form(pid: int, question_id: int | None) -> None:
    actions.form_request_id(POST_FORM)  # created before the tap: a double tap posts once
    with st.form(POST_FORM, border=True, enter_to_submit=False):
        limits.text_area("Votre réponse", service.MAX_POST_LENGTH, height=90, key=POST_TEXT)
        st.selectbox(
            "Info recherchée (facultatif)",
            [NO_TAG, *labels.INFO_TAGS],
            format_func=_tag_label,
            key=POST_TAG,
        )
        st.form_submit_button(
            "Envoyer", type="primary", width="stretch", on_click=_post, args=(pid, question_id)
        )
    actions.show_outcome(POST_FORM)


def _post(pid: int, question_id: int | None) -> None:
    """Form callback: runs before the script, so the page is drawn once, with the post-it in."""
    text = str(state.widget_value(POST_TEXT) or "")
    tag = state.widget_value(POST_TAG) or None
    request_id = actions.form_request_id(POST_FORM)
    posted = actions.commit(
        lambda s: service.post_contribution(
            s, participant_id=pid, text=text, tag=tag,
            client_request_id=request_id, question_id=question_id,
        ),
        done_form=POST_FORM, success="Post-it envoyé", slot=POST_FORM,
    )  # fmt: skip
    if posted:  # emptied only once saved: a refused post-it keeps what was typed
        state.set_widget_value(POST_TEXT, "")


def _my_posts(pid: int, mine: list[MyPost]) -> None:
    st.subheader(f"Mes post-its ({len(mine)})")
    for post in mine:
        with st.container(border=True):
            st.text(post.text)
            if post.tag:
                st.caption(labels.INFO_TAGS.get(post.tag, ""))
    editable = [post for post in mine if post.editable]
    if editable:
        _edit(pid, editable)


def _edit(pid: int, posts: list[MyPost]) -> None:
    """One form, for the post-it chosen (not one form per post-it on every run)."""
    with st.expander("Modifier ou retirer un de mes post-its"):
        post = st.selectbox(
            "Post-it",
            posts,
            index=None,
            format_func=lambda p: p.text if len(p.text) <= 60 else p.text[:59] + "…",
            placeholder="Choisir un de mes post-its",
            key="cafe_edit_pick",
        )
        if post is None:
            return
        with st.form(f"edit_{post.id}", enter_to_submit=False):
            new_text = limits.text_area(
                "Texte", service.MAX_POST_LENGTH, value=post.text, key=f"edit_text_{post.id}"
            )
            tags = [NO_TAG, *labels.INFO_TAGS]
            new_tag = st.selectbox(
                "Info recherchée",
                tags,
                index=tags.index(post.tag or NO_TAG),
                format_func=_tag_label,
            )
            save = st.form_submit_button("Enregistrer")
        if save:
            actions.perform(
                lambda s: service.edit_contribution(
                    s, participant_id=pid, contribution_id=post.id, text=new_text,
                    tag=new_tag or None,
                ),
                success="Post-it modifié",
            )  # fmt: skip
        if st.button("Retirer ce post-it", key=f"withdraw_{post.id}"):
            actions.perform(
                lambda s: service.withdraw_contribution(
                    s, participant_id=pid, contribution_id=post.id
                ),
                success="Post-it retiré",
            )


def _synthesis(pid: int, wid: int, table_no: int | None, current: data.QuestionView | None) -> None:
    if table_no is None:
        return
    with st.expander("Rapporteur·e : la synthèse de ma table"):
        by_id = {q.id: q for q in data.questions(wid)}
        if not by_id:
            return
        ids = list(by_id)
        index = ids.index(current.id) if current and current.id in by_id else 0
        qid = st.selectbox(
            "Question", ids, index=index, key="syn_q",
            format_func=lambda q: f"{by_id[q].position}. {by_id[q].text}",
        )  # fmt: skip
        question = by_id[qid]
        latest = next(
            (
                v
                for v in data.latest_syntheses(wid)
                if v.question_id == question.id and v.table_no == table_no
            ),
            None,
        )
        if latest is not None:  # the author's name is participant text: shown as text
            st.text(f"Dernière version : {latest.author_name}, {fmt_datetime(latest.created_at)}")
        form = f"synthesis_{question.id}_{latest.id if latest else 0}"
        with st.form(form, enter_to_submit=False):
            text = limits.text_area(
                "Synthèse", syntheses.MAX_SYNTHESIS_LENGTH, height=160,
                value=latest.text if latest else "", key=actions.field(form, "text"),
            )  # fmt: skip
            saved = st.form_submit_button("Enregistrer la synthèse")
        if saved:
            actions.perform(
                lambda s: syntheses.write_synthesis(
                    s, question_id=question.id, participant_id=pid, text=text
                ),
                form=form, success="Synthèse enregistrée",
            )  # fmt: skip
