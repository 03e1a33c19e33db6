"""`demo`: load (or reload) the fictional Val de Démo."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="charge la démonstration fictive « Val de Démo » (remplace la précédente)"
    )
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="ne charge la démonstration que si la base n'en contient pas encore",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from essdash.db import write_session
    from essdash.demo import DEMO_JOIN_CODE, has_demo, load_demo

    with write_session() as session:
        if args.if_empty and has_demo(session):
            print("Démonstration déjà présente : rien à faire.")
            return 0
        ctx = load_demo(session)
        print(
            f"Démonstration chargée : {len(ctx.communes)} communes fictives, "
            f"atelier « {ctx.workshop.title} », code {DEMO_JOIN_CODE}."
        )
        print(f"Code de restitution (tiré au hasard) : {ctx.diagnostic.restitution_code}")
    return 0
