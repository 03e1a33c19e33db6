"""`init-db`: create or migrate the database."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init-db", help="crée ou met à jour la base de données (migrations Alembic)"
    )
    parser.set_defaults(func=run)


def run(_args: argparse.Namespace) -> int:
    from essdash import config
    from essdash.db import migrate

    migrate.upgrade()
    print(f"Base de données à jour : {config.database_url()}")
    return 0
