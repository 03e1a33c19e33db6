"""Projection (1920×1080, read from the back of the room): join QR and code, step and countdown,
participant count, live map — a fragment ticking every second over shared cached reads."""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from essdash import formatting
from essdash.db import read_session
from essdash.readmodel.contract import ProjectionView
from essdash.ui import state
from essdash.ui.identity import Identity
from essdash.ui.workshop import links, live, map_layers
from essdash.ui.workshop.live import WorkshopInfo
from essdash.ui.workshop.picker import pick_workshop
from essdash.workshop import console
from essdash.workshop.activities import registry
from essdash.workshop.projection_link import projection_key, workshop_from_link

PROJECTION_MAP_KEY = "projection_map"
_CSS = """<style>
/* The projected views redraw every half second: no fading of "stale" elements during a run
   (a flicker from the back of the room, and faded text fails the contrast check). */
.stElementContainer,[data-stale="true"]{opacity:1!important;transition:none!important}
.pj-step{font-size:2.1rem;font-weight:700;line-height:1.15;color:#1E1E28}
.pj-next{font-size:1.2rem;color:#444}
.pj-time{font-size:6.5rem;font-weight:800;font-variant-numeric:tabular-nums;line-height:1;
  color:#1E1E28;letter-spacing:-0.02em}
.pj-time.over{color:#B00020}.pj-time.paused{color:#6B6B76}
.pj-code{font-size:4rem;font-weight:800;letter-spacing:0.08em;color:#B5123E;line-height:1.1}
.pj-url{font-size:1.2rem;color:#1E1E28;overflow-wrap:anywhere}
.pj-count{font-size:4.5rem;font-weight:800;line-height:1;color:#1E1E28}
.pj-label{font-size:1.2rem;color:#444;text-transform:uppercase;letter-spacing:0.06em}
</style>"""


def views() -> dict[str, ProjectionView]:
    """The projection's views, key -> view, as the registered activities declare them (the
    first is the default: the mapping's welcome screen with the live map)."""
    return {v.key: v for a in registry.activities() for v in a.projection}


def _renderer(view: ProjectionView) -> Callable[[int, Any], None]:
    module, _, name = view.render.partition(":")
    render: Callable[[int, Any], None] = getattr(importlib.import_module(module), name)
    return render


# The projected surface fills the screen: the controls under it stay off the projector until
# the facilitator scrolls down to them.
SURFACE_CSS = """<style>
.st-key-pj_surface{min-height:calc(100vh - 1.5rem)}
.st-key-pj_settings{opacity:.55}.st-key-pj_settings:hover{opacity:1}
</style>"""


def render(who: Identity) -> None:
    """Facilitators pick the workshop; a projection link (`?w=&k=`) opens its own workshop only.
    The chosen view is kept in the URL (`?v=`): a reload keeps it."""
    info = _projected_workshop(who)
    if info is None:
        return
    st.html(SURFACE_CSS)
    surface = st.container(key="pj_surface")
    settings = st.container(key="pj_settings")
    with settings, st.expander("Réglages de la projection", expanded=False):
        if who.role == "facilitator":
            info = pick_workshop(key="projection_workshop") or info
        requested = st.query_params.get("v")
        available = views()
        first = next(iter(available))
        view = (
            st.segmented_control(
                "Vue",
                list(available),
                default=requested if requested in available else first,
                format_func=lambda v: available[v].title,
                key="projection_view",
            )
            or first
        )
        if st.query_params.get("v") != view:
            st.query_params["v"] = view
        if who.role == "facilitator":
            st.caption(
                "Lien de projection pour un autre écran (lecture seule, sans mot de passe) :"
            )
            st.code(projection_url(info.id), language=None, wrap_lines=True)
            st.page_link(
                "app_pages/console.py", label="Retour à la console", icon=":material/timer:"
            )
        board_settings = st.container()
    with surface:
        _renderer(available[view])(info.id, board_settings)


def welcome_view(workshop_id: int, settings: Any = None) -> None:
    """The mapping's view: join code and QR, step and countdown, count, the live map."""
    info = live.workshop_info(workshop_id)
    if info is None:
        return
    st.html(_CSS)
    _live(info.id, info.join_code, info.title)
    _map(info.id)


def projection_url(workshop_id: int) -> str:
    query = urlencode({"w": workshop_id, "k": projection_key(workshop_id)})
    return f"{links.base_url()}/projection?{query}"


def _projected_workshop(who: Identity) -> WorkshopInfo | None:
    if who.role == "facilitator":
        workshop_id = state.selected_workshop_id() or _first_workshop_id()
        if workshop_id is None:
            st.info("Aucun atelier : créez-en un dans « Ateliers et déroulé ».")
            return None
        state.set_selected_workshop_id(workshop_id)
        return live.workshop_info(workshop_id)
    workshop_id = workshop_from_link(st.query_params.get("w", ""), st.query_params.get("k", ""))
    info = live.workshop_info(workshop_id) if workshop_id is not None else None
    if info is not None:
        return info
    st.title("Projection")
    st.error(
        "Lien de projection invalide ou incomplet : ouvrez la projection depuis la console "
        "d'animation, ou demandez le lien de projection à l'équipe d'animation."
    )
    return None


def _first_workshop_id() -> int | None:
    """The workshop projected when none was picked: an open one first (no picker on screen)."""
    with read_session() as s:
        workshops = console.workshops_of(s)
        ordered = sorted(workshops, key=lambda w: (w.status != "open", w.status == "archived"))
        return ordered[0].id if ordered else None


@st.fragment(run_every=live.PROJECTION_TICK_S)
def _live(workshop_id: int, code: str, title: str) -> None:
    left, middle, right = st.columns([5, 2, 5], gap="large", vertical_alignment="center")
    with left:
        _step(workshop_id)
    with middle:
        count = live.participant_count(workshop_id)
        st.html(
            f'<div class="pj-label">Participant·es</div><div class="pj-count" '
            f'data-testid="pj-count">{formatting.fmt_int(count)}</div>'
        )
    with right:
        qr, text = st.columns([2, 3], vertical_alignment="center")
        qr.image(
            links.qr_png(links.join_url(code), scale=6),
            width="stretch",
            alt="QR code pour rejoindre l'atelier",
        )
        text.html(
            f'<div class="pj-label">Rejoindre</div><div class="pj-code">{html.escape(code)}</div>'
            f'<div class="pj-url">{html.escape(links.base_url())}<wbr>/rejoindre</div>'
        )


def _step(workshop_id: int) -> None:
    view = live.timer_view(workshop_id)
    if view.step_title is None:
        st.html('<div class="pj-step">L\'atelier va commencer</div>')
        return
    pause = " (pause)" if view.state == "paused" else ""
    nxt = f"Ensuite : {html.escape(view.next_title)}" if view.next_title else "Dernière étape"
    st.html(
        f'<div class="pj-next">Étape {view.step_position}/{view.step_count}{pause}</div>'
        f'<div class="pj-step">{html.escape(view.step_title)}</div>'
        f"{_time_html(view.remaining_s, paused=view.state == 'paused')}"
        f'<div class="pj-next">{nxt}</div>'
    )


def _time_html(remaining_s: float | None, *, paused: bool) -> str:
    """The big countdown; nothing for an untimed step; '0:00' and the overrun once time is up."""
    if remaining_s is None:
        return ""
    if remaining_s <= 0:
        over = formatting.fmt_duration(-remaining_s)
        return (
            '<div class="pj-time over" data-testid="pj-time">0:00</div>'
            f'<div class="pj-next" data-testid="pj-overrun">Temps écoulé depuis {over}</div>'
        )
    css = "paused" if paused else ""
    text = formatting.fmt_duration(remaining_s)
    return f'<div class="pj-time {css}" data-testid="pj-time">{text}</div>'


@st.fragment(run_every=live.PROJECTION_TICK_S)
def _map(workshop_id: int) -> None:
    from streamlit_folium import st_folium

    items = live.features(workshop_id)
    fmap = map_layers.base_map(live.communes(workshop_id), items, big=True)
    st_folium(
        fmap,
        key=PROJECTION_MAP_KEY,
        height=660,
        use_container_width=True,
        feature_group_to_add=map_layers.features_group(items, big=True, site_labels=True),
        returned_objects=[],
    )
    sites = sum(1 for f in items if f.kind == "site")
    zones = len(items) - sites
    legend, counts = st.columns([4, 1])
    with legend:
        map_layers.legend(big=True)
    counts.html(
        f'<div class="pj-next" data-testid="pj-features">'
        f"{formatting.fmt_count(sites, 'site', 'sites')} · "
        f"{formatting.fmt_count(zones, 'zone', 'zones')}</div>"
    )
