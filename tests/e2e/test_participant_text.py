"""Participant text is text, on every page of every role: markdown, HTML and image syntax typed
in every participant field never becomes an image, a link, bold text or a script in a browser.

A dedicated server gets a participant who signed in through the form with a hostile name and
structure, then (through the same services as the pages) a site, a zone, a post-it, a
synthesis and a priority taken from that post-it, put to a majority-judgment vote. Each page of
the participant, the facilitator, the projection and the restitution is then searched, iframes
included, for elements born from that text; no request may leave for the image's address and
no alert may open.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from essdash.db import write_session
from essdash.db.engine import dispose_engines
from essdash.models import Diagnostic, Question, Vote
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe.syntheses import write_synthesis
from essdash.workshop.participants import participant_by_token
from tests.e2e.helpers import (
    DemoServer,
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
)

OUTSIDE = "127.0.0.1:9"
HOSTILE = (
    f"![t](http://{OUTSIDE}/x.png) <img src=x onerror=alert(1)> [lien](http://{OUTSIDE}) **gras**"
)
LITERAL = "**gras**"  # what every page must show as typed
TIMEOUT = 30_000
BORN_FROM_TEXT = (
    f'img[src*="{OUTSIDE}"], img[src="x"], [onerror], a[href*="{OUTSIDE}"], '
    'strong:text-is("gras"), b:text-is("gras"), em:text-is("t")'
)

# The element, and the Streamlit widget holding it (to name the place in the failure).
WHERE_JS = """e => {
  const box = e.closest('[data-testid^="st"]');
  return e.outerHTML + ' in ' + (box ? box.getAttribute('data-testid') + ' « '
    + box.innerText.slice(0, 60).replace(/\\s+/g, ' ') + ' »' : 'page');
}"""
PARTICIPANT_PAGES = {  # page -> shows participant text in the DOM
    "accueil": False,
    "carte_partagee": True,
    "world_cafe": True,
    "priorites": True,
    "mes_donnees": False,  # a folded JSON viewer: the text is there once unfolded
}
# Full-screen pages (no sidebar): each opened from a fresh facilitator tab's console.
FULL_SCREEN = {"Projection café": True, "Ouvrir la projection": False}
FACILITATOR_PAGES = {  # sidebar title -> shows participant text
    "Console d'animation": False,
    "Émargement": False,  # a data grid drawn on a canvas: its text is not in the page
    "Modération": True,
    "Tableaux et synthèses": True,
    "Vote des priorités": True,
    "Ateliers et déroulé": False,
    "Exports": False,
    "Diagnostics et phases": False,
    "Plan d'action": False,
}


@pytest.fixture(scope="module")
def hostile_server(demo_server: DemoServer) -> Any:
    import shutil

    if not shutil.which("chromium"):
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    with demo_server("hostile") as server:
        yield server.base, server.database_url
    dispose_engines()


class Watch:
    """Requests to the outside address and alerts, over every page of a context."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.alerts: list[str] = []

    def attach(self, context: Any) -> Any:
        context.on("request", lambda r: OUTSIDE in r.url and self.outside.append(r.url))
        context.on("page", lambda p: p.on("dialog", self._dialog))
        return context

    def _dialog(self, dialog: Any) -> None:
        self.alerts.append(dialog.message)
        dialog.dismiss()


def _sign_in(page: Any, base: str) -> str:
    page.goto(base + "/rejoindre?code=DEMO")
    settle(page)
    page.get_by_label("Nom et prénom *").fill(f"Nom {HOSTILE}"[:120])
    page.get_by_label("Structure", exact=True).fill(f"Structure {HOSTILE}")
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=TIMEOUT)
    settle(page)
    return page.url.split("p=")[1].split("&")[0]


def _seed(url: str, token: str) -> None:
    """Every other participant field, through the services the pages call."""
    with write_session(url) as s:
        participant = participant_by_token(s, token)
        assert participant is not None
        pid, workshop_id = participant.id, participant.workshop_id
        question = s.scalars(
            select(Question).where(Question.workshop_id == workshop_id).order_by(Question.position)
        ).first()
        assert question is not None
        description = mapping.Description(f"Lieu {HOSTILE}", None, "Secteur **gras**", HOSTILE)
        lon, lat = _inside_territory(s, workshop_id)
        site = mapping.add_site(s, participant_id=pid, lon=lon, lat=lat, description=description)
        d = 0.01
        ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]
        mapping.add_zone(
            s, participant_id=pid, site_id=site.id,
            geometry={"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            description=mapping.Description(f"Zone {HOSTILE}"),
        )  # fmt: skip
        cafe.choose_table(s, participant_id=pid, table_no=1)
        post = cafe.post_contribution(
            s, participant_id=pid, text=f"Post-it {HOSTILE}", question_id=question.id
        )
        write_synthesis(s, question_id=question.id, text=f"Synthèse {HOSTILE}", participant_id=pid)
        for vote in s.scalars(select(Vote).where(Vote.workshop_id == workshop_id)):
            if vote.status == "open":
                voting.close_vote(s, vote_id=vote.id)
        priorities.priority_from_contribution(s, contribution_id=post.id)
        vote = voting.create_vote(s, workshop_id=workshop_id, method="majority")
        voting.open_vote(s, vote_id=vote.id)


def _inside_territory(session: Any, workshop_id: int) -> tuple[float, float]:
    from shapely.geometry import shape

    from essdash.models import Commune

    first = mapping.territory_communes(session, workshop_id)[0]
    commune = session.get(Commune, first.code)
    point = shape(json.loads(commune.geometry)).representative_point()
    return point.x, point.y


def _born_from_text(page: Any) -> list[str]:
    found = []
    for frame in page.frames:
        try:  # in one look: a fragment's rerun may redraw elements between count() and nth(i)
            found += frame.locator(BORN_FROM_TEXT).evaluate_all(f"els => els.map({WHERE_JS})")
        except Exception as error:  # a frame that went away while we looked
            if "detached" not in str(error).lower():
                raise
    return found


def _text_of(page: Any) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.locator("body").inner_text(timeout=5_000))
        except Exception:  # an empty or detached frame
            continue
    return "\n".join(texts)


def _check(page: Any, where: str, *, shows_text: bool, problems: list[str]) -> None:
    settle(page)
    page.wait_for_timeout(1_500)  # iframes (maps, charts) finish loading
    before = len(problems)
    if shows_text:
        try:
            page.get_by_text(LITERAL, exact=False).first.wait_for(timeout=TIMEOUT)
        except Exception:
            if LITERAL not in _text_of(page):
                problems.append(f"{where}: the typed text « {LITERAL} » is not shown literally")
    born = _born_from_text(page)
    if born:
        problems.append(f"{where}: elements from participant text: {born[:4]}")
    print(where, "->", problems[before:] or "ok", flush=True)
    shot(page, f"participant-text-{where.replace(' ', '-').replace('/', '')}")


def test_participant_text_stays_text_on_every_page(hostile_server: Any, browser: Any) -> None:
    base, url = hostile_server
    playwright, chromium = browser
    watch, problems = Watch(), []
    phone = watch.attach(phone_context(playwright, chromium)).new_page()
    token = _sign_in(phone, base)
    _seed(url, token)
    for name, shows_text in PARTICIPANT_PAGES.items():
        phone.goto(f"{base}/{name}?p={token}")
        _check(phone, f"participant {name}", shows_text=shows_text, problems=problems)

    desk = watch.attach(projector_context(chromium)).new_page()
    login_facilitator(desk, base)
    projection_link = desk.locator('[data-testid="stCode"]').filter(has_text="/projection?")
    public_projection = projection_link.first.inner_text().strip()
    for title, shows_text in FACILITATOR_PAGES.items():
        desk.get_by_role("link", name=title, exact=True).first.click()
        _check(desk, f"animation {title}", shows_text=shows_text, problems=problems)
    for title, shows_text in FULL_SCREEN.items():
        tab = desk.context.new_page()  # the facilitator's cookie comes with the context
        tab.goto(base + "/console")
        settle(tab)
        tab.get_by_role("link", name=title, exact=True).first.click()
        _check(tab, f"animation {title}", shows_text=shows_text, problems=problems)

    screen = watch.attach(projector_context(chromium)).new_page()
    screen.goto(base + public_projection[public_projection.index("/projection?") :])
    _check(screen, "projection publique", shows_text=False, problems=problems)
    _restitution(screen, base, url, problems)

    if watch.outside:
        problems.append(f"{len(watch.outside)} requests left for {OUTSIDE}: {watch.outside[:2]}")
    if watch.alerts:
        problems.append(f"script from participant text ran: {watch.alerts}")
    assert problems == [], "\n".join(problems)


def _restitution(page: Any, base: str, url: str, problems: list[str]) -> None:
    with write_session(url) as s:
        code = s.scalar(select(Diagnostic.restitution_code).where(Diagnostic.is_demo))
    page.goto(f"{base}/restitution?r={code}")
    settle(page)
    counter = page.get_by_text(" / ", exact=False).first
    counter.wait_for(timeout=TIMEOUT)
    total = int(counter.inner_text().split("/")[1])
    seen = ""
    for number in range(1, total + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.get_by_text(f"{number} / {total}").first.wait_for(timeout=TIMEOUT)
        _check(page, f"restitution {number}", shows_text=False, problems=problems)
        seen += _text_of(page)
    if f"Synthèse {HOSTILE}" not in seen and LITERAL not in seen:
        problems.append("restitution: the table's synthesis is not shown literally")
