"""In Chromium, through HAProxy in front of 2 Streamlit processes on PostgreSQL: an upload and
a download stay on the process of their session, and a phone whose process is killed is back
on the other one, with its identity (the `?p=` token), within 5 s."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bench.server import prepare_workshop
from essdash.models import Contribution, Participant, Workshop
from essdash.workshop.activities.worldcafe import service as cafe
from tests.e2e.helpers import login_facilitator, phone_context, projector_context, settle
from tests.multi.stack import MultiStack, chromium, multi_stack

__all__ = ["chromium", "multi_stack"]  # fixtures, imported for pytest
pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.e2e]
TIMEOUT_MS = 90_000


def _answers(page: Any, base: str) -> list[tuple[float, str]]:
    """(time, process) of every answer of the proxy to this page, filled as they come."""
    seen: list[tuple[float, str]] = []

    def note(response: Any) -> None:
        if response.url.startswith(base):
            seen.append((time.monotonic(), response.headers.get("x-essdash-server", "")))

    page.on("response", note)
    return seen


def _demo_participant(db_url: str) -> tuple[int, str, str]:
    """(id, token, name) of a DEMO participant, sat at table 1 of the open round."""
    prepare_workshop(db_url)
    engine = create_engine(db_url)
    try:
        with Session(engine) as s, s.begin():
            wid = s.scalars(select(Workshop.id).where(Workshop.join_code == "DEMO")).one()
            p = s.scalars(
                select(Participant).where(Participant.workshop_id == wid).order_by(Participant.id)
            ).first()
            assert p is not None
            cafe.choose_table(s, participant_id=p.id, table_no=1)
            return p.id, p.token, p.name
    finally:
        engine.dispose()


def _post_of(db_url: str, text: str) -> int | None:
    engine = create_engine(db_url)
    try:
        with Session(engine) as s:
            return s.scalar(select(Contribution.participant_id).where(Contribution.text == text))
    finally:
        engine.dispose()


def test_an_upload_and_a_download_go_through_the_proxy(
    chromium: tuple[Any, Any], multi_stack: MultiStack
) -> None:
    _playwright, browser = chromium
    context = projector_context(browser)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    answers = _answers(page, multi_stack.url)
    login_facilitator(page, multi_stack.url)
    page.goto(multi_stack.url + "/import_donnees")
    settle(page, TIMEOUT_MS)
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "zz_multi.csv", "mimeType": "text/csv", "buffer": b"zzcol;b\n1;2\n"}]
    )
    refusal = page.locator('[data-testid="stAlert"]', has_text="zz_multi.csv")
    refusal.wait_for()  # the process read the uploaded bytes: its first line, its name
    assert "ligne 1" in refusal.inner_text()
    page.goto(multi_stack.url + "/emargement")
    settle(page, TIMEOUT_MS)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger (.csv)").click()
    path = download.value.path()
    assert path is not None
    content = Path(path).read_text(encoding="utf-8-sig")
    _pid, _token, name = _demo_participant(multi_stack.db_url)
    assert name in content
    servers = {server for _t, server in answers}
    assert len(servers) == 1 and servers <= {"s1", "s2"}, servers  # one process all along
    context.close()


def test_a_phone_whose_process_dies_is_back_on_another_with_its_token(
    chromium: tuple[Any, Any], multi_stack: MultiStack
) -> None:
    playwright, browser = chromium
    pid, token, _name = _demo_participant(multi_stack.db_url)
    context = phone_context(playwright, browser)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    answers = _answers(page, multi_stack.url)
    page.goto(f"{multi_stack.url}/world_cafe?p={token}")
    settle(page, TIMEOUT_MS)
    page.get_by_label("Votre réponse").wait_for()
    first = answers[0][1]
    other = "s2" if first == "s1" else "s1"
    killed = multi_stack.member(first)["pid"]
    os.kill(killed, signal.SIGKILL)
    kill_time = time.monotonic()
    while not any(t > kill_time and s == other for t, s in answers):
        assert time.monotonic() - kill_time < 60, "the page never reached the other process"
        page.wait_for_timeout(100)
    back = min(t for t, s in answers if t > kill_time and s == other) - kill_time
    settle(page, TIMEOUT_MS)
    text = f"zq-retour-{int(kill_time)}"
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_role("button", name="Envoyer").click()
    deadline = time.monotonic() + 30
    while _post_of(multi_stack.db_url, text) is None and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert _post_of(multi_stack.db_url, text) == pid  # the same person, on the other process
    assert f"p={token}" in page.url
    assert back <= 5.0, f"back on {other} after {back:.1f} s"
    context.close()
    multi_stack.wait_member_up(first)  # restarted by the launcher, back in the pool
