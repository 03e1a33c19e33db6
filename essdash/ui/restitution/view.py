"""The public, read-only restitution: enter the code (or come with `?r=CODE`), step through slides.

Nothing on this page writes to the database: the only widgets are the code field and the
navigation buttons (← → keys), whose state lives in this session only.
"""

from __future__ import annotations

import io
from typing import assert_never

import streamlit as st
import vl_convert as vlc
from PIL import Image

from essdash.db import read_session
from essdash.readmodel.slides import (
    BarsSlide,
    FiguresSlide,
    MapSlide,
    PlanSlide,
    PrioritiesSlide,
    QuestionSlide,
    Restitution,
    Slide,
    TableSlide,
    TitleSlide,
)
from essdash.restitution import charts
from essdash.restitution.sequence import build_restitution, diagnostic_by_code
from essdash.ui import safe, state
from essdash.ui.restitution import html

UNKNOWN_CODE = (
    "Code de restitution inconnu : vérifiez le lien ou le code transmis par l'équipe d'animation."
)


@st.cache_data(ttl=10, max_entries=32, show_spinner=False)
def load(code: str) -> Restitution | None:
    """The slides of the diagnostic holding this code (shared by every viewer for 10 s)."""
    with read_session() as session:
        diagnostic = diagnostic_by_code(session, code)
        return None if diagnostic is None else build_restitution(session, diagnostic)


@st.cache_data(max_entries=64, show_spinner=False)
def _png(spec: str) -> tuple[bytes, int]:
    """A chart drawn offline at twice its size (sharp on a projector) and its display width."""
    data = vlc.vegalite_to_png(spec, scale=2)
    with Image.open(io.BytesIO(data)) as image:
        return data, image.width // 2


def _chart(chart, alt: str, target=None) -> None:  # type: ignore[no-untyped-def]
    """Same rendering as the PDF document: a PNG image, identical on every screen; `alt` says
    what it shows (the figures themselves are in the slide's text)."""
    if chart is None:
        return
    data, width = _png(chart.to_json())
    (target or st).image(data, width=width, alt=alt)


def chrome() -> str:
    """Full screen (no sidebar) once a code is given."""
    return "projection" if state.restitution_code() else "normal"


def render() -> None:
    code = state.restitution_code()
    if not code:
        _ask_code()
        return
    restitution = load(code.strip())
    if restitution is None:
        st.title("Restitution")
        st.error(UNKNOWN_CODE)
        _ask_code()
        return
    st.html(html.CSS)
    _show(restitution)


def _ask_code() -> None:
    st.caption("Élu·es et technicien·nes : la restitution du diagnostic, en lecture seule.")
    with st.form("restitution_code_form", border=True):
        code = st.text_input("Code de restitution", key="restitution_code_input", max_chars=64)
        if st.form_submit_button("Ouvrir la restitution", type="primary") and code.strip():
            state.set_restitution_code(code.strip())
            st.rerun()


def _index(total: int) -> int:
    return max(0, min(total - 1, state.slide_index()))


def _go(delta: int, total: int) -> None:
    state.set_slide_index(max(0, min(total - 1, _index(total) + delta)))


def _show(restitution: Restitution) -> None:
    total = len(restitution.slides)
    with st.container(horizontal=True, vertical_alignment="center", key="rs_nav"):
        st.caption(restitution.title, width="stretch")
        st.button(
            "Précédent",
            icon=":material/arrow_back:",
            shortcut="Left",
            key="rs_prev",
            on_click=_go,
            args=(-1, total),
            disabled=_index(total) == 0,
        )
        st.markdown(f"**{_index(total) + 1} / {total}**", width="content")
        st.button(
            "Suivant",
            icon=":material/arrow_forward:",
            shortcut="Right",
            key="rs_next",
            type="primary",
            on_click=_go,
            args=(1, total),
            disabled=_index(total) == total - 1,
        )
    _slide(restitution.slides[_index(total)], _index(total) + 1)


def _slide(slide: Slide, number: int) -> None:
    """Every kind of slide has its case: mypy refuses a new one left out (`assert_never`)."""
    match slide:
        case TitleSlide():
            st.html(html.title_html(slide))
        case FiguresSlide():
            _figures(slide)
        case MapSlide():
            _map(slide)
        case QuestionSlide():
            _question(slide)
        case PrioritiesSlide():
            _priorities(slide)
        case PlanSlide():
            st.html(html.heading_html("Suite", slide.title) + html.plan_html(slide))
        case TableSlide():
            st.html(html.heading_html(slide.subtitle, slide.title) + html.table_html(slide))
        case BarsSlide():
            _bars(slide)
        case _:
            assert_never(slide)


def _bars(slide: BarsSlide) -> None:
    st.html(html.heading_html(slide.subtitle, slide.title))
    chart = charts.bars_chart(slide)
    if chart is not None:
        _chart(chart, f"Graphique : {slide.title}")
    else:
        st.info("Rien à montrer pour l'instant.")
    if slide.note:
        st.caption(slide.note)


def _figures(slide: FiguresSlide) -> None:
    st.html(html.heading_html(slide.territory, slide.title))
    left, right = st.columns([1.5, 1], gap="large")
    with left:
        st.html(html.figures_html(slide))
    chart = charts.shares_chart(slide, width=300, height=440)
    if chart is not None:
        _chart(chart, f"Graphique : part de l'ESS, {slide.territory} et comparaisons", right)
    elif slide.shares:
        right.caption("Aucun établissement de l'ESS dans les données Sirene importées.")


def _map(slide: MapSlide) -> None:
    st.html(html.heading_html("Carte", slide.title))
    left, right = st.columns([2.6, 1], gap="large")
    chart = charts.map_chart(slide, width=1080, height=680)
    if chart is not None:
        _chart(chart, f"Carte : {slide.title}", left)
    else:
        left.info("Aucun contour de commune n'est chargé pour ce territoire.")
    with right:
        st.html(html.map_legend_html(slide))


def _question(slide: QuestionSlide) -> None:
    st.html(html.heading_html("World café", slide.title))
    left, right = st.columns([1.4, 1], gap="large")
    with left:
        st.html(html.question_html(slide))
    with right:
        st.html(
            f'<div class="rs-big">{slide.contributions}</div>'
            f'<div class="rs-note">contribution{"s" if slide.contributions > 1 else ""}</div>'
        )
        chart = charts.themes_chart(slide.themes, width=420, font_size=20)
        if chart is not None:
            st.html('<div class="rs-kicker" style="margin-top:1.5rem">Thèmes principaux</div>')
            _chart(chart, charts.themes_alt(slide.themes))


def _priorities(slide: PrioritiesSlide) -> None:
    st.html(html.heading_html("Vote", slide.title) + html.priorities_html(slide))
    chart = charts.priorities_chart(slide) if slide.ballots else None
    if chart is not None:
        _chart(chart, charts.priorities_alt(slide))
    elif slide.rows:  # an empty chart would rank every priority first
        titles = " · ".join(row.title for row in slide.rows)
        safe.text_block(f"Aucun bulletin. Priorités soumises au vote : {titles}", size="1.6rem")
    else:
        st.info("Aucune priorité dans ce vote.")
