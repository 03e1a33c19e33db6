"""Downloads at any time during the workshop: the workbook, the map layers, the PDF, the link.

Files are generated when the button is clicked (deferred `data=` callables), never on each rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import read_session
from essdash.exports import geo
from essdash.exports.document import restitution_pdf
from essdash.exports.workbook import workbook_bytes
from essdash.models import Diagnostic
from essdash.readmodel.scope import Scope, diagnostic_scope, workshop_scope_by_id
from essdash.ui.state import RESTITUTION_PARAM
from essdash.ui.workshop import links
from essdash.ui.workshop.picker import pick_workshop

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


LAYER_FORMATS = {"geojson": "GeoJSON", "csv": "CSV"}  # as the formats spell themselves


def _workbook(workshop_id: int | None, diagnostic_id: int) -> Callable[[], bytes]:
    def build() -> bytes:
        with read_session() as session:
            return workbook_bytes(session, _scope(session, workshop_id, diagnostic_id))

    return build


def _scope(session: Session, workshop_id: int | None, diagnostic_id: int) -> Scope:
    if workshop_id is None:
        return diagnostic_scope(session, diagnostic_id=diagnostic_id)
    return workshop_scope_by_id(session, workshop_id=workshop_id)


def _layer(workshop_id: int, diagnostic_id: int, layer: str, fmt: str) -> Callable[[], bytes]:
    def build() -> bytes:
        with read_session() as session:
            scope = _scope(session, workshop_id, diagnostic_id)
            maker = geo.geojson_bytes if fmt == "geojson" else geo.csv_bytes
            return maker(session, scope, layer=layer)

    return build


def _document(diagnostic_id: int) -> Callable[[], bytes]:
    def build() -> bytes:
        with read_session() as session:
            return restitution_pdf(session, diagnostic_id=diagnostic_id)

    return build


def restitution_url(code: str) -> str:
    return f"{links.base_url()}/restitution?{urlencode({RESTITUTION_PARAM: code})}"


def render() -> None:
    info = pick_workshop(key="exports_workshop")
    if info is None:
        return
    stem = f"atelier-{info.join_code.lower()}"
    st.subheader("Classeur Excel")
    st.caption(
        "Toutes les contributions, une feuille par type : émargement, structures, sites, zones, "
        "contributions, synthèses, bulletins, résultats, plan d'action, indicateurs. "
        "Téléchargeable à tout moment pendant l'atelier."
    )
    cols = st.columns(2)
    cols[0].download_button(
        "Classeur de l'atelier (.xlsx)",
        data=_workbook(info.id, info.diagnostic_id),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        icon=":material/table:",
        on_click="ignore",
        type="primary",
        key="dl_xlsx_workshop",
    )
    cols[1].download_button(
        "Classeur du diagnostic, tous ateliers (.xlsx)",
        data=_workbook(None, info.diagnostic_id),
        file_name=f"diagnostic-{info.diagnostic_id}.xlsx",
        mime=XLSX,
        icon=":material/table_view:",
        on_click="ignore",
        key="dl_xlsx_diag",
    )
    st.subheader("Couches cartographiques (QGIS, uMap)")
    st.caption("Sites et zones de chalandise en WGS 84 : GeoJSON, ou CSV avec une colonne WKT.")
    layer_cols = st.columns(4)
    for i, (layer, fmt) in enumerate(
        [("sites", "geojson"), ("zones", "geojson"), ("sites", "csv"), ("zones", "csv")]
    ):
        mime = "application/geo+json" if fmt == "geojson" else "text/csv"
        layer_cols[i].download_button(
            f"{layer.capitalize()} ({LAYER_FORMATS[fmt]})",
            data=_layer(info.id, info.diagnostic_id, layer, fmt),
            file_name=f"{stem}-{layer}.{fmt}",
            mime=mime,
            on_click="ignore",
            icon=":material/map:",
            key=f"dl_{layer}_{fmt}",
        )
    _restitution(info.diagnostic_id)


def _restitution(diagnostic_id: int) -> None:
    with read_session() as session:
        diagnostic = session.get(Diagnostic, diagnostic_id)
        code = diagnostic.restitution_code if diagnostic else ""
    st.subheader("Restitution")
    st.caption("Le lien en lecture seule à partager avec les élu·es et technicien·nes.")
    url = restitution_url(code)
    left, right = st.columns([3, 1])
    with left:
        st.code(url, language=None, wrap_lines=True)
        st.page_link(
            "app_pages/restitution.py",
            label="Ouvrir la restitution",
            icon=":material/slideshow:",
            query_params={RESTITUTION_PARAM: code},
        )
        st.download_button(
            "Document de restitution (.pdf)",
            data=_document(diagnostic_id),
            file_name=f"restitution-diagnostic-{diagnostic_id}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            key="dl_pdf",
        )
    right.image(
        links.qr_png(url, scale=5),
        caption="QR code du lien de restitution",
        alt="QR code du lien de restitution",
    )
