"""Territories as sets of communes, read from the reference geography of the SQL database."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Commune, CommuneAlias, Territory, TerritoryCommune
from essdash.models.territory import TERRITORY_KINDS

FRANCE_NAME = "France"


@dataclass(frozen=True)
class TerritoryRef:
    """A territory resolved to its communes (`None` for France: no filter)."""

    kind: str
    code: str
    name: str
    communes: tuple[str, ...] | None
    departement: str | None = None
    region: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


def parse_key(text: str) -> tuple[str, str]:
    """'departement:44' -> ('departement', '44'); 'france' -> ('france', 'FR')."""
    kind, _, code = text.strip().partition(":")
    kind = kind.strip().lower()
    if kind not in TERRITORY_KINDS:
        raise UserError(
            f"Type de territoire « {kind} » inconnu (attendu : {', '.join(TERRITORY_KINDS)})."
        )
    if kind == "france":
        return kind, "FR"
    if not code.strip():
        raise UserError(f"Code de territoire manquant dans « {text} » (ex. departement:44).")
    return kind, code.strip().upper() if kind in ("commune", "departement") else code.strip()


def resolve(session: Session, kind: str, code: str) -> TerritoryRef:
    if kind == "france":
        return TerritoryRef("france", "FR", FRANCE_NAME, None)
    if kind == "commune":
        commune = session.get(Commune, code)
        if commune is None:
            raise UserError(f"Commune {code} inconnue : importez d'abord le COG.")
        return TerritoryRef(
            "commune", code, commune.name, (code,), commune.departement_code, commune.region_code
        )
    territory = session.scalar(
        select(Territory).where(Territory.kind == kind, Territory.code == code)
    )
    members = _members(session, territory, kind, code)
    if territory is None and not members:
        raise UserError(f"Territoire {kind}:{code} inconnu : importez d'abord le COG.")
    name = territory.name if territory else f"{kind.capitalize()} {code}"
    departement, region = _parents(session, territory, kind, code, members)
    return TerritoryRef(kind, code, name, tuple(sorted(members)), departement, region)


def _members(session: Session, territory: Territory | None, kind: str, code: str) -> list[str]:
    if territory is not None:
        listed = session.scalars(
            select(TerritoryCommune.commune_code).where(
                TerritoryCommune.territory_id == territory.id
            )
        ).all()
        if listed:
            return list(listed)
    column = {
        "epci": Commune.epci_code,
        "departement": Commune.departement_code,
        "region": Commune.region_code,
    }.get(kind)
    if column is None:
        return []
    return list(session.scalars(select(Commune.code).where(column == code)).all())


def _parents(
    session: Session, territory: Territory | None, kind: str, code: str, members: list[str]
) -> tuple[str | None, str | None]:
    if kind == "region":
        return None, code
    departement = code if kind == "departement" else None
    region = territory.parent_region if territory else None
    if kind != "departement":
        departement = territory.parent_departement if territory else None
    if (departement is None or region is None) and members:
        rows = session.execute(
            select(Commune.departement_code, Commune.region_code).where(
                Commune.code.in_(members[:5000])
            )
        ).all()
        if rows:
            departement = departement or Counter(r[0] for r in rows).most_common(1)[0][0]
            region = region or Counter(r[1] for r in rows).most_common(1)[0][0]
    return departement, region


def default_references(session: Session, ref: TerritoryRef) -> list[TerritoryRef]:
    """Its département, its région and France (those that exist and differ from it)."""
    found: list[TerritoryRef] = []
    wanted = []
    if ref.kind not in ("departement", "region", "france") and ref.departement:
        wanted.append(("departement", ref.departement))
    if ref.kind not in ("region", "france") and ref.region:
        wanted.append(("region", ref.region))
    for kind, code in wanted:
        try:
            found.append(resolve(session, kind, code))
        except UserError:
            continue
    if ref.kind != "france":
        found.append(resolve(session, "france", "FR"))
    return found


def aliases(session: Session) -> pd.DataFrame:
    """Old commune codes (merged communes, municipal arrondissements) -> current commune."""
    rows = session.execute(select(CommuneAlias.old_code, CommuneAlias.commune_code)).all()
    return pd.DataFrame(rows, columns=["old_code", "commune_code"], dtype="string")


def commune_frame(session: Session, codes: tuple[str, ...] | None) -> pd.DataFrame:
    """Code, name, population, centroid and geometry of communes (all when codes is None)."""
    query = select(
        Commune.code,
        Commune.name,
        Commune.population,
        Commune.centroid_lon,
        Commune.centroid_lat,
        Commune.geometry,
    )
    if codes is not None:
        query = query.where(Commune.code.in_(codes))
    rows = session.execute(query).all()
    columns = ["code", "name", "population", "lon", "lat", "geometry"]
    return pd.DataFrame(rows, columns=columns)


def commune_centroids(session: Session, codes: tuple[str, ...] | None) -> pd.DataFrame:
    """Code, département and centroid of the communes that have one (all when codes is None)."""
    query = select(
        Commune.code, Commune.departement_code, Commune.centroid_lon, Commune.centroid_lat
    ).where(Commune.centroid_lon.is_not(None))
    if codes is not None:
        query = query.where(Commune.code.in_(codes))
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["code", "departement", "lon", "lat"])


def options(session: Session, kinds: tuple[str, ...] = TERRITORY_KINDS) -> dict[str, str]:
    """'kind:code' -> label for pickers (territories first, then communes)."""
    found: dict[str, str] = {}
    if "france" in kinds:
        found["france:FR"] = FRANCE_NAME
    rows = session.execute(
        select(Territory.kind, Territory.code, Territory.name)
        .where(Territory.kind.in_([k for k in kinds if k != "commune"]))
        .order_by(Territory.kind, Territory.name)
    ).all()
    found.update({f"{k}:{c}": f"{n} ({c})" for k, c, n in rows})
    if "commune" in kinds:
        communes = session.execute(select(Commune.code, Commune.name).order_by(Commune.name)).all()
        found.update({f"commune:{c}": f"{n} ({c})" for c, n in communes})
    return found


def geography_version(session: Session) -> str:
    """Counts that change when the reference geography is re-imported (part of cache keys)."""
    communes = session.scalar(select(func.count()).select_from(Commune)) or 0
    geometries = session.scalar(select(func.count(Commune.geometry))) or 0
    territories = session.scalar(select(func.count()).select_from(Territory)) or 0
    members = session.scalar(select(func.count()).select_from(TerritoryCommune)) or 0
    aliases_n = session.scalar(select(func.count()).select_from(CommuneAlias)) or 0
    return f"{communes}:{geometries}:{territories}:{members}:{aliases_n}"


_INSEE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")


def parse_insee_codes(text: str) -> list[str]:
    """Commune codes pasted by a user (spaces, commas, semicolons or new lines between them)."""
    codes = [c.strip().upper() for c in re.split(r"[\s,;]+", text) if c.strip()]
    bad = [c for c in codes if not _INSEE.match(c)]
    if bad:
        raise UserError(
            f"Codes INSEE mal formés : {', '.join(bad[:10])} (attendu : 5 caractères, ex. 80021)."
        )
    return list(dict.fromkeys(codes))


def list_code(name: str) -> str:
    """'Pays de Thiérache' -> 'pays-de-thierache' (the CODE of `liste:CODE`)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40]


def communes_of_departement(session: Session, departement: str) -> dict[str, str]:
    """Code -> 'Name (code)' of the communes of a département, by name."""
    rows = session.execute(
        select(Commune.code, Commune.name)
        .where(Commune.departement_code == departement)
        .order_by(Commune.name)
    ).all()
    return {code: f"{name} ({code})" for code, name in rows}


def list_members(session: Session, code: str) -> list[str]:
    """Communes of the named list `code` (empty when there is none)."""
    return list(
        session.scalars(
            select(TerritoryCommune.commune_code)
            .join(Territory)
            .where(Territory.kind == "liste", Territory.code == code)
            .order_by(TerritoryCommune.commune_code)
        ).all()
    )


def save_list(session: Session, *, code: str, name: str, communes: list[str]) -> Territory:
    """Create or replace a named list of communes (a pays, a PTCE's area); caller commits."""
    name = name.strip()
    if not name:
        raise UserError("Nom de la liste : obligatoire (ex. Pays de Thiérache).")
    if not code or len(code) > 40 or not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise UserError("Code de la liste : lettres, chiffres et tirets, 40 caractères au plus.")
    if not communes:
        raise UserError("Communes de la liste : choisissez ou collez au moins une commune.")
    wanted = sorted(set(communes))
    known = set(session.scalars(select(Commune.code).where(Commune.code.in_(wanted))).all())
    unknown = [c for c in wanted if c not in known]
    if unknown:
        more = f" et {len(unknown) - 10} autres" if len(unknown) > 10 else ""
        raise UserError(f"Codes INSEE inconnus : {', '.join(unknown[:10])}{more}.")
    territory = session.scalar(
        select(Territory).where(Territory.kind == "liste", Territory.code == code)
    )
    if territory is None:
        territory = Territory(kind="liste", code=code, name=name)
        session.add(territory)
    else:
        territory.communes.clear()
        session.flush()
    territory.name = name
    territory.communes = [TerritoryCommune(commune_code=c) for c in wanted]
    session.flush()
    return territory
