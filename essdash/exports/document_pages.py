"""Drawing each kind of slide on a PDF page (A4 landscape, 297 × 210 mm)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, assert_never

from fpdf.fonts import FontFace
from PIL import Image

from essdash import labels
from essdash.formatting import fmt_count
from essdash.readmodel.slides import (
    BarsSlide,
    FiguresSlide,
    MapSlide,
    PlanSlide,
    PrioritiesSlide,
    QuestionSlide,
    Slide,
    TableSlide,
    TitleSlide,
)
from essdash.restitution import charts

RED = (181, 18, 62)
DARK_RED = (122, 12, 42)
INK = (30, 30, 40)
GREY = (90, 90, 90)
SAND = (244, 241, 236)
MARGIN = 14.0
PAGE_W = 297.0
CONTENT_W = PAGE_W - 2 * MARGIN
ImageMaker = Callable[[Any], io.BytesIO | None]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


class SlidePainter:
    """Paints slides on an FPDF document (`pdf.font_name`, `pdf.clean` as in RestitutionPdf)."""

    def __init__(self, pdf: Any, image: ImageMaker) -> None:
        self.pdf = pdf
        self.image = image

    # -- helpers ---------------------------------------------------------------------------
    def _font(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.pdf.font_name, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def _write(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        width: float = 0,
        colour: tuple[int, int, int] = INK,
        height: float | None = None,
    ) -> None:
        self._font(size, bold, colour)
        self.pdf.multi_cell(
            width or CONTENT_W,
            height or size * 0.5,
            self.pdf.clean(text),
            align="L",
            new_x="LMARGIN" if not width else "LEFT",
            new_y="NEXT",
        )

    def _heading(self, kicker: str, title: str) -> None:
        self.pdf.add_page()
        self.pdf.set_fill_color(*RED)
        self.pdf.rect(0, 0, 6, 210, style="F")
        self.pdf.set_xy(MARGIN, 12)
        self._write(kicker.upper(), 10, bold=True, colour=RED)
        self._write(title, 22, bold=True, height=10)
        self.pdf.ln(3)

    def _chart(self, chart: Any, x: float, y: float, w: float, max_h: float) -> float:
        """Draw a chart at the top-left of its box, as large as fits; returns its height."""
        png = self.image(chart)
        if png is None:
            return 0.0
        with Image.open(png) as im:
            ratio = im.height / im.width
        png.seek(0)
        width, height = w, w * ratio
        if height > max_h:
            width, height = max_h / ratio, max_h
        self.pdf.image(png, x=x, y=y, w=width, h=height)
        return height

    # -- slides ----------------------------------------------------------------------------
    def paint(self, slide: Slide) -> None:
        """Every kind of slide has its page: mypy refuses a new one left out (`assert_never`)."""
        match slide:
            case TitleSlide():
                self._title(slide)
            case FiguresSlide():
                self._figures(slide)
            case MapSlide():
                self._map(slide)
            case QuestionSlide():
                self._question(slide)
            case PrioritiesSlide():
                self._priorities(slide)
            case PlanSlide():
                self._plan(slide)
            case TableSlide():
                self._table(slide)
            case BarsSlide():
                self._bars(slide)
            case _:
                assert_never(slide)

    def _title(self, slide: TitleSlide) -> None:
        pdf = self.pdf
        pdf.add_page()
        pdf.set_fill_color(*RED)
        pdf.rect(0, 0, PAGE_W, 210, style="F")
        pdf.set_xy(24, 52)
        self._write("RESTITUTION", 14, bold=True, colour=(255, 255, 255))
        pdf.set_x(24)
        self._write(slide.title, 30, bold=True, width=240, colour=(255, 255, 255), height=13)
        pdf.ln(4)
        pdf.set_x(24)
        self._write(slide.subtitle, 18, width=240, colour=(255, 255, 255), height=9)
        pdf.ln(6)
        for line in slide.lines:
            pdf.set_x(24)
            self._write(line, 12, width=240, colour=(255, 230, 236), height=7)

    def credits(self, text: str) -> None:
        """Who issued the document and when, at the foot of the cover."""
        self.pdf.set_xy(24, max(self.pdf.get_y() + 6, 176))
        self._write(text, 12, bold=True, width=240, colour=(255, 255, 255), height=7)

    def _figures(self, slide: FiguresSlide) -> None:
        self._heading(slide.territory, slide.title)
        if not slide.rows:
            self._write(slide.note, 14, colour=GREY)
            return
        self._font(11)
        headings = ("", slide.territory, *slide.reference_names)
        n = len(headings) - 1
        with self.pdf.table(
            line_height=7,
            col_widths=(95, *(174 / n,) * n),
            text_align=("LEFT", *("RIGHT",) * n),
            **_table_style(self.pdf),
        ) as table:
            table.row([self.pdf.clean(h) for h in headings])
            for row in slide.rows:
                table.row([self.pdf.clean(v) for v in (row.label, row.value, *row.references)])
        self.pdf.ln(2)
        self._write(slide.note, 8, colour=GREY)
        top = self.pdf.get_y() + 3
        chart = charts.shares_chart(slide, width=760, height=220)
        self._chart(chart, MARGIN + 20, top, 230, 190 - top)

    def _map(self, slide: MapSlide) -> None:
        self._heading("Carte", slide.title)
        top = self.pdf.get_y()
        self._chart(charts.map_chart(slide, width=900, height=600), MARGIN, top, 190, 150)
        self.pdf.set_xy(212, top)
        if slide.subtitle:
            self._write(slide.subtitle, 11, width=72, colour=GREY)
        if slide.kind == "actors_map":
            self._actor_legend(slide)
        if slide.note:
            self.pdf.set_x(212)
            self._write(slide.note, 9, width=72, colour=GREY)

    def _actor_legend(self, slide: MapSlide) -> None:
        present = {p.actor_type for p in slide.points} | {z.actor_type for z in slide.zones}
        for key, label in labels.ACTOR_TYPES.items():
            if key not in present:
                continue
            y = self.pdf.get_y() + 2
            self.pdf.set_fill_color(*_rgb(labels.ACTOR_TYPE_COLORS[key]))
            self.pdf.ellipse(212, y + 0.8, 3.5, 3.5, style="F")
            self.pdf.set_xy(218, y)
            self._write(label, 10, width=66)
        self.pdf.set_x(212)
        self._write("Cercles pointillés : zones de chalandise.", 9, width=72, colour=GREY)

    def _question(self, slide: QuestionSlide) -> None:
        self._heading("World café", slide.title)
        top = self.pdf.get_y()
        self._write(slide.question, 15, bold=True, width=165, height=7)
        self.pdf.ln(3)
        for table, text in slide.syntheses or (("", "Synthèse à venir."),):
            self.pdf.set_x(MARGIN)
            self._write(table.upper(), 8, bold=True, width=165, colour=DARK_RED)
            self._write(text, 11, width=165, height=5.5)
            self.pdf.ln(2)
        self.pdf.set_xy(190, top)
        self._write(
            fmt_count(slide.contributions, "contribution"), 14, bold=True, width=94, colour=RED
        )
        if slide.themes:
            self.pdf.set_x(190)
            self._write("THÈMES PRINCIPAUX", 8, bold=True, width=94, colour=DARK_RED)
            self._chart(charts.themes_chart(slide.themes, width=420), 190, top + 20, 94, 110)

    def _priorities(self, slide: PrioritiesSlide) -> None:
        self._heading("Vote", slide.title)
        self._write(f"{slide.method} — {fmt_count(slide.ballots, 'bulletin')}", 11, colour=GREY)
        top = self.pdf.get_y() + 3
        self._chart(charts.priorities_chart(slide, width=900), MARGIN, top, CONTENT_W, 140)

    def _plan(self, slide: PlanSlide) -> None:
        self._heading("Suite", slide.title)
        self._font(10)
        with self.pdf.table(
            line_height=6, col_widths=(90, 80, 30, 30, 30), **_table_style(self.pdf)
        ) as table:
            table.row(["Action", "Porteur et partenaires", "Échéance", "Statut", "Avancement"])
            for a in slide.rows:
                owner = a.owner + (f"\n{a.partners}" if a.partners else "")
                cells = (a.title, owner, a.deadline, a.status, f"{a.progress} %")
                table.row([self.pdf.clean(c) for c in cells])

    def _table(self, slide: TableSlide) -> None:
        self._heading(slide.subtitle, slide.title)
        if not slide.rows:
            self._write("Rien à montrer pour l'instant.", 12, colour=GREY)
            return
        self._font(10)
        with self.pdf.table(line_height=6, **_table_style(self.pdf)) as table:
            table.row([self.pdf.clean(c) for c in slide.columns])
            for row in slide.rows:
                table.row([self.pdf.clean(c) for c in row])
        if slide.note:
            self._write(slide.note, 9, colour=GREY)

    def _bars(self, slide: BarsSlide) -> None:
        self._heading(slide.subtitle, slide.title)
        top = self.pdf.get_y() + 3
        self._chart(charts.bars_chart(slide), MARGIN, top, CONTENT_W, 140)


def _table_style(pdf: Any) -> dict[str, Any]:
    """Red header, light alternate rows, horizontal rules only."""
    pdf.set_draw_color(200, 195, 188)
    pdf.set_fill_color(*SAND)
    return {
        "width": CONTENT_W,
        "headings_style": FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=RED),
        "cell_fill_color": SAND,
        "cell_fill_mode": "EVEN_ROWS",
        "borders_layout": "HORIZONTAL_LINES",
        "padding": 1.5,
    }
