"""`python -m essdash`: one subcommand per module, calling the pages' domain functions.

Adding a command: write `essdash/cli/<name>.py` with `register(subparsers)`, whose parsers set
`func(args) -> int`, and list the module in COMMAND_MODULES. Every command module is imported
to build the parser, whatever the command run, so its module level imports only the standard
library and light essdash modules (`errors`, `labels`, `formatting`, `config`,
`indicators.perimeter`): the domain modules (SQLAlchemy, pandas, DuckDB, shapely, openpyxl…)
are imported inside the `run` functions. `python -m essdash --help` or a refused file then
starts in a fraction of the time (`python -m bench.cli_startup`), and
tests/test_cli_imports.py fails when a module level import pulls a heavy library back in.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module exposes `register(subparsers)`; its parser sets `func(args) -> int`.
COMMAND_MODULES = (
    "essdash.cli.actors",
    "essdash.cli.backup",
    "essdash.cli.catchment",
    "essdash.cli.database",
    "essdash.cli.demo",
    "essdash.cli.diagnostics",
    "essdash.cli.exports",
    "essdash.cli.quant",
)


class CliError(Exception):
    """An error reported to the user in French, without a traceback (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m essdash",
        description="essdash : diagnostic territorial partagé de l'ESS (ligne de commande).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except CliError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
