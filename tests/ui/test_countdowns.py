"""Countdowns never go negative, and an untimed step shows no giant dash on the projection."""

from __future__ import annotations

from essdash.formatting import fmt_count, fmt_time_left
from essdash.ui.workshop.projection import _time_html


def test_time_left_reads_as_words_once_time_is_up() -> None:
    assert fmt_time_left(190) == "reste 3:10"
    assert fmt_time_left(0) == "temps écoulé"
    assert fmt_time_left(-20) == "temps écoulé"  # before: "reste -0:20"
    assert fmt_time_left(None) == ""


def test_the_projected_clock_stops_at_zero_and_says_how_long_ago() -> None:
    over = _time_html(-20, paused=False)
    assert ">0:00<" in over and "Temps écoulé depuis 0:20" in over and "-0:20" not in over
    assert ">14:05<" in _time_html(845, paused=False)


def test_an_untimed_step_shows_no_countdown() -> None:
    assert _time_html(None, paused=False) == ""  # before: a giant "—"


def test_counts_agree_in_french() -> None:
    assert [fmt_count(n, "site", "sites") for n in (0, 1, 2)] == ["0 site", "1 site", "2 sites"]
