"""The UI's two structural rules, read from the source (AST, no Streamlit run):

- one write path: no page or UI module opens a transaction (`write_session`, `Session(`,
  `.commit()`) except `essdash/ui/workshop/actions.py`, so every refusal is shown in French and
  every write bumps the versions the caches are keyed on;
- every session key in one module: `st.session_state` is touched only by `essdash/ui/state.py`,
  so no two modules can use the same key for different things (or different keys for one).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITE_PATH = "essdash/ui/workshop/actions.py"
STATE = "essdash/ui/state.py"
# Issue 14 (follow-up of the action plan) converts these to the one write path and to
# essdash/ui/state.py; until it lands they are the only exceptions.
ISSUE_14: frozenset[str] = frozenset()


def _ui_modules() -> Iterator[tuple[str, ast.Module]]:
    files = [*(ROOT / "essdash" / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py")]
    assert len(files) > 40, "the UI's modules are found"
    for path in sorted(files):
        name = path.relative_to(ROOT).as_posix()
        yield name, ast.parse(path.read_text(encoding="utf-8"), filename=name)


def transactions_opened(tree: ast.Module) -> list[str]:
    """Where a module opens or commits a transaction itself."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            # importing the Session *type* for annotations is fine; opening one is not
            found += [
                f"line {node.lineno}: imports {a.name}"
                for a in node.names
                if a.name in ("write_session", "sessionmaker")
            ]
        elif isinstance(node, ast.Name) and node.id == "write_session":
            found.append(f"line {node.lineno}: write_session")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("Session", "sessionmaker"):
                found.append(f"line {node.lineno}: {name}(…)")
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "commit"
                and not _is_write_path(func)
            ):
                found.append(f"line {node.lineno}: .commit()")
    return sorted(set(found))


def _is_write_path(func: ast.Attribute) -> bool:
    """`actions.commit(...)`: the write path's own form for widget callbacks."""
    return isinstance(func.value, ast.Name) and func.value.id == "actions"


def session_state_uses(tree: ast.Module) -> list[str]:
    return sorted(
        {
            f"line {node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "session_state"
        }
    )


def test_only_the_write_path_opens_a_transaction_in_the_ui() -> None:
    offenders = {
        name: found
        for name, tree in _ui_modules()
        if name != WRITE_PATH and name not in ISSUE_14 and (found := transactions_opened(tree))
    }
    assert not offenders, f"write through essdash/ui/workshop/actions.py: {offenders}"


def test_only_the_state_module_touches_session_state() -> None:
    offenders = {
        name: found
        for name, tree in _ui_modules()
        if name != STATE and name not in ISSUE_14 and (found := session_state_uses(tree))
    }
    assert not offenders, f"session keys belong in essdash/ui/state.py: {offenders}"


def english_multiselects(tree: ast.Module) -> list[str]:
    """Multiselects showing Streamlit's English "Select all" or "Choose options"."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "multiselect"
        ):
            given = {k.arg: k.value for k in node.keywords}
            select_all = given.get("select_all")
            if not (isinstance(select_all, ast.Constant) and select_all.value is False):
                found.append(f"line {node.lineno}: select_all=False missing")
            if "placeholder" not in given:
                found.append(f"line {node.lineno}: placeholder missing")
    return found


def test_no_multiselect_offers_english_select_all() -> None:
    """One tap on "Select all" would cast a ranking in list order or pick every commune."""
    offenders = {
        name: found for name, tree in _ui_modules() if (found := english_multiselects(tree))
    }
    assert not offenders, offenders


def cut_links(tree: ast.Module) -> list[str]:
    """`st.code` blocks (the UI's links: join, personal, projection, restitution) that would
    cut a long address at the screen's edge instead of wrapping it."""
    return [
        f"line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "code"
        and not any(
            k.arg == "wrap_lines" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords
        )
    ]


def test_every_link_block_wraps_on_a_phone() -> None:
    offenders = {
        name: found
        for name, tree in _ui_modules()
        if name not in ISSUE_14 and (found := cut_links(tree))
    }
    assert not offenders, offenders


def test_the_rules_see_what_they_refuse() -> None:
    """The checks catch each form of the patterns they refuse (and the allowed type import)."""
    writes = ast.parse(
        "from essdash.db import write_session\n"
        "from sqlalchemy.orm import Session\n"
        "with write_session() as s:\n    pass\n"
        "s = Session(engine)\ns.commit()\nactions.commit(action)\n"
    )
    assert transactions_opened(writes) == [
        "line 1: imports write_session",
        "line 3: write_session",
        "line 5: Session(…)",
        "line 6: .commit()",
    ]
    reads = ast.parse(
        "import streamlit as st\nx = st.session_state['k']\nst.session_state.pop('k')\n"
    )
    assert session_state_uses(reads) == ["line 2", "line 3"]
    assert not transactions_opened(ast.parse("from sqlalchemy.orm import Session\n"))
    assert english_multiselects(ast.parse("st.multiselect('x', [1])\n")) == [
        "line 1: select_all=False missing",
        "line 1: placeholder missing",
    ]
    assert cut_links(ast.parse("st.code(url, language=None)\n")) == ["line 1"]
    assert not cut_links(ast.parse("st.code(url, language=None, wrap_lines=True)\n"))
    assert not english_multiselects(
        ast.parse("c.multiselect('x', [1], placeholder='Choisir', select_all=False)\n")
    )
