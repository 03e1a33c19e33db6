"""essdash entry point: the role gate and the navigation (pages live in app_pages/)."""

import streamlit as st

from essdash.ui import identity, navigation, sidebar
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
current = st.navigation(pages, position="sidebar", expanded=True)
sidebar.render(who)
current.run()
