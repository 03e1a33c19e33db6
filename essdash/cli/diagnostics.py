"""`create-diagnostic` and `diagnostics`: what the « Diagnostics et phases » page does."""

from __future__ import annotations

import argparse
from typing import Any

from essdash import labels


def register(subparsers: Any) -> None:
    create = subparsers.add_parser(
        "create-diagnostic", help="crée un diagnostic sur un territoire importé (COG)"
    )
    create.add_argument("--name", required=True, help="nom du diagnostic")
    create.add_argument(
        "--territory",
        required=True,
        metavar="TYPE:CODE",
        help="territoire : epci:200070993, departement:80, commune:80021, liste:CODE...",
    )
    create.add_argument(
        "--kind",
        default="territorial",
        choices=list(labels.DIAGNOSTIC_KINDS),
        help="type de diagnostic (territorial par défaut)",
    )
    create.add_argument(
        "--organisation",
        default="",
        help="organisme émetteur, écrit sur la couverture du document (ex. « CRESS Occitanie »)",
    )
    create.set_defaults(func=run_create)
    listing = subparsers.add_parser(
        "diagnostics", help="liste les diagnostics : numéro, code de restitution, territoire"
    )
    listing.set_defaults(func=run_list)


def run_create(args: argparse.Namespace) -> int:
    from essdash.cli import CliError
    from essdash.db import write_session
    from essdash.diagnostics.creation import create_diagnostic
    from essdash.errors import UserError

    try:
        with write_session() as session:
            diagnostic = create_diagnostic(
                session,
                name=args.name,
                territory_key=args.territory,
                kind=args.kind,
                issuer=args.organisation,
            )
            number, code = diagnostic.id, diagnostic.restitution_code
    except UserError as error:
        raise CliError(str(error)) from error
    print(f"Diagnostic n° {number} créé : « {diagnostic.name} ».")
    print(f"Code de restitution : {code}")
    return 0


def run_list(_args: argparse.Namespace) -> int:
    from essdash.db import read_session
    from essdash.diagnostics.creation import diagnostic_rows

    with read_session() as session:
        rows = diagnostic_rows(session)
    if not rows:
        print("Aucun diagnostic : créez-en un avec `create-diagnostic` ou chargez `demo`.")
        return 0
    print("n°\tcode de restitution\tnom\ttype\tterritoire\tateliers")
    for row in rows:
        workshops = ", ".join(row.workshops) or "aucun"
        print(
            f"{row.id}\t{row.restitution_code}\t{row.name}\t{row.kind}\t{row.territory}\t"
            f"{workshops}"
        )
    return 0
