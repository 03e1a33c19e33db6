"""Facilitator sign-in on the pages: the HTML form posting to the sign-in route, its answers, and
the French refusal shown at a facilitator page's address to whoever is not signed in."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from essdash import config
from essdash.ui import identity
from essdash.ui.navigation import PageSpec
from essdash.ui.password import configured_password
from essdash.ui.signin_routes import DEFAULT_NEXT, LOGIN_PATH, LOGOUT_PATH, safe_next
from essdash.ui.state import Role

_FORM_CSS = """<style>
.ess-login{display:flex;flex-direction:column;gap:.5rem;max-width:22rem;margin:.5rem 0 1rem}
.ess-login label{font-size:.9rem}
.ess-login input{font:inherit;padding:.55rem .7rem;border:1px solid #8A8A96;border-radius:.5rem}
.ess-login button,.ess-logout button{font:inherit;cursor:pointer;border-radius:.5rem;
  padding:.5rem 1rem;border:1px solid #B5123E}
.ess-login button{background:#B5123E;color:#fff;font-weight:600;align-self:flex-start}
.ess-logout button{background:#fff;color:#1E1E28;border-color:#8A8A96}
</style>"""

_MESSAGES = {
    "refus": "Mot de passe incorrect.",
    "indisponible": "Aucun mot de passe d'animation n'est configuré.",
}


def render() -> None:
    """The « Animer » page: the sign-in form (a signed-in facilitator goes straight on)."""
    next_page = safe_next(st.query_params.get("suite") or DEFAULT_NEXT)
    if identity.current().role == "facilitator":
        st.switch_page(f"app_pages/{next_page}.py")
    if configured_password() is None:
        st.error(
            "Aucun mot de passe d'animation n'est configuré : définissez `facilitator_password` "
            "dans `.streamlit/secrets.toml` ou la variable `ESSDASH_FACILITATOR_PASSWORD`."
        )
        return
    if config.mode() == "demo":
        st.info(f"Démonstration : le mot de passe est « {config.DEMO_FACILITATOR_PASSWORD} ».")
    login_form(next_page, form_page="animer")


def login_form(next_page: str, *, form_page: str) -> None:
    """The answer to the last attempt, then the form (a real POST: the password stays out of
    the Streamlit session and the browser may remember it)."""
    answer = st.query_params.get("connexion")
    if answer == "attente":
        wait = st.query_params.get("attente", "")
        seconds = wait if wait.isdecimal() and len(wait) < 6 else "quelques"
        st.error(f"Trop de tentatives : réessayez dans {seconds} secondes.")
    elif answer in _MESSAGES:
        st.error(_MESSAGES[answer])
    st.html(
        _FORM_CSS + f'<form class="ess-login" method="post" action="{LOGIN_PATH}">'
        '<label for="ess-password">Mot de passe</label>'
        '<input id="ess-password" name="password" type="password" required '
        'autocomplete="current-password">'
        f'<input type="hidden" name="next" value="{html.escape(next_page)}">'
        f'<input type="hidden" name="from" value="{html.escape(form_page)}">'
        '<button type="submit">Entrer</button></form>'
    )


def logout_form() -> None:
    st.html(
        _FORM_CSS + f'<form class="ess-logout" method="post" action="{LOGOUT_PATH}">'
        '<button type="submit">Se déconnecter</button></form>'
    )


def refusal_page(spec: PageSpec, role: Role) -> Callable[[], None]:
    """What a page's address shows to a role that does not have that page: a French message and,
    for a facilitator page, the sign-in form that opens it."""

    def refused() -> None:
        st.title(spec.title)
        if "facilitator" in spec.roles:
            st.warning(
                "Cette page est réservée à l'équipe d'animation : connectez-vous pour l'ouvrir."
            )
            if configured_password() is not None:
                login_form(spec.file, form_page=spec.file)
        else:
            st.warning(
                "Cette page est réservée aux participant·es d'un atelier : "
                "rejoignez l'atelier avec son code."
            )
            if role == "public":
                st.page_link(
                    "app_pages/rejoindre.py", label="Rejoindre un atelier", icon=":material/login:"
                )
        st.page_link("app_pages/accueil.py", label="Retour à l'accueil", icon=":material/home:")

    refused.__name__ = f"refused_{spec.file}"
    return refused


def not_found_page() -> None:
    """What an address that is no page of the app shows (instead of Streamlit's English
    "Page not found"): a French message and the way home. The address is not echoed."""
    st.title("Page introuvable")
    st.warning(
        "Cette adresse ne correspond à aucune page d'essdash : vérifiez le lien, "
        "ou repartez de l'accueil."
    )
    st.page_link("app_pages/accueil.py", label="Retour à l'accueil", icon=":material/home:")
