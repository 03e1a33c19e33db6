"""Quantitative diagnostic: imports (COG, contours, Sirene, URSSAF) and `indicators`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from essdash.cli import CliError
from essdash.errors import UserError
from essdash.formatting import fmt_share
from essdash.indicators.perimeter import PERIMETER_CHOICES, STATISTICAL


def register(subparsers: Any) -> None:
    cog = subparsers.add_parser("import-cog", help="importe la géographie (COG, EPCI)")
    cog.add_argument("files", nargs="+", type=Path, metavar="FICHIER")
    cog.set_defaults(func=run_import_cog)
    contours = subparsers.add_parser("import-contours", help="importe des contours GeoJSON")
    contours.add_argument("files", nargs="+", type=Path, metavar="FICHIER.geojson")
    contours.set_defaults(func=run_import_contours)
    sirene = subparsers.add_parser("import-sirene", help="importe les stocks Sirene")
    sirene.add_argument("--etablissements", type=Path, required=True, metavar="FICHIER")
    sirene.add_argument("--unites-legales", type=Path, metavar="FICHIER")
    sirene.add_argument("--geolocalisation", type=Path, metavar="FICHIER")
    sirene.set_defaults(func=run_import_sirene)
    history = subparsers.add_parser(
        "import-sirene-historique", help="importe l'historique Sirene (évolution depuis 2010)"
    )
    history.add_argument("--etablissements", type=Path, required=True, metavar="FICHIER")
    history.add_argument("--unites-legales", type=Path, metavar="FICHIER")
    history.set_defaults(func=run_import_history)
    urssaf = subparsers.add_parser("import-urssaf", help="importe les effectifs URSSAF")
    urssaf.add_argument("file", type=Path, metavar="FICHIER")
    urssaf.set_defaults(func=run_import_urssaf)
    _register_indicators(subparsers)


def _register_indicators(subparsers: Any) -> None:
    parser = subparsers.add_parser("indicators", help="affiche les chiffres d'un territoire")
    parser.add_argument("--territory", required=True, metavar="TYPE:CODE")
    parser.add_argument("--reference", action="append", metavar="TYPE:CODE")
    parser.add_argument("--perimeter", choices=list(PERIMETER_CHOICES), default=STATISTICAL)
    parser.add_argument("--secret", action="store_true", help="masque les cases sous secret")
    parser.add_argument(
        "--filiere", metavar="CLE", help="restreint à une filière (data/filieres.csv)"
    )
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument(
        "--series", action="store_true", help="ajoute l'évolution année par année (JSON)"
    )
    parser.set_defaults(func=run_indicators)


def _user_errors(run: Any) -> Any:
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return int(run(args))
        except UserError as error:
            raise CliError(str(error)) from error

    return wrapped


@_user_errors
def run_import_cog(args: argparse.Namespace) -> int:
    from essdash.db import write_session
    from essdash.importers.cog import import_cog_files

    with write_session() as session:
        for line in import_cog_files(session, args.files):
            print(line)
    return 0


@_user_errors
def run_import_contours(args: argparse.Namespace) -> int:
    from essdash.db import write_session
    from essdash.importers.contours import import_contours_files

    with write_session() as session:
        for line in import_contours_files(session, args.files):
            print(line)
    return 0


@_user_errors
def run_import_sirene(args: argparse.Namespace) -> int:
    from essdash.importers.sirene import import_sirene

    report = import_sirene(
        args.etablissements,
        args.unites_legales,
        geolocalisation=args.geolocalisation,
        progress=_print_progress(),
    )
    print(
        f"{report.establishments} établissements importés ({report.active} actifs, "
        f"{report.with_coordinates} géolocalisés, {report.with_legal_form} avec forme juridique) "
        f"en {report.seconds:.1f} s."
    )
    return 0


def _print_progress() -> Callable[[float, str], None]:
    """Print the import's progress (rows read) to stderr, at most every 2 seconds."""
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 2.0 or fraction >= 1.0:
            last[0] = now
            print(f"{fmt_share(fraction):>8}  {message}", file=sys.stderr, flush=True)

    return report


@_user_errors
def run_import_history(args: argparse.Namespace) -> int:
    from essdash.importers.sirene_history import import_history

    report = import_history(args.etablissements, args.unites_legales)
    legal = (
        f", {report.legal_unit_periods} périodes d'unités légales"
        if report.legal_unit_periods is not None
        else ""
    )
    print(
        f"{report.periods} périodes de {report.establishments} établissements importées{legal} "
        f"en {report.seconds:.1f} s."
    )
    return 0


@_user_errors
def run_import_urssaf(args: argparse.Namespace) -> int:
    from essdash.importers.urssaf import import_urssaf

    report = import_urssaf(args.file)
    print(
        f"{report.rows} lignes commune × APE importées "
        f"({report.communes} communes, années {report.years})."
    )
    return 0


@_user_errors
def run_indicators(args: argparse.Namespace) -> int:
    from essdash.db import read_session
    from essdash.indicators.compute import compute_report
    from essdash.indicators.filieres import load_filieres
    from essdash.indicators.output import long_frame, report_dict, to_csv

    prefixes, label = None, None
    if args.filiere:
        found = {f.key: f for f in load_filieres()}
        if args.filiere not in found:
            raise CliError(f"Filière « {args.filiere} » inconnue ({', '.join(found)}).")
        prefixes, label = found[args.filiere].prefixes, found[args.filiere].label
    with read_session() as session:
        report = compute_report(
            session, args.territory, args.reference, choice=args.perimeter,
            naf_prefixes=prefixes, filiere=label,
        )  # fmt: skip
    if args.format == "json":
        data = report_dict(report, masked=args.secret)
        if args.series:
            _add_series(data, report, args.perimeter)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sys.stdout.write(to_csv(long_frame(report, masked=args.secret)))
    return 0


def _add_series(data: dict[str, Any], report: Any, choice: str) -> None:
    """`series`: year -> the headline keys plus creations and closures (main and references)."""
    from essdash.db import read_session
    from essdash.indicators import series
    from essdash.indicators.perimeter import load_perimeter

    p = load_perimeter()
    with read_session() as session:
        for target, figures in zip(
            [data, *data["references"]], [report.main, *report.references], strict=True
        ):
            target["series"] = series.as_dict(series.yearly(session, figures.territory, choice, p))
