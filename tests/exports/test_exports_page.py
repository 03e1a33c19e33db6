"""AppTest of the facilitator's export page (the file bytes themselves are tested elsewhere)."""

from __future__ import annotations

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


def test_exports_page_is_closed_to_the_public(db_url: str) -> None:
    seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    try:
        at.switch_page("app_pages/exports.py").run()
    except ValueError:
        return  # not even registered for the public
    assert not at.get("download_button")
