"""AppTest of the facilitator's export page (the file bytes themselves are tested elsewhere)."""

from __future__ import annotations

import pytest
import streamlit as st
from restitution_data import seed_restitution_case
from streamlit.testing.v1 import AppTest

from essdash.config import ROOT


def test_exports_page_offers_every_download_and_the_link(db_url: str) -> None:
    seeded = seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/exports.py").run()
    assert not at.exception
    keys = {d.proto.id.rsplit("-", 1)[-1] for d in at.get("download_button")}
    expected = {"dl_xlsx_workshop", "dl_xlsx_diag", "dl_sites_geojson", "dl_zones_geojson"}
    assert expected | {"dl_sites_csv", "dl_zones_csv", "dl_pdf"} <= keys
    assert any(seeded.restitution_code in c.value for c in at.code)
    labels = {d.label for d in at.get("download_button")}  # "GeoJSON", never "GEOJSON"
    assert {"Sites (GeoJSON)", "Zones (GeoJSON)", "Sites (CSV)", "Zones (CSV)"} <= labels


def test_exports_page_is_closed_to_the_public(db_url: str) -> None:
    seeded = seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    with pytest.raises(ValueError):  # not in a visitor's navigation at all
        at.switch_page("app_pages/exports.py")
    # Reached anyway (a deep link, a navigation mistake): the page's own gate shows no file,
    # no restitution code, and says why in French. (Run alone, outside app.py's navigation, the
    # gate's "Retour à l'accueil" link cannot resolve: that is the only exception allowed.)
    shown = st.get_option("client.showErrorDetails")
    st.set_option("client.showErrorDetails", "full")  # the messages themselves, not redacted
    try:
        page = AppTest.from_file(str(ROOT / "app_pages" / "exports.py"), default_timeout=60).run()
    finally:
        st.set_option("client.showErrorDetails", shown)
    assert all("app_pages/accueil.py" in e.message for e in page.exception), page.exception
    assert not page.get("download_button")
    assert not any(seeded.restitution_code in c.value for c in page.code)
    assert any("Accès réservé" in e.value for e in page.error)
