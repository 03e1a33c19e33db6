"""The restitution document: a landscape PDF that follows the plenary sequence, one page per slide.

PDF rather than PPTX: it opens identically everywhere (élus read it on a phone or print it),
needs no extra dependency (fpdf2 is already used), and cannot be edited by mistake. Charts and
maps are the same Altair charts as on screen, rendered offline to PNG by vl-convert.
Text uses the DejaVu fonts (Debian package fonts-dejavu-core) for accents and French typography;
without them the document falls back to Helvetica and replaces characters Latin-1 lacks.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import vl_convert as vlc
from fpdf import FPDF
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.exports.document_pages import SlidePainter
from essdash.formatting import fmt_date
from essdash.models import Diagnostic
from essdash.restitution.sequence import build_restitution

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"


class RestitutionPdf(FPDF):
    """A4 landscape with a discreet footer (diagnostic name, page n / N)."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.doc_title = title
        self.font_name = _register_fonts(self)
        self.set_auto_page_break(auto=True, margin=14)
        self.set_title(title)
        self.set_creator("essdash")
        self.alias_nb_pages()

    def clean(self, text: str) -> str:
        """Text as the current font can draw it (Latin-1 only with the fallback font)."""
        if self.font_name == FONT:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-10)
        self.set_font(self.font_name, size=8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 5, self.clean(self.doc_title), align="L")
        self.set_x(-40)
        self.cell(30, 5, f"{self.page_no()} / {{nb}}", align="R")


def _register_fonts(pdf: FPDF) -> str:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font(FONT, "", str(regular))
        pdf.add_font(FONT, "B", str(bold))
        return FONT
    return "Helvetica"


def chart_png(chart: Any, scale: float = 2.0) -> io.BytesIO | None:
    """An Altair chart as PNG bytes (offline, no browser)."""
    if chart is None:
        return None
    return io.BytesIO(vlc.vegalite_to_png(chart.to_json(), scale=scale))


def restitution_pdf(
    session: Session, *, diagnostic_id: int, issued_on: datetime | None = None
) -> bytes:
    """The PDF of a diagnostic's restitution (no personal data: built from the slides)."""
    diagnostic = session.get(Diagnostic, diagnostic_id)
    if diagnostic is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    restitution = build_restitution(session, diagnostic)
    pdf = RestitutionPdf(restitution.title)
    if diagnostic.issuer:
        pdf.set_author(diagnostic.issuer)
    painter = SlidePainter(pdf, chart_png)
    for index, slide in enumerate(restitution.slides):
        painter.paint(slide)
        if index == 0:
            painter.credits(cover_credits(diagnostic.issuer, issued_on or datetime.now(UTC)))
    return bytes(pdf.output())


def cover_credits(issuer: str | None, issued_on: datetime) -> str:
    """« Document établi par CRESS … le 23/11/2026 » (Paris date), for the cover."""
    by = f" par {issuer}" if issuer else ""
    return f"Document établi{by} le {fmt_date(issued_on)}"
