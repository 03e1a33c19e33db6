"""SQL building blocks of the Sirene import: column mapping, checks, the establishment projection.

The projection reads each source column once, as the CSV reader gives it (empty field = NULL),
checks every row in the same scan (a bad value stops the query; the importer then finds its
lines), joins the legal units on siren and the geolocation file on siret, and converts
coordinates (sirene_geo).
"""

from __future__ import annotations

import duckdb

from essdash.importers import sirene_geo
from essdash.importers.sources import Source

ColumnSpec = dict[str, tuple[str, ...]]

# logical name -> accepted column names (first one is the INSEE name, shown in errors)
ESTABLISHMENT_REQUIRED: ColumnSpec = {
    "siret": ("siret",),
    "commune": ("codeCommuneEtablissement",),
    "etat": ("etatAdministratifEtablissement",),
    "naf": ("activitePrincipaleEtablissement",),
    "tranche": ("trancheEffectifsEtablissement",),
}
ESTABLISHMENT_OPTIONAL: ColumnSpec = {
    "siren": ("siren",),
    "naf_nomenclature": ("nomenclatureActivitePrincipaleEtablissement",),
    "date_creation": ("dateCreationEtablissement",),
    "diffusion": ("statutDiffusionEtablissement",),
    "usual_name": ("denominationUsuelleEtablissement",),
    "sign": ("enseigne1Etablissement",),
    "x": ("coordonneeLambertAbscisseEtablissement",),
    "y": ("coordonneeLambertOrdonneeEtablissement",),
    "lon": ("longitude", "lon"),
    "lat": ("latitude", "lat"),
    "cj": ("categorieJuridiqueUniteLegale",),
    "ess": ("economieSocialeSolidaireUniteLegale",),
    "ul_name": ("denominationUniteLegale",),
    "acronym": ("sigleUniteLegale",),
    # the address, for the directory's search (essdash.actors)
    "street_no": ("numeroVoieEtablissement",),
    "street_rep": ("indiceRepetitionEtablissement",),
    "street_type": ("typeVoieEtablissement",),
    "street": ("libelleVoieEtablissement",),
    "postcode": ("codePostalEtablissement",),
    "city": ("libelleCommuneEtablissement",),
}
LEGAL_UNIT_REQUIRED: ColumnSpec = {
    "siren": ("siren",),
    "cj": ("categorieJuridiqueUniteLegale",),
}
LEGAL_UNIT_OPTIONAL: ColumnSpec = {
    "ess": ("economieSocialeSolidaireUniteLegale",),
    "ul_name": ("denominationUniteLegale",),
    "ul_last_name": ("nomUniteLegale",),
    "acronym": ("sigleUniteLegale",),
}
# INSEE's GeolocalisationEtablissement_Sirene_pour_etudes_statistiques (one row per siret).
GEO_REQUIRED: ColumnSpec = {"siret": ("siret",)}
GEO_OPTIONAL: ColumnSpec = {
    "x": ("x",),
    "y": ("y",),
    "epsg": ("epsg",),
    "lon": ("x_longitude",),
    "lat": ("y_latitude",),
}

# INSEE's size classes (trancheEffectifs*): NN = no employee, then 00 to 53.
SIZE_CLASSES = ("NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42",
                "51", "52", "53")  # fmt: skip
CHECK_FAILED = "essdash-check-failed"


def resolve(source: Source, required: ColumnSpec, optional: ColumnSpec) -> dict[str, str | None]:
    """Logical name -> actual column; a missing required column raises ImportFailed."""
    found: dict[str, str | None] = {k: source.require(*names) for k, names in required.items()}
    found.update({k: source.find(*names) for k, names in optional.items()})
    return found


def col(columns: dict[str, str | None], key: str, source: Source, alias: str = "s") -> str:
    """A column's text, NULL when absent or empty (the CSV reader already reads '' as NULL)."""
    name = columns.get(key)
    if name is None:
        return "CAST(NULL AS VARCHAR)"
    quoted = alias + '."' + name.replace('"', '""') + '"'
    return quoted if source.is_csv else f"nullif(CAST({quoted} AS VARCHAR), '')"


def _name(columns: dict[str, str | None], key: str, source: Source) -> str:
    """A maskable field (names, dates, size class): '[ND]' (diffusion partielle) is NULL."""
    return f"nullif({col(columns, key, source)}, '[ND]')"


def naf_rev2_expr(naf: str, nomenclature: str) -> str:
    """The NAF rév. 2 code with its dot, or NULL for other nomenclatures (NAP, NAF 1993...)."""
    dotted = (
        f"CASE WHEN regexp_full_match({naf}, '\\d{{2}}\\.\\d{{2}}[A-Z]') THEN {naf} "
        f"WHEN regexp_full_match({naf}, '\\d{{4}}[A-Z]') "
        f"THEN substr({naf}, 1, 2) || '.' || substr({naf}, 3) END"
    )
    return f"CASE WHEN coalesce({nomenclature}, 'NAFRev2') = 'NAFRev2' THEN {dotted} END"


def _checked(checks: tuple[tuple[str, str, str], ...], values: dict[str, str]) -> str:
    """A WHERE clause true for a good row that stops the query on the first bad one."""
    bad = " OR ".join(f"({predicate.format(v=values[key])})" for key, _e, predicate in checks)
    return f"CASE WHEN {bad} THEN error('{CHECK_FAILED}') ELSE true END"


def establishment_values(cols: dict[str, str | None], source: Source) -> dict[str, str]:
    """Stored key -> expression on the source row (the checks use the same ones)."""
    return {
        "siret": col(cols, "siret", source),
        "commune": f"upper({col(cols, 'commune', source)})",
        "etat": col(cols, "etat", source),
        # fields INSEE may mask with [ND] (diffusion partielle) read as unknown
        "tranche": _name(cols, "tranche", source),
        "date_creation": _name(cols, "date_creation", source),
    }


def establishment_select(
    cols: dict[str, str | None],
    source: Source,
    legal_units: str | None,
    geo: str | None = None,
) -> str:
    """SELECT producing the stored establishment table from a source, optional legal units (a
    stored Parquet file) and an optional geolocation table (siret, gx, gy, gepsg, glon, glat)."""
    v = establishment_values(cols, source)
    siret = v["siret"]
    naf = col(cols, "naf", source)
    names = [_name(cols, "usual_name", source), _name(cols, "sign", source)]
    base = f"""
        SELECT {siret} AS siret, coalesce({col(cols, "siren", source)}, substr({siret}, 1, 9))
                   AS siren,
               {v["commune"]} AS commune, {v["etat"]} AS etat, {naf} AS naf,
               {naf_rev2_expr(naf, col(cols, "naf_nomenclature", source))} AS naf_rev2,
               coalesce({v["tranche"]}, '') AS tranche,
               CAST(substr({v["date_creation"]}, 1, 10) AS DATE) AS date_creation,
               coalesce({col(cols, "diffusion", source)}, 'O') AS diffusion,
               coalesce({", ".join(names)}) AS own_name, {names[1]} AS sign,
               {_address(cols, source)} AS address,
               {_name(cols, "acronym", source)} AS file_acronym,
               {_name(cols, "ul_name", source)} AS file_ul_name,
               {col(cols, "cj", source)} AS file_cj, upper({col(cols, "ess", source)}) AS file_ess,
               TRY_CAST({col(cols, "x", source)} AS DOUBLE) AS ex,
               TRY_CAST({col(cols, "y", source)} AS DOUBLE) AS ey,
               TRY_CAST({col(cols, "lon", source)} AS DOUBLE) AS elon,
               TRY_CAST({col(cols, "lat", source)} AS DOUBLE) AS elat
        FROM {source.relation} s WHERE {_checked(ESTABLISHMENT_CHECKS, v)}
    """
    joined = _joined(base, legal_units, geo)
    carried = "siret, siren, commune, etat, naf, naf_rev2, tranche, date_creation, diffusion, "
    carried += "name, cj, ess, sign, acronym, legal_name, address"
    return sirene_geo.with_lonlat(joined, carried)


def _address(cols: dict[str, str | None], source: Source) -> str:
    """'12 B RUE DE LA GARE, 80000 AMIENS' (NULL parts skipped; '[ND]' when masked is NULL)."""
    street = ", ".join(_name(cols, k, source) for k in ("street_no", "street_rep", "street_type"))
    town = f"concat_ws(' ', {_name(cols, 'postcode', source)}, {_name(cols, 'city', source)})"
    line = f"concat_ws(' ', {street}, {_name(cols, 'street', source)})"
    return f"nullif(concat_ws(', ', nullif({line}, ''), nullif({town}, '')), '')"


def _joined(base: str, legal_units: str | None, geo: str | None) -> str:
    """The establishment rows with their legal unit and geolocation. Projected coordinates are
    converted only for active establishments (the points a map shows); given longitudes and
    latitudes are kept for every row."""
    u_join = (
        f"LEFT JOIN read_parquet('{legal_units}') u ON u.siren = e.siren" if legal_units else ""
    )
    g_join = f"LEFT JOIN {geo} g ON g.gsiret = e.siret" if geo else ""
    u = "u" if legal_units else None
    g = "g" if geo else None

    def pick(table: str | None, column: str) -> str:
        return f"{table}.{column}" if table else "CAST(NULL AS VARCHAR)"

    def num(table: str | None, column: str) -> str:
        return f"{table}.{column}" if table else "CAST(NULL AS DOUBLE)"  # epsg: cast below

    commune_epsg = sirene_geo.epsg_of_commune("e.commune")
    # legal units stored by an import before the acronym was kept have no such column
    acronym = pick(u, "acronym") if legal_units and _has_acronym(legal_units) else "NULL"
    return f"""
        SELECT e.siret, e.siren, e.commune, e.etat, e.naf, e.naf_rev2, e.tranche, e.date_creation,
               e.diffusion, coalesce(e.own_name, {pick(u, "name")}, e.file_ul_name) AS name,
               coalesce({pick(u, "cj")}, e.file_cj) AS cj,
               coalesce({pick(u, "ess")}, e.file_ess) AS ess, e.sign, e.address,
               coalesce({acronym}, e.file_acronym) AS acronym,
               coalesce({pick(u, "name")}, e.file_ul_name) AS legal_name,
               coalesce({num(g, "glon")}, e.elon) AS lon0,
               coalesce({num(g, "glat")}, e.elat) AS lat0,
               CASE WHEN e.etat = 'A' THEN coalesce({num(g, "gx")}, e.ex) END AS x,
               coalesce({num(g, "gy")}, e.ey) AS y,
               CASE WHEN {num(g, "gx")} IS NOT NULL THEN CAST({num(g, "gepsg")} AS INTEGER)
                    ELSE {commune_epsg} END AS epsg
        FROM ({base}) e {u_join} {g_join}
    """


def _has_acronym(legal_units: str) -> bool:
    con = duckdb.connect()
    try:
        names = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{legal_units}')").fetchall()
    finally:
        con.close()
    return any(row[0] == "acronym" for row in names)


def geo_select(cols: dict[str, str | None], source: Source) -> str:
    """The geolocation file as (gsiret, gx, gy, gepsg, glon, glat), numbers with '.' or ','."""

    def number(key: str) -> str:
        return f"TRY_CAST(replace({col(cols, key, source)}, ',', '.') AS DOUBLE)"

    siret = col(cols, "siret", source)
    check = _checked(GEO_CHECKS, {"siret": siret, "epsg": col(cols, "epsg", source)})
    return f"""
        (SELECT {siret} AS gsiret, {number("x")} AS gx, {number("y")} AS gy,
                TRY_CAST({col(cols, "epsg", source)} AS INTEGER) AS gepsg,
                {number("lon")} AS glon, {number("lat")} AS glat
         FROM {source.relation} s WHERE {check})
    """


def legal_unit_select(cols: dict[str, str | None], source: Source) -> str:
    """One row per source line (no GROUP BY: a siren given twice is found after the join)."""
    siren = col(cols, "siren", source)
    name = f"coalesce({_name(cols, 'ul_name', source)}, {_name(cols, 'ul_last_name', source)})"
    return f"""
        SELECT {siren} AS siren, {col(cols, "cj", source)} AS cj,
               upper({col(cols, "ess", source)}) AS ess, {name} AS name,
               {_name(cols, "acronym", source)} AS acronym
        FROM {source.relation} s WHERE {_checked(LEGAL_UNIT_CHECKS, {"siren": siren})}
    """


# (key, expected, predicate of a bad value with {v} standing for the source value); never NULL.
ESTABLISHMENT_CHECKS = (
    ("siret", "14 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{14}}')"),
    (
        "commune",
        "un code commune INSEE de 5 caractères (ou vide à l'étranger)",
        "{v} IS NOT NULL AND NOT regexp_full_match({v}, '\\d[\\dAB]\\d{{3}}')",
    ),
    ("etat", "A ou F", "coalesce({v}, '') NOT IN ('A', 'F')"),
    (
        "tranche",
        "une tranche d'effectif INSEE (NN, 00, 01, 02, 03, 11, 12, 21 … 53) ou vide",
        # a regular expression, not an IN list (DuckDB turns a long IN list into a join)
        "{v} IS NOT NULL AND NOT regexp_full_match({v}, '" + "|".join(SIZE_CLASSES) + "')",
    ),
    (
        "date_creation",
        "une date au format AAAA-MM-JJ (par exemple 2019-12-31) ou vide",
        "{v} IS NOT NULL AND TRY_CAST(substr({v}, 1, 10) AS DATE) IS NULL",
    ),
)
LEGAL_UNIT_CHECKS = (
    ("siren", "9 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{9}}')"),
)
GEO_CHECKS = (
    ("siret", "14 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{14}}')"),
    (
        "epsg",
        "un code EPSG connu (" + ", ".join(map(str, sirene_geo.EPSG_CODES)) + ") ou vide",
        "{v} IS NOT NULL AND coalesce(TRY_CAST({v} AS INTEGER) NOT IN ("
        + ", ".join(map(str, sirene_geo.EPSG_CODES))
        + "), true)",
    ),
)
