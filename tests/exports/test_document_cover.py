"""The restitution PDF: a cover with its issuer and date, notes only when true, a readable chart."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vl_convert as vlc
from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.diagnostics import service
from essdash.exports.document import restitution_pdf
from essdash.models import Diagnostic
from essdash.restitution import charts, figures
from essdash.restitution.slides import CommuneArea

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def _text(data: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) absent")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.fixture
def demo(demo_db: str) -> int:
    with read_session() as s:
        return s.scalars(select(Diagnostic.id).where(Diagnostic.is_demo)).one()


def test_the_cover_names_the_issuer_and_the_paris_date(demo: int, tmp_path: Path) -> None:
    with write_session() as s:
        service.set_issuer(s, diagnostic_id=demo, issuer="  CRESS   Hauts-de-France ")
    late_evening = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already the 24th in Paris
    with read_session() as s:
        data = restitution_pdf(s, diagnostic_id=demo, issued_on=late_evening)
    cover = _text(data, tmp_path).split("\f")[0]
    assert "Document établi par CRESS Hauts-de-France le 24/11/2026" in " ".join(cover.split())


def test_without_issuer_the_cover_still_has_its_date(demo: int, tmp_path: Path) -> None:
    with write_session() as s:
        service.set_issuer(s, diagnostic_id=demo, issuer="")
    with read_session() as s:
        data = restitution_pdf(s, diagnostic_id=demo, issued_on=datetime(2027, 1, 5, tzinfo=UTC))
    assert "Document établi le 05/01/2027" in _text(data, tmp_path).split("\f")[0]


def test_no_secret_footnote_when_no_cell_is_secret(demo: int, tmp_path: Path) -> None:
    with read_session() as s:
        diagnostic = s.get(Diagnostic, demo)
        slide = figures.key_figures_slide(s, diagnostic).slide
        text = _text(restitution_pdf(s, diagnostic_id=demo), tmp_path)
    cells = [v for row in slide.rows for v in (row.value, *row.references)]
    assert cells and "s" not in cells
    assert "Établissements de l'ESS" in text
    assert "secret statistique" not in text


def _areas(*shares: float | None) -> list[CommuneArea]:
    return [
        CommuneArea(code=f"0000{i}", name=f"C{i}", geometry=SQUARE, share=share)
        for i, share in enumerate(shares)
    ]


def test_the_grey_caption_only_when_a_commune_is_grey() -> None:
    every_known = figures.ess_map_slide(_areas(None, None), {"00000": 0.2, "00001": 0.1}, None)
    assert "gris" not in every_known.note
    one_secret = figures.ess_map_slide(_areas(None, None), {"00000": 0.2, "00001": None}, None)
    assert "Communes en gris" in one_secret.note


def _svg_texts(svg: str) -> list[tuple[float, str, str]]:
    """(x, anchor, text) of every text of an SVG drawn by Vega."""
    found = []
    for tag, label in re.findall(r"<text([^>]*)>([^<]*)</text>", svg):
        x = re.search(r"translate\(([-\d.]+),", tag)
        anchor = re.search(r'text-anchor="(\w+)"', tag)
        found.append((float(x.group(1)) if x else 0.0, anchor.group(1) if anchor else "", label))
    return found


def test_the_chart_shows_whole_names_and_ticks_that_do_not_touch(demo: int) -> None:
    with read_session() as s:
        diagnostic = s.get(Diagnostic, demo)
        slide = figures.key_figures_slide(s, diagnostic).slide
    chart = charts.shares_chart(slide, width=760, height=220)  # the PDF's size
    texts = _svg_texts(vlc.vegalite_to_svg(chart.to_json()))
    labels = [t for _, _, t in texts]
    assert slide.territory in labels and len(slide.territory) > 40
    assert not any("…" in t for t in labels)
    ticks = sorted((x, a, t) for x, a, t in texts if t.endswith("%") and "," not in t)
    assert len(ticks) >= 3
    char_px = 16 * 0.62  # axis font size 16: a generous average glyph width

    def span(x: float, anchor: str, label: str) -> tuple[float, float]:
        width = len(label) * char_px
        if anchor == "end":
            return x - width, x
        if anchor == "start":
            return x, x + width
        return x - width / 2, x + width / 2

    spans = [span(*t) for t in ticks]
    gaps = [nxt[0] - cur[1] for cur, nxt in itertools.pairwise(spans)]
    assert min(gaps) >= 8, f"axis labels touch: {ticks}"


def test_the_demo_diagnostic_has_an_issuer(demo: int) -> None:
    with read_session() as s:
        issuer = s.scalar(select(Diagnostic.issuer).where(Diagnostic.id == demo))
    assert issuer and "CRESS" in issuer
