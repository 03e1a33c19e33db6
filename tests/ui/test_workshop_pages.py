"""AppTest of the live-workshop pages: join, map, my data, console, projection, moderation."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit_folium
from jinja2.utils import htmlsafe_json_dumps
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session
from essdash.models import MapFeature, Participant, Workshop
from essdash.workshop.activities.mapping import queries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with read_session() as s:  # the demo's first participant
        first = s.scalars(select(Participant).order_by(Participant.id)).first()
        assert first is not None
        ids = {"workshop_id": first.workshop_id, "token": first.token, "participant_id": first.id}
    yield ids


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _count(model: type) -> int:
    with read_session() as s:
        return int(s.scalar(select(func.count(model.id))) or 0)


def test_join_with_code_signs_in_once_and_opens_the_map(demo) -> None:
    at = _app()
    at.run().switch_page("app_pages/rejoindre.py")
    at.query_params["code"] = "demo"
    at.run()
    before = _count(Participant)
    at.text_input(key="signin_name").input("Marie Nouvelle")
    at.text_input(key="signin_structure").input("Épicerie solidaire")
    at.button[0].click()  # the form's submit button
    at.run()
    # No default type of actor: whoever skips it is asked, not misclassified.
    assert any("Type d'acteur : choisissez" in e.value for e in at.error)
    assert _count(Participant) == before
    assert at.text_input(key="signin_name").value == "Marie Nouvelle"  # kept
    at.selectbox(key="signin_actor").select("ess")
    at.button[0].click()
    at.run()
    assert not at.exception, at.exception
    assert _count(Participant) == before + 1
    token = at.query_params["p"]
    with read_session() as s:
        assert s.scalars(select(Participant.name).where(Participant.token == token)).one() == (
            "Marie Nouvelle"
        )
    assert at.title[0].value == "Carte partagée"


def test_contact_without_consent_shows_the_reason(demo) -> None:
    at = _app()
    at.run().switch_page("app_pages/rejoindre.py")
    at.query_params["code"] = "DEMO"
    at.run()
    at.text_input(key="signin_name").input("Sans accord")
    at.selectbox(key="signin_actor").select("citoyen")
    at.text_input(key="signin_email").input("x@example.org")
    at.button[0].click()
    at.run()
    assert any("consentement" in e.value for e in at.error)


def test_drawn_site_is_saved_for_me_only(demo, monkeypatch) -> None:
    drawing = {"type": "Feature", "properties": {},
               "geometry": {"type": "Point", "coordinates": [2.40, 46.65]}}  # fmt: skip
    monkeypatch.setattr(
        streamlit_folium, "st_folium", lambda *a, **k: {"last_active_drawing": drawing}
    )
    at = _app()
    at.query_params["p"] = demo["token"]
    at.run().switch_page("app_pages/carte_partagee.py").run()
    assert not at.exception, at.exception
    at.toggle(key="map_draw_mode").set_value(True).run()
    mine_before = _owned(demo["participant_id"])
    at.text_input(key="new_label").input("Antenne nord")
    at.button(key="FormSubmitter:new_drawing_form-Enregistrer").click()
    at.run()
    assert _owned(demo["participant_id"]) == mine_before + 1
    # Edit/delete controls are offered only for my own features.
    with read_session() as s:
        mine = s.scalars(
            select(MapFeature.label).where(MapFeature.participant_id == demo["participant_id"])
        ).all()
    offered = at.selectbox(key="own_feature_pick").options
    assert len(offered) == len(mine) and all(
        any(label in option for option in offered) for label in mine
    )
    at.selectbox(key="own_feature_pick").select_index(len(offered) - 1).run()
    at.button(key=next(b.key for b in at.button if (b.key or "").startswith("delete_"))).click()
    at.run()
    assert _owned(demo["participant_id"]) == mine_before  # my new site, deleted again


def test_the_map_is_only_drawable_in_drawing_mode(demo, monkeypatch) -> None:
    """Phones see the shared map from one shared render; Leaflet.draw only once asked for."""
    calls: list[object] = []
    monkeypatch.setattr(streamlit_folium, "st_folium", lambda *a, **k: calls.append(k) or {})
    at = _app()
    at.query_params["p"] = demo["token"]
    at.run().switch_page("app_pages/carte_partagee.py").run()
    assert not at.exception, at.exception
    assert calls == []
    frames = [e for e in at.get("iframe")]
    assert len(frames) == 1 and "leaflet" in frames[0].proto.srcdoc
    with read_session() as s:
        shown = queries.visible_features(s, demo["workshop_id"])
    assert shown and all(_in_map(f.label, frames[0].proto.srcdoc) for f in shown)
    at.toggle(key="map_draw_mode").set_value(True).run()
    assert len(calls) == 1 and not at.get("iframe")


def _in_map(label: str, document: str) -> bool:
    """Labels reach Leaflet HTML-escaped, inside folium's HTML-safe JSON."""
    return str(htmlsafe_json_dumps(html.escape(label)))[1:-1] in document


def _owned(pid: object) -> int:
    with read_session() as s:
        return int(s.scalar(select(func.count()).where(MapFeature.participant_id == pid)) or 0)


def test_site_placed_in_a_commune_without_the_map(demo) -> None:
    at = _app()
    at.query_params["p"] = demo["token"]
    at.run().switch_page("app_pages/carte_partagee.py").run()
    before = _owned(demo["participant_id"])
    at.text_input(key="map_commune_label").input("Point relais")
    at.button(key="FormSubmitter:commune_site_form-Placer mon site").click()
    at.run()
    assert not at.exception, at.exception
    assert _owned(demo["participant_id"]) == before + 1


def test_my_data_page_shows_the_link_and_erases_me(demo) -> None:
    at = _app()
    at.query_params["p"] = demo["token"]
    at.run().switch_page("app_pages/mes_donnees.py").run()
    assert not at.exception, at.exception
    assert any(demo["token"] in c.value for c in at.code)
    with read_session() as s:
        name = s.get(Participant, demo["participant_id"]).name
    shown = at.dataframe[0].value  # my data as a table a phone reads, not a folded JSON tree
    assert list(shown.columns) == ["Rubrique", "Champ", "Valeur"] and name in set(shown["Valeur"])
    at.checkbox(key="erase_confirm").check()
    at.run()
    at.button(key="erase_me").click()
    at.run()
    with read_session() as s:
        assert s.get(Participant, demo["participant_id"]).erased_at is not None
    assert "p" not in at.query_params


def _facilitator(page: str) -> AppTest:
    at = _app()
    at.session_state["essdash_facilitator"] = True
    at.run().switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_console_starts_and_pauses_the_timer(demo) -> None:
    at = _facilitator("console")
    at.button(key="timer_start").click()
    at.run()
    with read_session() as s:
        assert s.get(Workshop, demo["workshop_id"]).timer_started_at is not None
    at.button(key="timer_pause").click()
    at.run()
    with read_session() as s:
        w = s.get(Workshop, demo["workshop_id"])
        assert w.timer_started_at is None and w.timer_remaining_s is not None


def _workshop_facts(workshop_id: int) -> tuple[str, int, list[int]]:
    """Join code, active participants and map features of the workshop, from the database."""
    with read_session() as s:
        code = s.get(Workshop, workshop_id).join_code
        active = s.scalar(
            select(func.count(Participant.id)).where(
                Participant.workshop_id == workshop_id,
                Participant.merged_into_id.is_(None),
                Participant.erased_at.is_(None),
            )
        )
        features = s.scalars(select(MapFeature.id).where(MapFeature.workshop_id == workshop_id))
        return code, int(active or 0), list(features)


@pytest.mark.parametrize("page", ["projection", "ateliers", "emargement", "moderation"])
def test_facilitator_pages_show_the_workshop(demo, page) -> None:
    at = _facilitator(page)
    code, active, features = _workshop_facts(demo["workshop_id"])
    assert features and active
    if page == "projection":  # the room reads the code and the head count
        html_bodies = [h.value for h in at.get("html")]
        assert f'<div class="pj-code">{code}</div>' in "".join(html_bodies)
        assert f'data-testid="pj-count">{active}</div>' in "".join(html_bodies)
    elif page == "ateliers":
        assert at.title[0].value == "Ateliers et déroulé"
        assert any(c.value.endswith(f"code {code}") for c in at.caption)
    elif page == "emargement":  # one line per person signed in
        assert at.title[0].value == "Émargement"
        assert at.dataframe[0].value.shape[0] == active
    else:  # a "Masquer" button for every feature on the map
        keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.button}
        assert {f"mod_feature_{f}" for f in features} <= keys


def test_moderation_hides_a_feature(demo) -> None:
    at = _facilitator("moderation")
    with read_session() as s:
        fid = s.scalars(select(MapFeature.id).order_by(MapFeature.id.desc())).first()
    at.button(key=f"mod_feature_{fid}").click()
    at.run()
    with read_session() as s:
        assert s.get(MapFeature, fid).hidden
