"""`catchment`: what the zones de chalandise of a workshop cover, per commune (JSON or CSV)."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "catchment",
        help="couverture du territoire par les zones de chalandise d'un atelier",
        description="Par commune du territoire : population, nombre de zones de chalandise qui la "
        "couvrent, structures (identifiants), secteurs ; et les communes non couvertes.",
    )
    parser.add_argument("--workshop", required=True, metavar="CODE", help="code de l'atelier")
    parser.add_argument(
        "--sector", metavar="CLE", help="ne compter que les zones de ce secteur (clé)"
    )
    parser.add_argument(
        "--min-share",
        type=float,
        default=0.10,
        metavar="PART",
        help="part minimale de la surface d'une commune couverte par une zone (défaut : 0.10)",
    )
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.set_defaults(func=run_catchment)


def run_catchment(args: argparse.Namespace) -> int:
    from essdash.catchment import export, service
    from essdash.cli import CliError
    from essdash.db import read_session
    from essdash.errors import UserError
    from essdash.workshop.participants import workshop_by_code

    try:
        share = service.check_min_share(args.min_share)
        with read_session() as session:
            workshop = workshop_by_code(session, args.workshop)
            if workshop is None:
                raise UserError(f"Atelier : aucun atelier n'a le code « {args.workshop} ».")
            code = workshop.join_code
            coverage = service.coverage_of(
                session,
                diagnostic_id=workshop.diagnostic_id,
                workshop_ids=[workshop.id],
                min_share=share,
            )
        sector = service.check_sector(coverage, args.sector)
    except UserError as error:
        raise CliError(str(error)) from error
    if args.format == "csv":
        print(export.as_csv(coverage, sector=sector), end="")
    else:
        document = export.as_json(coverage, workshop=code, sector=sector)
        print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0
