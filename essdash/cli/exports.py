"""`export-excel`, `export-geo`, `export-document`: the same files as the « Exports » page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from essdash.readmodel.scope import Scope


def register(subparsers: Any) -> None:
    excel = subparsers.add_parser(
        "export-excel", help="classeur Excel d'un atelier (ou de tous les ateliers d'un diagnostic)"
    )
    which = excel.add_mutually_exclusive_group(required=True)
    which.add_argument("--workshop", metavar="CODE", help="code de l'atelier (ex. DEMO)")
    which.add_argument("--diagnostic", metavar="ID", type=int, help="numéro du diagnostic")
    excel.add_argument("--output", required=True, type=Path, help="fichier .xlsx à écrire")
    excel.set_defaults(func=run_excel)

    layers = subparsers.add_parser(
        "export-geo", help="couches sites et zones (GeoJSON WGS 84 et CSV WKT) pour QGIS ou uMap"
    )
    which = layers.add_mutually_exclusive_group(required=True)
    which.add_argument("--workshop", metavar="CODE", help="code de l'atelier")
    which.add_argument("--diagnostic", metavar="ID", type=int, help="numéro du diagnostic")
    layers.add_argument("--output-dir", required=True, type=Path, help="dossier de sortie")
    layers.set_defaults(func=run_geo)

    document = subparsers.add_parser(
        "export-document", help="document de restitution (PDF) d'un diagnostic"
    )
    which = document.add_mutually_exclusive_group(required=True)
    which.add_argument("--diagnostic", metavar="ID", type=int, help="numéro du diagnostic")
    which.add_argument(
        "--workshop", metavar="CODE", help="code d'un atelier : le diagnostic de cet atelier"
    )
    document.add_argument("--output", required=True, type=Path, help="fichier .pdf à écrire")
    document.set_defaults(func=run_document)


def _scope(session: Any, args: argparse.Namespace) -> Scope:
    from essdash.cli import CliError
    from essdash.errors import UserError
    from essdash.readmodel.scope import diagnostic_scope, workshop_scope

    try:
        if getattr(args, "workshop", None):
            return workshop_scope(session, code=args.workshop)
        return diagnostic_scope(session, diagnostic_id=args.diagnostic)
    except UserError as error:
        raise CliError(str(error)) from error


def run_excel(args: argparse.Namespace) -> int:
    from essdash.db import read_session
    from essdash.exports.workbook import workbook_bytes

    with read_session() as session:
        data = workbook_bytes(session, _scope(session, args))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"Classeur écrit : {args.output} ({len(data) // 1024} Kio)")
    return 0


def run_geo(args: argparse.Namespace) -> int:
    from essdash.db import read_session
    from essdash.exports import geo

    with read_session() as session:
        written = geo.write_layers(session, _scope(session, args), args.output_dir)
    for path in written:
        print(f"Couche écrite : {path}")
    return 0


def run_document(args: argparse.Namespace) -> int:
    from essdash.cli import CliError
    from essdash.db import read_session
    from essdash.errors import UserError
    from essdash.exports.document import restitution_pdf

    with read_session() as session:
        diagnostic_id = _scope(session, args).diagnostic.id
        try:
            data = restitution_pdf(session, diagnostic_id=diagnostic_id)
        except UserError as error:
            raise CliError(str(error)) from error
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"Document écrit : {args.output} ({len(data) // 1024} Kio)")
    return 0
