"""ASGI entry point: `streamlit run server.py` serves app.py plus the facilitator sign-in routes.

The routes set and clear the facilitator's signed HttpOnly cookie (see essdash/auth/).
"""

import streamlit as st

from essdash.ui.signin_routes import routes

app = st.App("app.py", routes=routes())
