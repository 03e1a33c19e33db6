"""Prints the bad-input corpus's tally at the end of a run that tried it."""

from __future__ import annotations

import pytest

from tests.importers.corpus.tally import TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.tried:
        terminalreporter.write_sep("-", "fichiers hostiles")
        terminalreporter.write_line(TALLY.line())
