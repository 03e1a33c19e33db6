"""The documentation keeps up: every CLI command and every page is documented for users."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
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
    tmp_path: Path, shared_data: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESSDASH_")}
    env |= {"ESSDASH_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    work = tmp_path / "work"
    work.mkdir()
    failures = []
    for command in (["init-db"], ["demo"]):
        subprocess.run([sys.executable, "-m", "essdash", *command], cwd=work, env=env, check=True)
    for source, line in cli_examples():
        args = shlex.split(line)[3:]
        _provide_inputs(args, work, shared_data)
        done = subprocess.run(
            [sys.executable, "-m", "essdash", *args],
            cwd=work, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode != 0 or "Traceback" in done.stderr:
            failures.append(f"{source}: {line}\n{done.stderr.strip()[-500:]}")
    assert failures == [], "\n\n".join(failures)
