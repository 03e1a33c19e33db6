"""AppTest: participant strings stay text (no markdown, no HTML) in captions, labels and options:
moderation (names, structures), the synthesis' last version, the majority-judgment ballot."""

from __future__ import annotations

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.models import Participant
from essdash.workshop.activities.signin.service import SignInForm, sign_in
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe import syntheses
from tests.ui import test_cafe_vote_pages as pages
from tests.ui.test_cafe_vote_pages import _facilitator, _participant

demo = pages.demo
NAME = "![t](http://evil.example/x.png) **Gras**"
STRUCTURE = "[lien](http://evil.example) <img src=x onerror=alert(1)>"
POST = "![p](http://evil.example/p.png) _penché_ <b>b</b>"

Demo = tuple[int, int, str]


def _markdown_surfaces(at: AppTest) -> list[str]:
    """Every string the page hands to a markdown renderer: bodies, captions, widget labels."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning",
             "success", "error", "toast")  # fmt: skip
    found = [str(e.value) for kind in kinds for e in at.get(kind)]
    widgets = ("selectbox", "multiselect", "text_input", "text_area", "number_input",
               "checkbox", "radio", "button", "toggle", "expander", "tab")  # fmt: skip
    found += [str(getattr(e, "label", "")) for kind in widgets for e in at.get(kind)]
    return found


def _shown_as_text(at: AppTest, value: str) -> bool:
    texts = [str(t.value) for t in at.text]
    htmls = [h.proto.body for h in at.get("html")]
    options = [o for kind in ("selectbox", "multiselect") for e in at.get(kind) for o in e.options]
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return any(value in t for t in texts + options) or any(
        escaped.replace('"', "&quot;") in h for h in htmls
    )


def _hostile(wid: int, table_no: int) -> int:
    with write_session() as s:
        form = SignInForm(name=NAME, structure_name=STRUCTURE, actor_type="ess")
        pid = sign_in(s, workshop_id=wid, form=form).id
        cafe.choose_table(s, participant_id=pid, table_no=table_no)
        post = cafe.post_contribution(s, participant_id=pid, text=POST)
        syntheses.write_synthesis(
            s, question_id=post.question_id, participant_id=pid, text="Synthèse de la table"
        )
        return pid


def _table_of(pid: int) -> int:
    with read_session() as s:
        p = s.get(Participant, pid)
        assert p is not None and p.table_no is not None
        return p.table_no


def _assert_literal(at: AppTest, *values: str) -> None:
    assert not at.exception, at.exception
    surfaces = _markdown_surfaces(at)
    for value in values:
        marker = value.split()[0]
        assert not any(marker in s for s in surfaces), [s for s in surfaces if marker in s]
        assert _shown_as_text(at, value), value


def test_moderation_shows_names_and_structures_as_text(demo: Demo) -> None:
    wid, pid, _ = demo
    _hostile(wid, _table_of(pid))
    at = _facilitator("moderation")
    _assert_literal(at, POST, f"{NAME}")


def test_last_synthesis_caption_shows_the_author_as_text(demo: Demo) -> None:
    wid, pid, token = demo
    _hostile(wid, _table_of(pid))
    at = _participant(token, "world_cafe")
    assert any(f"Dernière version : {NAME}" in str(t.value) for t in at.text)
    _assert_literal(at, NAME)


def test_majority_ballot_shows_a_priority_from_a_post_it_as_text(demo: Demo) -> None:
    wid, pid, token = demo
    hostile = _hostile(wid, _table_of(pid))
    with write_session() as s:
        post = cafe.my_contributions(s, participant_id=hostile)[0]
        priorities.priority_from_contribution(s, contribution_id=post.id)
        vote = voting.create_vote(s, workshop_id=wid, method="majority")
        voting.open_vote(s, vote_id=vote.id)
    at = _participant(token, "priorites")
    _assert_literal(at, POST)
    with read_session() as s:
        assert s.scalar(select(Participant.name).where(Participant.id == hostile)) == NAME
