"""SQL building blocks of the Sirene import: column mapping, normalisation, Lambert-93 → WGS 84."""

from __future__ import annotations

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
}
LEGAL_UNIT_REQUIRED: ColumnSpec = {
    "siren": ("siren",),
    "cj": ("categorieJuridiqueUniteLegale",),
}
LEGAL_UNIT_OPTIONAL: ColumnSpec = {
    "ess": ("economieSocialeSolidaireUniteLegale",),
    "ul_name": ("denominationUniteLegale",),
    "ul_last_name": ("nomUniteLegale",),
}

# Lambert-93 (EPSG:2154) inverse projection on GRS 80 (IGN note ALG0004), in plain SQL.
_L93 = {"n": 0.7256077650532670, "c": 11754255.426096, "xs": 700000.0, "ys": 12655612.049876}
_E = 0.0818191910428158
L93_MACROS = (
    f"CREATE OR REPLACE MACRO l93_iso(x, y) AS "
    f"-1 / {_L93['n']} * ln(sqrt(pow(x - {_L93['xs']}, 2) + pow(y - {_L93['ys']}, 2))"
    f" / {_L93['c']})",
    f"CREATE OR REPLACE MACRO l93_step(phi, l) AS 2 * atan(pow((1 + {_E} * sin(phi)) / "
    f"(1 - {_E} * sin(phi)), {_E / 2}) * exp(l)) - pi() / 2",
    "CREATE OR REPLACE MACRO l93_lat(x, y) AS degrees(l93_step(l93_step(l93_step(l93_step("
    "2 * atan(exp(l93_iso(x, y))) - pi() / 2, l93_iso(x, y)), l93_iso(x, y)), l93_iso(x, y)),"
    " l93_iso(x, y)))",
    f"CREATE OR REPLACE MACRO l93_lon(x, y) AS 3 + degrees(atan2(x - {_L93['xs']}, "
    f"{_L93['ys']} - y) / {_L93['n']})",
)


def resolve(
    source: Source, required: dict[str, tuple[str, ...]], optional: dict[str, tuple[str, ...]]
) -> dict[str, str | None]:
    """Logical name -> actual column; a missing required column raises ImportFailed."""
    found: dict[str, str | None] = {k: source.require(*names) for k, names in required.items()}
    found.update({k: source.find(*names) for k, names in optional.items()})
    return found


def col(columns: dict[str, str | None], key: str, alias: str = "s") -> str:
    """Trimmed text of a column, NULL when absent or empty or '[ND]' (diffusion partielle)."""
    name = columns.get(key)
    if name is None:
        return "CAST(NULL AS VARCHAR)"
    quoted = '"' + name.replace('"', '""') + '"'
    return f"nullif(nullif(trim(CAST({alias}.{quoted} AS VARCHAR)), ''), '[ND]')"


def _number(expr: str) -> str:
    return f"TRY_CAST(replace({expr}, ',', '.') AS DOUBLE)"


def naf_rev2_expr(naf: str, nomenclature: str) -> str:
    """The NAF rév. 2 code with its dot, or NULL for other nomenclatures (NAP, NAF 1993...)."""
    dotted = (
        f"CASE WHEN regexp_full_match({naf}, '\\d{{2}}\\.\\d{{2}}[A-Z]') THEN {naf} "
        f"WHEN regexp_full_match({naf}, '\\d{{4}}[A-Z]') "
        f"THEN substr({naf}, 1, 2) || '.' || substr({naf}, 3) END"
    )
    return f"CASE WHEN coalesce(upper({nomenclature}), 'NAFREV2') = 'NAFREV2' THEN {dotted} END"


def establishment_select(
    cols: dict[str, str | None], source: Source, legal_units: str | None
) -> str:
    """SELECT producing the stored establishment table from a source and optional legal units."""
    x, y = _number(col(cols, "x")), _number(col(cols, "y"))
    lon, lat = _number(col(cols, "lon")), _number(col(cols, "lat"))
    valid_xy = f"({x} BETWEEN 50000 AND 1300000 AND {y} BETWEEN 6000000 AND 7200000)"
    siren = f"coalesce({col(cols, 'siren')}, substr({col(cols, 'siret')}, 1, 9))"
    join = f"LEFT JOIN read_parquet('{legal_units}') u ON u.siren = {siren}" if legal_units else ""

    def ul(key: str) -> str:
        return f"u.{key}" if legal_units else "CAST(NULL AS VARCHAR)"

    names = [col(cols, "usual_name"), col(cols, "sign"), ul("name"), col(cols, "ul_name")]
    name = f"coalesce({', '.join(names)})"
    return f"""
        SELECT {col(cols, "siret")} AS siret, {siren} AS siren,
               upper({col(cols, "commune")}) AS commune,
               upper({col(cols, "etat")}) AS etat,
               {col(cols, "naf")} AS naf,
               {naf_rev2_expr(col(cols, "naf"), col(cols, "naf_nomenclature"))} AS naf_rev2,
               coalesce(upper({col(cols, "tranche")}), '') AS tranche,
               TRY_CAST(substr({col(cols, "date_creation")}, 1, 10) AS DATE) AS date_creation,
               coalesce({col(cols, "diffusion")}, 'O') AS diffusion,
               {name} AS name,
               coalesce({ul("cj")}, {col(cols, "cj")}) AS cj,
               coalesce({ul("ess")}, upper({col(cols, "ess")})) AS ess,
               coalesce({lon}, CASE WHEN {valid_xy} THEN l93_lon({x}, {y}) END) AS lon,
               coalesce({lat}, CASE WHEN {valid_xy} THEN l93_lat({x}, {y}) END) AS lat
        FROM {source.relation} s {join}
    """


def legal_unit_select(cols: dict[str, str | None], source: Source) -> str:
    return f"""
        SELECT {col(cols, "siren")} AS siren, any_value({col(cols, "cj")}) AS cj,
               any_value(upper({col(cols, "ess")})) AS ess,
               any_value(coalesce({col(cols, "ul_name")}, {col(cols, "ul_last_name")})) AS name
        FROM {source.relation} s GROUP BY 1
    """


# (stored column, expected, predicate of a bad value with {v} standing for the value)
ESTABLISHMENT_CHECKS = (
    ("siret", "14 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{14}}')"),
    (
        "commune",
        "un code commune INSEE de 5 caractères (ou vide à l'étranger)",
        "{v} IS NOT NULL AND NOT regexp_full_match(upper({v}), '\\d[\\dAB]\\d{{3}}')",
    ),
    ("etat", "A ou F", "coalesce(upper({v}), '') NOT IN ('A', 'F')"),
)
LEGAL_UNIT_CHECKS = (
    ("siren", "9 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{9}}')"),
)
