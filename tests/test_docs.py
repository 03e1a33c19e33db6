"""The documentation keeps up: every CLI command and every page is documented for users."""

from __future__ import annotations

import argparse
import shlex
import shutil
import zipfile
from pathlib import Path

import pytest

from essdash.cli import build_parser, main
from essdash.db.engine import dispose_engines
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


# --- Every CLI example of the docs runs as written --------------------------------------------

SIRENE_SAMPLES = {
    "StockEtablissement_utf8.zip": "sirene/StockEtablissement_utf8_sample_trackdechets.csv",
    "StockUniteLegale_utf8.zip": "sirene/StockUniteLegale_utf8_sample_trackdechets.csv",
}


def cli_examples() -> list[tuple[str, str]]:
    """(file, command line) of every `python -m essdash ...` line of a fenced block, in order."""
    found: list[tuple[str, str]] = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        in_block = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                in_block = not in_block
            elif in_block and line.startswith("python -m essdash "):
                found.append((path.name, line.split("  #")[0].strip()))
    return found


def _provide_inputs(args: list[str], cwd: Path, shared: Path) -> None:
    """Put the files a command reads in its folder, as a user who downloaded them would."""
    for arg in args:
        if (cwd / arg).exists() or "." not in arg or arg.startswith("-"):
            continue
        if arg in SIRENE_SAMPLES:  # the national stocks weigh GB: the real samples, zipped
            sample = shared / SIRENE_SAMPLES[arg]
            with zipfile.ZipFile(cwd / arg, "w") as archive:
                archive.write(sample, arg.replace(".zip", ".csv"))
            continue
        matches = sorted(shared.rglob(arg))
        if matches:
            shutil.copy(matches[0], cwd / arg)


def test_the_docs_have_cli_examples() -> None:
    commands = {shlex.split(line)[3] for _, line in cli_examples()}
    assert {"indicators", "export-document", "create-diagnostic", "backup", "restore"} <= commands


def test_every_cli_example_runs_as_written_on_a_demo_database(
    tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (the same `main` as `python -m essdash`), from the folder holding the files."""
    monkeypatch.delenv("ESSDASH_DATABASE_URL", raising=False)
    monkeypatch.setenv("ESSDASH_DATA_DIR", str(tmp_path / "data"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    dispose_engines()
    assert main(["init-db"]) == main(["demo"]) == 0
    failures = []
    try:
        for source, line in cli_examples():
            args = shlex.split(line)[3:]
            _provide_inputs(args, work, shared_data)
            try:
                code = main(args)
            except SystemExit as exit_:  # argparse refusing the line
                code = exit_.code
            if code != 0:
                failures.append(f"{source}: {line} (code {code})")
    finally:
        dispose_engines()
    assert failures == []
