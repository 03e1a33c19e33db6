"""`search-actor`, `build-actor-index`, `actor-duplicates`, `export-actors`: the « Annuaire »
page's domain functions from the command line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

FORMATS = ("csv", "xlsx", "gexf")


def register(subparsers: Any) -> None:
    find = subparsers.add_parser(
        "search-actor", help="cherche une structure dans le stock Sirene importé (hors ligne)"
    )
    find.add_argument("text", help="nom, enseigne, sigle, SIRET ou SIREN (une partie suffit)")
    find.add_argument("--diagnostic", type=int, required=True, help="numéro du diagnostic")
    find.add_argument("--limit", type=int, default=8, help="nombre de résultats (8)")
    find.add_argument("--format", choices=("text", "json"), default="text")
    find.set_defaults(func=run_search)
    build = subparsers.add_parser(
        "build-actor-index", help="reconstruit l'index de recherche des structures (Sirene)"
    )
    build.set_defaults(func=run_build)
    dup = subparsers.add_parser(
        "actor-duplicates", help="liste les doublons de l'annuaire ; --merge les fusionne"
    )
    dup.add_argument("--diagnostic", type=int, required=True, help="numéro du diagnostic")
    dup.add_argument(
        "--merge", nargs=2, type=int, metavar=("GARDEE", "FUSIONNEE"), help="fusionne deux fiches"
    )
    dup.set_defaults(func=run_duplicates)
    export = subparsers.add_parser(
        "export-actors", help="exporte l'annuaire et les relations (CSV, Excel, GEXF pour Gephi)"
    )
    export.add_argument("--diagnostic", type=int, required=True, help="numéro du diagnostic")
    export.add_argument("--what", choices=("annuaire", "relations"), default="annuaire")
    export.add_argument("--format", choices=FORMATS, default="csv")
    export.add_argument("--output", required=True, help="fichier à écrire")
    export.set_defaults(func=run_export)


def _diagnostic(session: Any, number: int) -> int:
    from essdash.cli import CliError
    from essdash.models import Diagnostic

    if session.get(Diagnostic, number) is None:
        raise CliError(f"--diagnostic : diagnostic n° {number} inconnu (voir `diagnostics`).")
    return number


def run_search(args: argparse.Namespace) -> int:
    from essdash.actors.search import search_sirene, territory_codes
    from essdash.db import read_session

    with read_session() as session:
        communes = territory_codes(session, _diagnostic(session, args.diagnostic))
    hits = search_sirene(args.text, communes, limit=args.limit)
    if args.format == "json":
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("Aucun établissement trouvé dans le territoire du diagnostic.")
    for h in hits:
        state = "" if h.active else " (fermé)"
        print(f"{h.siret}  {h.name}{state} — {h.address or h.commune}  [{h.score:.2f}]")
    return 0


def run_build(_args: argparse.Namespace) -> int:
    from essdash.cli import CliError
    from essdash.indicators import search_index

    if not search_index.ensure():
        raise CliError("aucun stock Sirene importé (voir `import-sirene`).")
    print(f"Index de recherche : {search_index.build():,} établissements.".replace(",", " "))
    return 0


def run_duplicates(args: argparse.Namespace) -> int:
    from essdash.actors import duplicates
    from essdash.cli import CliError
    from essdash.db import read_session, write_session
    from essdash.errors import UserError

    if args.merge:
        try:
            with write_session() as session:
                _diagnostic(session, args.diagnostic)
                kept = duplicates.merge(session, keep_id=args.merge[0], other_id=args.merge[1])
                print(f"Fiches fusionnées dans « {kept.name} » (n° {kept.id}).")
        except UserError as error:
            raise CliError(str(error)) from error
        return 0
    with read_session() as session:
        pairs = duplicates.find_duplicates(session, _diagnostic(session, args.diagnostic))
    if not pairs:
        print("Aucun doublon probable.")
    for p in pairs:
        print(f"n° {p.keep_id} « {p.keep_name} » / n° {p.other_id} « {p.other_name} » : {p.reason}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from essdash.actors import exports
    from essdash.cli import CliError
    from essdash.db import read_session

    with read_session() as session:
        number = _diagnostic(session, args.diagnostic)
        if args.format == "xlsx":
            data = exports.directory_xlsx(session, number)
        elif args.format == "gexf":
            data = exports.relations_gexf(session, number)
        elif args.what == "relations":
            data = exports.relations_csv(session, number)
        else:
            data = exports.directory_csv(session, number)
    output = Path(args.output)
    if not output.parent.is_dir():
        raise CliError(f"--output : le dossier {output.parent} n'existe pas.")
    output.write_bytes(data)
    print(f"{output} écrit ({len(data)} octets).")
    return 0
