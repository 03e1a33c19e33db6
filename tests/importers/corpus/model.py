"""One hostile or careless input and what its refusal must say."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Builds the files of a case from ../shared/data (the real samples): name -> bytes.
FileMaker = Callable[[Path], Mapping[str, bytes]]


@dataclass(frozen=True)
class BadCase:
    """A file (or files) an importer must refuse with a French message naming the place."""

    name: str  # unique, e.g. "sirene-duplicated-siret"
    # CLI arguments after `python -m essdash`; "{dir}" is replaced by the folder holding the files.
    command: tuple[str, ...]
    make: FileMaker
    # Fragments the error message must contain (French, naming the file, line or element).
    expect: tuple[str, ...]
    # Where the rule says so, a repaired import: exit 0 and the fragments in the summary instead.
    repaired: bool = False
    # Commands run (exit 0 expected) in the fresh data directory before the fingerprint is taken,
    # e.g. a first import the hostile one must leave intact; "{dir}" as in `command`.
    setup: tuple[tuple[str, ...], ...] = ()
    # Extra environment variables for the command (e.g. a lowered cap: ESSDASH_ZIP_MAX_BYTES).
    env: tuple[tuple[str, str], ...] = ()
