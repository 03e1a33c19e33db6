"""The shared accessibility setup reaches every page, in a form that st.html keeps."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from essdash.config import ROOT
from essdash.ui.page_setup import A11Y_SCRIPT, A11Y_STYLE


def test_script_survives_dompurify() -> None:
    # DOMPurify (st.html) drops a script whose text holds "<" then a letter, "/" or "!": the
    # first version of static/a11y.js vanished that way because of a comment naming tags.
    assert not re.search(r"<[/\w!]", A11Y_SCRIPT.read_text(encoding="utf-8"))


def test_every_page_run_carries_the_script_and_the_style(db_url: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    bodies = {h.proto.body: h.proto.unsafe_allow_javascript for h in at.get("html")}
    script = next(allowed for body, allowed in bodies.items() if "documentElement.lang" in body)
    assert script, "the accessibility script must be allowed to run"
    css = A11Y_STYLE.read_text(encoding="utf-8")
    assert any(css in body for body in bodies)
