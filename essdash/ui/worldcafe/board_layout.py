"""How the projected café board fits 1920×1080: density first, then pages that rotate.

Pure layout arithmetic (no Streamlit): each post-it's height is estimated from its text at a
given type size and column width, and cards go into the shortest column; the largest type that
shows every post-it on one screen wins, else the smallest type is cut into pages. Every post-it
is on exactly one page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

SURFACE_W_PX = 1860  # the projection's content width at 1920 px
SURFACE_H_PX = 700  # what is left for post-its under the header, the question and the legend
GAP_PX = 12
ROTATE_S = 12  # seconds per page when nothing is pinned
LATEST_MAX = 12  # newest post-its in the « Derniers arrivés » strip of a paged board
LATEST_CHARS = 44  # each shown on one line, clipped (the whole text is on its page)
LATEST_H_PX = 150  # the strip's height: a title and three rows of four chips


@dataclass(frozen=True)
class Density:
    name: str
    font_px: int
    columns: int

    @property
    def column_px(self) -> float:
        return (SURFACE_W_PX - GAP_PX * (self.columns - 1)) / self.columns


DENSITIES = (
    Density("grande", 34, 4),
    Density("moyenne", 27, 5),
    Density("compacte", 22, 6),
    Density("dense", 18, 7),
)


def card_height_px(text: str, meta: str, density: Density) -> float:
    """Estimated height of one card: wrapped text lines, the meta line, the padding."""
    chars_per_line = max(8, int((density.column_px - 30) / (density.font_px * 0.53)))
    lines = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n"))
    meta_lines = max(1, math.ceil(len(meta) / int(chars_per_line / 0.62))) if meta else 0
    return lines * density.font_px * 1.25 + meta_lines * density.font_px * 0.62 * 1.3 + 28


Page = list[list[int]]  # the card indexes of each column, top to bottom


def paginate(
    cards: Sequence[tuple[str, str]], density: Density, height_px: float = SURFACE_H_PX
) -> list[Page]:
    """Cards in reading order, each into the shortest column; a new page once it is full."""
    pages: list[Page] = []
    heights: list[float] = []
    for index, card in enumerate(cards):
        card_h = card_height_px(*card, density) + GAP_PX
        column = min(range(len(heights)), key=heights.__getitem__) if pages else -1
        if column < 0 or (heights[column] + card_h > height_px and heights[column] > 0):
            pages.append([[] for _ in range(density.columns)])
            heights = [0.0] * density.columns
            column = 0
        pages[-1][column].append(index)
        heights[column] += card_h
    return pages


def layout(
    cards: Sequence[tuple[str, str]], height_px: float = SURFACE_H_PX
) -> tuple[Density, list[Page]]:
    """The largest density showing every card on one page, else the densest one, paged."""
    for density in DENSITIES:
        pages = paginate(cards, density, height_px)
        if len(pages) <= 1:
            return density, pages
    densest = DENSITIES[-1]
    return densest, paginate(cards, densest, height_px)


def page_shown(page_count: int, pinned: int | None, now_s: float) -> int:
    """The page on screen (0-based): the pinned one, else one per ROTATE_S seconds in turn."""
    if page_count <= 1:
        return 0
    if pinned is not None and 0 <= pinned < page_count:
        return pinned
    return int(now_s // ROTATE_S) % page_count


def latest(created: Sequence[datetime], count: int = LATEST_MAX) -> list[int]:
    """Indexes of the newest cards, newest first: a paged board shows them on every page, so a
    post-it is on screen as soon as it arrives, whichever page is rotating."""
    return sorted(range(len(created)), key=lambda i: (created[i], i), reverse=True)[:count]


def clip(text: str, limit: int = LATEST_CHARS) -> str:
    """One line of at most `limit` characters, an ellipsis where it was cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
