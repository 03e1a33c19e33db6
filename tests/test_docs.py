"""The documentation keeps up: every CLI command and every page is documented for users."""

from __future__ import annotations

import argparse
from pathlib import Path

from essdash.cli import build_parser
from essdash.ui import navigation

ROOT = Path(__file__).resolve().parent.parent


def _user_docs() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def test_every_cli_command_is_documented() -> None:
    docs = _user_docs()
    assert _subcommands(), "the CLI has no subcommand"
    undocumented = [name for name in _subcommands() if f"`{name}" not in docs]
    assert undocumented == []


def test_every_page_title_appears_in_the_user_docs() -> None:
    docs = _user_docs()
    missing = [spec.title for spec in navigation.PAGES if spec.title not in docs]
    assert missing == []


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Démarrage rapide", 1)[1].split("\n## ", 1)[0]
    block = quick_start.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
