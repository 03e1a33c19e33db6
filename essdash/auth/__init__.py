"""Facilitator sign-in without Streamlit: the signed session cookie and the login throttle
(the HTTP routes that use them are in essdash/ui/signin_routes.py)."""
