"""Under the action plan: overdue actions, progress over time, owners' links, a dated update."""

from __future__ import annotations

from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from essdash import formatting, labels
from essdash.db import read_session
from essdash.followup import plan
from essdash.followup.plan import ActionView, UpdateView
from essdash.ui.followup.common import plain
from essdash.ui.workshop import actions, links

FORM = "plan_update"
# Okabe-Ito: distinct for colour-blind readers, one colour per action
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"]


def owner_url(action_id: int, key: str) -> str:
    return f"{links.base_url()}/avancement?{urlencode({'a': action_id, 'k': key})}"


def progress_chart(updates: tuple[UpdateView, ...]) -> alt.Chart | None:
    """Progress of each action over time, one line per action (steps at each dated update)."""
    if not updates:
        return None
    frame = pd.DataFrame(
        [
            {
                "Action": u.action_title,
                "Date": formatting.paris_wall_time(u.posted_at),
                "Avancement": u.progress,
            }
            for u in updates
        ]
    )
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("Date:T", title=None, axis=alt.Axis(format="%d/%m/%Y")),
            y=alt.Y("Avancement:Q", title="Avancement (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Action:N", legend=alt.Legend(orient="bottom", columns=2,
                                                          labelLimit=400)),
            tooltip=["Action", alt.Tooltip("Date:T", format="%d/%m/%Y %H:%M"), "Avancement"],
        )
        .properties(height=320)
    )  # fmt: skip
    return chart


def overdue_frame(views: tuple[ActionView, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Action": v.title,
                "Porteur": v.owner,
                "Échéance": formatting.fmt_date(v.deadline),
                "Avancement": f"{v.progress} %",
                "Dernière nouvelle": formatting.fmt_datetime(v.last_update),
            }
            for v in views
            if v.overdue
        ],
        columns=["Action", "Porteur", "Échéance", "Avancement", "Dernière nouvelle"],
    )


def render(diagnostic_id: int) -> None:
    with read_session() as s:
        views = plan.plan_view(s, diagnostic_id=diagnostic_id)
        updates = plan.history(s, diagnostic_id=diagnostic_id)
        salts = plan.owner_salts(s, diagnostic_id=diagnostic_id)
    if not views:
        return
    late, chart, owners, update = st.tabs(
        ["En retard", "Avancement dans le temps", "Liens des porteurs", "Donner des nouvelles"]
    )
    with late:
        frame = overdue_frame(views)
        if frame.empty:
            st.success("Aucune action en retard.")
        else:
            st.dataframe(frame, hide_index=True, width="stretch")
    with chart:
        drawn = progress_chart(updates)
        if drawn is None:
            st.info("Aucune mise à jour datée pour l'instant.")
        else:
            st.altair_chart(drawn, width="stretch")
    with owners:
        _owner_links(views, salts)
    with update:
        _update_form(views)


def _owner_links(views: tuple[ActionView, ...], salts: dict[int, str | None]) -> None:
    st.caption(
        "Chaque porteur reçoit un lien personnel (sans mot de passe) pour donner l'avancement de "
        "son action depuis son téléphone. Renouveler le lien désactive l'ancien."
    )
    for v in views:
        key = plan.current_owner_key(v.id, salts.get(v.id))
        st.markdown(f"**{plain(v.title)}** — {plain(v.owner or 'porteur non renseigné')}")
        if key:
            st.code(owner_url(v.id, key), language=None, wrap_lines=True)
        label = "Renouveler le lien" if key else "Créer le lien du porteur"
        if st.button(label, key=f"owner_link_{v.id}"):
            _give_link(v.id, renew=bool(key))


def _give_link(action_id: int, *, renew: bool) -> None:
    def give(session: Session) -> str:
        return plan.owner_link_key(session, action_id=action_id, renew=renew)

    actions.perform(give, success="Lien du porteur prêt.")


def _update_form(views: tuple[ActionView, ...]) -> None:
    titles = {v.id: v.title for v in views}
    f = lambda name: actions.field(FORM, name)  # noqa: E731
    with st.form("plan_update_form"):
        aid = st.selectbox("Action", list(titles), format_func=titles.__getitem__, key=f("a"))
        progress = st.slider("Avancement (%)", 0, 100, step=5, key=f("p"))
        status = st.selectbox(
            "Statut", list(labels.ACTION_STATUSES), index=1,
            format_func=labels.ACTION_STATUSES.__getitem__, key=f("s"),
        )  # fmt: skip
        note = st.text_area("Commentaire", max_chars=plan.MAX_NOTE, key=f("n"))
        if st.form_submit_button("Enregistrer l'avancement", type="primary"):
            actions.perform(
                lambda s: plan.post_update(
                    s, action_id=aid, progress=progress, status=status, note=note,
                    request_id=actions.form_request_id(FORM),
                ),
                form=FORM, success="Avancement enregistré.",
            )  # fmt: skip
