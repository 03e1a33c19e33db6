"""The bad-input corpus: every hostile or careless file is refused in French, naming the place,
without a traceback, within bounded memory, and leaves the database and data files byte-identical.

Cases live in `tests/importers/corpus/*_cases.py` (each exposes `cases() -> list[BadCase]`); their
files are generated from the real samples of ../shared/data. Each case runs the real CLI
(`python -m essdash …`) in a subprocess on a fresh copy of a prepared data directory.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.importers.corpus import tally
from tests.importers.corpus.model import BadCase
from tests.once import built_once

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = ROOT.parent / "shared" / "data"
# The checkout whose CLI is tried (this one); point it at an older export to measure a baseline.
CLI_ROOT = Path(os.environ.get("ESSDASH_CORPUS_CLI_ROOT") or ROOT)
MAX_RSS_MB = 600  # the child's peak memory; a zip bomb or a deep JSON must not blow it up
# English a traceback or a library would print; French messages never contain these words.
ENGLISH = re.compile(
    r"Traceback|\b\w*(Error|Exception)\b|\b(error|invalid|expected|failed|cannot|could not|"
    r"unexpected|line \d+, in)\b"
)


def _prepare_commands(shared: Path) -> list[tuple[str, ...]]:
    cog, geo, sirene = shared / "cog", shared / "geo", shared / "sirene"
    urssaf = sorted((shared / "urssaf").glob("*.csv"))
    return [
        ("init-db",),
        ("import-cog", *(str(cog / f) for f in ("communes.json", "departements.json"))),
        ("import-cog", str(cog / "regions.json"), str(cog / "epci.json")),
        (
            "import-contours",
            str(geo / "communes-44-loire-atlantique.geojson"),
            str(geo / "departement-44-loire-atlantique.geojson"),
        ),
        (
            "import-sirene",
            "--etablissements",
            str(sirene / "StockEtablissement_utf8_geo_sample_gosirene.csv"),
            "--unites-legales",
            str(sirene / "StockUniteLegale_utf8_sample_gosirene.csv"),
        ),
        ("import-urssaf", str(urssaf[0])),
    ]


def discover() -> list[BadCase]:
    """Every case of every `*_cases.py` module, names unique."""
    found: list[BadCase] = []
    for module_path in sorted(CORPUS.glob("*_cases.py")):
        module = importlib.import_module(f"tests.importers.corpus.{module_path.stem}")
        found.extend(module.cases())
    names = [case.name for case in found]
    duplicates = {n for n in names if names.count(n) > 1}
    assert not duplicates, f"duplicated case names: {sorted(duplicates)}"
    return found


CASES = discover() if SHARED.is_dir() else []


# The child's own peak (VmHWM of its address space): ru_maxrss would also count the size of the
# pytest process it was forked from, which Linux carries across exec.
_PEAK_WRAPPER = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status", encoding="ascii") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["ESSDASH_TEST_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(kb)
atexit.register(_peak)
sys.argv[0] = "essdash"
runpy.run_module("essdash", run_name="__main__", alter_sys=True)
"""


def run_cli(
    args: list[str], data_dir: Path, extra_env: dict[str, str] | None = None
) -> tuple[int, str, int]:
    """(exit code, stdout + stderr, peak RSS in MB) of `python -m essdash ARGS`."""
    out_path = data_dir.parent / f"out-{os.getpid()}.txt"
    peak_path = data_dir.parent / f"peak-{os.getpid()}.txt"
    env = dict(os.environ, ESSDASH_DATA_DIR=str(data_dir), **(extra_env or {}))
    env.pop("ESSDASH_DATABASE_URL", None)
    env["PYTHONWARNINGS"] = "ignore"
    env["ESSDASH_TEST_PEAK_FILE"] = str(peak_path)
    with out_path.open("wb") as out:
        child = subprocess.run(
            [sys.executable, "-c", _PEAK_WRAPPER, *args],
            cwd=CLI_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    text = out_path.read_bytes().decode("utf-8", "replace")
    out_path.unlink()
    peak_kb = int(peak_path.read_text(encoding="ascii")) if peak_path.exists() else 0
    peak_path.unlink(missing_ok=True)
    return child.returncode, text, peak_kb // 1024


def fingerprint(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `folder` (the database included)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _prepare(data: Path) -> None:
    for command in _prepare_commands(SHARED):
        code, text, _rss = run_cli(list(command), data)
        assert code == 0, text


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the reference geography, contours, Sirene and URSSAF imported
    (once for the run, xdist workers included; each case works on a copy)."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data absent: the bad-input corpus is generated from it")
    return built_once(tmp_path_factory, "corpus-data", _prepare)


def _expand(command: tuple[str, ...], folder: Path) -> list[str]:
    return [part.replace("{dir}", str(folder)) for part in command]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_is_refused_and_changes_nothing(
    case: BadCase, prepared: Path, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    data, files = tmp_path / "data", tmp_path / "fichiers"
    shutil.copytree(prepared, data)
    files.mkdir()
    for name, content in case.make(SHARED).items():
        (files / name).write_bytes(content)
    for command in case.setup:
        code, text, _rss = run_cli(_expand(command, files), data)
        assert code == 0, text
    before = fingerprint(data)
    code, text, rss = run_cli(_expand(case.command, files), data, dict(case.env))
    unchanged = fingerprint(data) == before
    missing = [fragment for fragment in case.expect if fragment not in text]
    leaked = ENGLISH.search(text) or str(files) in text or str(CLI_ROOT) in text
    clean = code == (0 if case.repaired else 2) and not missing and not leaked
    # Tallied from the report (tests/importers/conftest.py), xdist workers included.
    outcome = {"clean": clean, "unchanged": unchanged, "repair": case.repaired, "rss_mb": rss}
    record_property(tally.PROPERTY, {"name": case.name, **outcome})
    assert code == (0 if case.repaired else 2), text
    assert not missing, f"{missing} absent de : {text}"
    assert not leaked, text
    assert rss < MAX_RSS_MB, f"{rss} Mo"
    if not case.repaired:
        # Progress lines may come first (import-sirene prints rows read); the refusal ends it.
        assert text.strip().splitlines()[-1].startswith("Erreur : "), text
        assert unchanged, "a refused import changed the database or a data file"
