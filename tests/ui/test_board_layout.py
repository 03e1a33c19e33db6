"""The projected café board: every post-it on exactly one page, each page within the screen."""

from __future__ import annotations

import pytest

from essdash.ui.worldcafe import board_layout
from essdash.ui.worldcafe.board_layout import DENSITIES, SURFACE_H_PX, card_height_px

META = "Structure de l'ESS · Thème : Mobilité"


def _cards(n: int, long_every: int = 0) -> list[tuple[str, str]]:
    texts = []
    for i in range(n):
        text = f"Idée {i} : une navette solidaire entre les bourgs"
        if long_every and i % long_every == 0:
            text = ("Un tiers-lieu ouvert le soir avec garde d'enfants et covoiturage. " * 5)[:280]
        texts.append((text, META))
    return texts


@pytest.mark.parametrize(("n", "long_every"), [(1, 0), (8, 0), (13, 0), (30, 0), (30, 3), (80, 2)])
def test_every_post_it_is_on_exactly_one_page_that_fits(n: int, long_every: int) -> None:
    cards = _cards(n, long_every)
    density, pages = board_layout.layout(cards)
    assert sorted(i for page in pages for column in page for i in column) == list(range(n))
    for page in pages:
        assert len(page) == density.columns
        for column in page:
            height = sum(card_height_px(*cards[i], density) + 12 for i in column)
            assert height <= SURFACE_H_PX or len(column) == 1


def test_thirteen_short_post_its_fit_on_one_screen() -> None:
    _density, pages = board_layout.layout(_cards(13))
    assert len(pages) == 1  # before: 9 of 13 visible, the others off-screen


def test_few_post_its_get_the_biggest_type_and_many_a_smaller_one() -> None:
    few, _ = board_layout.layout(_cards(4))
    many, pages = board_layout.layout(_cards(30, long_every=3))
    assert few == DENSITIES[0]
    assert many.font_px < few.font_px and len(pages) >= 1


def test_pages_rotate_unless_one_is_pinned() -> None:
    rotate = board_layout.ROTATE_S
    assert [board_layout.page_shown(3, None, t * rotate) for t in range(4)] == [0, 1, 2, 0]
    assert board_layout.page_shown(3, 1, 0) == 1
    assert board_layout.page_shown(3, 7, rotate) == 1  # a pin past the last page is ignored
    assert board_layout.page_shown(1, 2, 99) == 0


def test_a_paged_board_keeps_the_newest_post_its_on_every_page() -> None:
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    created = [start + timedelta(seconds=s) for s in (5, 1, 9, 3, 9, 7)]
    assert board_layout.latest(created, 3) == [4, 2, 5]  # newest first, a tie by arrival order
    assert board_layout.latest(created * 5)[:1] == [28]
    assert len(board_layout.latest(created * 5)) == board_layout.LATEST_MAX
    cards = _cards(80, long_every=2)
    _, pages = board_layout.layout(cards, SURFACE_H_PX - board_layout.LATEST_H_PX)
    assert len(pages) > 1 and all(
        sum(card_height_px(*cards[i], DENSITIES[-1]) + 12 for i in column)
        <= SURFACE_H_PX - board_layout.LATEST_H_PX
        or len(column) == 1
        for page in pages
        for column in page
    )


def test_the_strip_shows_one_clipped_line_of_each_post_it() -> None:
    assert board_layout.clip("Idee m000123") == "Idee m000123"
    clipped = board_layout.clip("Une navette\nsolidaire   entre les bourgs et la gare, le soir", 30)
    assert clipped == "Une navette solidaire entre l…" and len(clipped) == 30
