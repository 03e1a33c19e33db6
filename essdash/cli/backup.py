"""`backup` and `restore`: the SQLite database and the data files in one archive."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    save = subparsers.add_parser(
        "backup", help="sauvegarde la base SQLite et les fichiers de données dans une archive zip"
    )
    save.add_argument("file", type=Path, metavar="FICHIER", help="archive à écrire (.zip)")
    save.set_defaults(func=run_backup)
    load = subparsers.add_parser(
        "restore", help="restaure une sauvegarde (remplace la base et les fichiers de données)"
    )
    load.add_argument("file", type=Path, metavar="FICHIER", help="archive écrite par `backup`")
    load.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from essdash.cli import CliError
    from essdash.errors import UserError
    from essdash.maintenance import backup as archive

    try:
        summary = archive.backup(args.file)
    except UserError as error:
        raise CliError(str(error)) from error
    size = summary.size / 1_048_576
    print(f"Sauvegarde écrite : {summary.path} ({len(summary.files)} fichiers, {size:.1f} Mio)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from essdash.cli import CliError
    from essdash.errors import UserError
    from essdash.maintenance import backup as archive

    try:
        files = archive.restore(args.file)
    except UserError as error:
        raise CliError(str(error)) from error
    print(f"Sauvegarde restaurée : {args.file} ({len(files)} fichiers).")
    print("Redémarrez l'application pour qu'elle relise les fichiers de données.")
    return 0
