"""essdash entry point: the role gate and the navigation (pages live in app_pages/).

Served by `streamlit run server.py`, which adds the facilitator sign-in routes (st.App).
"""

import streamlit as st

from essdash.ui import identity, login, navigation, sidebar
from essdash.ui.page_setup import setup_page

st.set_page_config(page_title="essdash — diagnostic partagé de l'ESS", page_icon="🗺️", layout="wide")
setup_page()

who = identity.remember(identity.resolve())
sections = navigation.pages_for(who.role)
pages = {
    section: [
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            default=spec.default,
            url_path=spec.file,
            visibility="hidden" if who.role in spec.hidden_for else "visible",
        )
        for spec in specs
    ]
    for section, specs in sections.items()
}
# Every other page's address answers in French (a facilitator page: with the sign-in form),
# instead of Streamlit's "Page not found".
pages.setdefault("", []).extend(
    st.Page(login.refusal_page(spec, who.role), title=spec.title, url_path=spec.file,
            visibility="hidden")
    for spec in navigation.other_pages(who.role)
)  # fmt: skip
# An address that is no page at all (`/nimporte`): a French page there, not Streamlit's dialog.
unknown = navigation.unknown_address()
if unknown:
    pages[""].append(
        st.Page(login.not_found_page, title="Page introuvable", url_path=unknown,
                visibility="hidden")
    )  # fmt: skip
current = st.navigation(pages, position="sidebar", expanded=True)
sidebar.render(who)
current.run()
