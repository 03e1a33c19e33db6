"""Maps share compiled jinja2 templates: same source, same compiled template, same output."""

from __future__ import annotations

import jinja2

from essdash.ui import maps


def test_identical_sources_compile_once_and_render_alike() -> None:
    maps.configure_template_cache()
    env = jinja2.Environment()
    first = env.from_string("Bonjour {{ nom }}")
    again = env.from_string("Bonjour {{ nom }}")
    assert first is again
    assert (
        first.render(nom="Val de Démo") == again.render(nom="Val de Démo") == "Bonjour Val de Démo"
    )
    assert env.from_string("Autre {{ nom }}") is not first
    assert env.from_string("Bonjour {{ nom }}", globals={"x": 1}) is not first
