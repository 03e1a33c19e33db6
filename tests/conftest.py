"""Shared fixtures: migrated databases (SQLite, PostgreSQL when available), real data, servers.

Safe under pytest-xdist (`make test` runs `-n 3`): every worker has its own temporary folder
and its own servers on free ports; what is built once for the whole run (`built_once`: the demo
that servers start from, the imported real samples) is built by the first worker that asks,
under a file lock, and copied by every test that uses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from essdash.db import migrate
from essdash.db.engine import dispose_engines
from essdash.deploy.postgres import as_postgres, pg_bin
from tests.e2e.helpers import (
    CHROMIUM_ARGS,
    DemoServer,
    Server,
    build_demo,
    free_port,
    running_server,
)
from tests.importers.corpus.tally import PROPERTY, TALLY, record
from tests.once import built_once

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> DemoServer:
    """`with demo_server("name") as server:` a real server (tests/e2e/helpers.py) on a copy of
    the demo built once for the run; optional `extra_env` for the server's environment."""
    template = built_once(tmp_path_factory, "demo-template", build_demo)

    def start(name: str, extra_env: dict[str, str] | None = None) -> AbstractContextManager[Server]:
        data_dir = tmp_path_factory.mktemp(name)
        return running_server(data_dir, template=template, extra_env=extra_env)

    return start


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data of ../shared/data; tests using it skip cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data absent: real-data tests skipped")
    return SHARED_DATA


def _use_database(monkeypatch: pytest.MonkeyPatch, url: str, data_dir: Path) -> str:
    monkeypatch.setenv("ESSDASH_DATABASE_URL", url)
    monkeypatch.setenv("ESSDASH_DATA_DIR", str(data_dir))
    dispose_engines()
    migrate.upgrade(url)
    return url


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, migrated SQLite file database; ESSDASH_* variables point at it."""
    yield _use_database(monkeypatch, f"sqlite:///{tmp_path / 'essdash.db'}", tmp_path)
    dispose_engines()


def _copy_of(template: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """`folder` becomes a copy of `template` (database and data files, modification times kept,
    so the Sirene cube stays fresh); ESSDASH_* variables point at it."""
    shutil.copytree(template, folder, dirs_exist_ok=True)
    return _use_database(monkeypatch, f"sqlite:///{folder / 'essdash.db'}", folder)


def _load_demo(folder: Path) -> None:
    from essdash.db import write_session
    from essdash.demo import load_demo

    with pytest.MonkeyPatch.context() as patch:
        _use_database(patch, f"sqlite:///{folder / 'essdash.db'}", folder)
        with write_session() as session:
            load_demo(session)
        dispose_engines()


@pytest.fixture
def demo_db(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """`db_url` with the demo loaded: a copy of one demo built once for the run (tests of the
    demo itself, or that need its `DemoContext`, call `load_demo` on `db_url`)."""
    template = built_once(tmp_path_factory, "demo-db", _load_demo)
    yield _copy_of(template, tmp_path, monkeypatch)
    dispose_engines()


# --- The real samples imported (the real COG and the Sirene samples of ../shared/data) ---------
REAL_COG = ("communes.json", "epci.json", "departements.json", "regions.json")
REAL_SIRENE = (
    "sirene/StockEtablissement_utf8_sample_trackdechets.csv",
    "sirene/StockUniteLegale_utf8_sample_trackdechets.csv",
)


def _import_real_sample(folder: Path) -> None:
    """What a CRESS does first: the whole COG (communes, EPCI, départements, régions), then the
    Sirene samples, imported through the real importers into `folder`."""
    from essdash.db import write_session
    from essdash.importers.cog import import_cog_file
    from essdash.importers.sirene import import_sirene

    with pytest.MonkeyPatch.context() as patch:
        _use_database(patch, f"sqlite:///{folder / 'essdash.db'}", folder)
        with write_session() as session:
            for name in REAL_COG:
                import_cog_file(session, SHARED_DATA / "cog" / name)
        import_sirene(*(SHARED_DATA / name for name in REAL_SIRENE))
        dispose_engines()


@pytest.fixture
def real_sample_db(
    shared_data: Path,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """`db_url` holding the real COG and Sirene samples: a copy of a database and data
    directory imported once for the run (the import itself is tested in tests/importers)."""
    template = built_once(tmp_path_factory, "real-sample", _import_real_sample)
    yield _copy_of(template, tmp_path, monkeypatch)
    dispose_engines()


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL of a PostgreSQL server: ESSDASH_TEST_POSTGRES_URL, or a throwaway local cluster."""
    url = os.environ.get("ESSDASH_TEST_POSTGRES_URL")
    if url:
        yield url.rsplit("/", 1)[0]
        return
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL absent (install the Debian package postgresql)")
    # Outside pytest's private tmp dir: the server runs as the postgres user when we are root.
    base = Path(tempfile.mkdtemp(prefix="essdash-pg-"))
    base.chmod(0o777)
    data, port = base / "data", free_port()
    subprocess.run(
        as_postgres([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    opts = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off"
    start = [pg_ctl, "-D", str(data), "-l", str(base / "log"), "-o", opts, "-w", "start"]
    subprocess.run(as_postgres(start), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}"
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "immediate", "stop"]
        subprocess.run(as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(
    postgres_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{postgres_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _use_database(monkeypatch, f"{postgres_server}/{name}", tmp_path)
    dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest) -> str:
    """Run the test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("db_url"))
    return str(request.getfixturevalue("postgres_url"))


# --- pytest-xdist --------------------------------------------------------------------------
# `--dist loadgroup` with xdist 3.8 groups by a suffix it writes into item._nodeid, which pytest
# 9.2 no longer reads: the groups are made here instead, from the node ids, by the scheduler.


def worker_group(nodeid: str) -> str:
    """The unit of work one worker runs whole: an e2e (or bench) module, whose tests share its
    module-scoped server; each axe tour viewport apart, so that the phone and projector tours
    run side by side; every other test alone."""
    path = nodeid.split("::", 1)[0]
    if not path.startswith(("tests/e2e/", "tests/bench/")):
        return nodeid
    if path.endswith("/test_accessibility.py"):
        return f"{path}:{'phone' if '[phone]' in nodeid else 'projector'}"
    return path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ServerGroups(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return ServerGroups(config, log)


# --- The bad-input corpus's tally (tests/importers/test_corpus.py) ----------------------------
# Here, not in tests/importers/: under xdist only this conftest is loaded where reports arrive.


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Each corpus case's outcome, carried by its report (from whichever worker ran it)."""
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == PROPERTY and isinstance(value, dict):
            record(str(value["name"]), clean=bool(value["clean"]),
                   unchanged=bool(value["unchanged"]), repair=bool(value["repair"]),
                   rss_mb=int(value["rss_mb"]))  # fmt: skip


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.tried:
        terminalreporter.write_sep("-", "fichiers hostiles")
        terminalreporter.write_line(TALLY.line())


@pytest.fixture(scope="session")
def browser() -> Iterator[tuple[Any, Any]]:
    """(playwright, chromium browser) using Debian's Chromium: one sync Playwright per worker
    process, shared by the e2e and multi-process tests (a second one beside it fails)."""
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("Debian chromium absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield playwright, chromium
        chromium.close()
