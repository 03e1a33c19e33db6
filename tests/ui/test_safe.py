"""Participant text in post-it cards is escaped: no tag, no markdown image reaches the page."""

from __future__ import annotations

from essdash.ui import safe


def test_cards_escape_html_and_keep_markdown_inert() -> None:
    evil = '<img src=x onerror="alert(1)"> ![t](http://evil.example/p.png) <script>x</script>'
    block = safe.cards_html([safe.Card(evil, meta="<b>meta</b>", color="red;background:url(x)")])
    assert "<img" not in block and "<script" not in block and "<b>meta" not in block
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in block
    assert "--sf-color:#666666" in block  # only #RRGGBB colours reach the style attribute
    # st.html does not parse markdown: the image syntax stays plain text.
    assert "![t](http://evil.example/p.png)" in block


def test_empty_board_message() -> None:
    assert "Aucun" in safe.cards_html([], empty="Aucun post-it")
    assert safe.cards_html([]) == ""
