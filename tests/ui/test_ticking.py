"""The browser-side countdown: the server's text is right before any script runs, and the end
time the browser counts down to is now + the time left."""

from __future__ import annotations

import re

from essdash.ui.ticking import _TICK_JS, ATTRIBUTE, countdown_html


def test_the_countdown_span_carries_its_end_and_the_right_text() -> None:
    span = countdown_html(190.4, now=1_000.0)
    assert f'{ATTRIBUTE}="1190.4"' in span
    assert re.search(r">reste 3:10<", span)
    assert ">temps écoulé<" in countdown_html(-20, now=1_000.0)  # never « reste -0:20 »


def test_the_script_reads_the_same_attribute() -> None:
    assert f"[{ATTRIBUTE}]" in _TICK_JS and f'getAttribute("{ATTRIBUTE}")' in _TICK_JS
