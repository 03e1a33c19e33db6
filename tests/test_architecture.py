"""The architecture holds under `pytest` alone: import-linter's contracts (layers, independent
activities, no cycle between packages), pages that import the UI only, and restitution slides
that every renderer handles (a new kind of slide cannot be dropped silently)."""

from __future__ import annotations

import ast
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from essdash.readmodel.slides import Slide

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    """The contracts of pyproject.toml, as `make lint` runs them (its report on failure)."""
    script = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(script), "--no-logo", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_pages_import_the_ui_layer_only() -> None:
    """app_pages/ is not a package (import-linter cannot see it): thin scripts over essdash.ui."""
    wrong = {
        f"{path.name}: {module}"
        for path in sorted((ROOT / "app_pages").glob("*.py"))
        for module in _imported_modules(path)
        if module.startswith("essdash") and not module.startswith("essdash.ui")
    }
    assert not wrong


def _case_classes(path: Path, function: str) -> set[str]:
    """Class names of the `case X():` patterns of one function (or method) of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    return {
        pattern.cls.id
        for sub in ast.walk(node)
        if isinstance(sub, ast.match_case)
        for pattern in [sub.pattern]
        if isinstance(pattern, ast.MatchClass) and isinstance(pattern.cls, ast.Name)
    }


@pytest.mark.parametrize(
    ("module", "function"),
    [("essdash/ui/restitution/view.py", "_slide"), ("essdash/exports/document_pages.py", "paint")],
)
def test_every_kind_of_slide_has_a_renderer(module: str, function: str) -> None:
    kinds = {cls.__name__ for cls in typing.get_args(Slide)}
    assert _case_classes(ROOT / module, function) == kinds


def test_an_unknown_slide_is_refused_not_dropped() -> None:
    from essdash.exports.document_pages import SlidePainter

    painter = SlidePainter(pdf=None, image=lambda chart, scale=2.0: None)
    with pytest.raises(AssertionError):
        painter.paint(object())  # type: ignore[arg-type]
