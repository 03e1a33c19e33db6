"""`import-cog`: careless and hostile geography files (JSON of @etalab, CSV of INSEE)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tests.importers.corpus import samples as s
from tests.importers.corpus.model import BadCase


def _json(name: str, build: Callable[[Path], Any], encoding: str = "utf-8") -> Any:
    def make(shared: Path) -> Mapping[str, bytes]:
        return {name: s.dumps(build(shared), encoding)}

    return make


def _raw(name: str, build: Callable[[Path], bytes]) -> Any:
    def make(shared: Path) -> Mapping[str, bytes]:
        return {name: build(shared)}

    return make


def _case(name: str, file: str, make: Any, *expect: str, **extra: Any) -> BadCase:
    return BadCase(name, ("import-cog", f"{{dir}}/{file}"), make, (file, *expect), **extra)


def _communes_with(index: int, **fields: Any) -> Callable[[Path], Any]:
    def build(shared: Path) -> Any:
        items = s.communes(shared)
        items[index].update(fields)
        return items

    return build


def _epci_with(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], Any]:
    def build(shared: Path) -> Any:
        items = s.epcis(shared)
        change(items[1])
        return items

    return build


def _csv(lines: Callable[[Path], list[str]], encoding: str = "utf-8") -> Callable[[Path], bytes]:
    return lambda shared: ("\n".join(lines(shared)) + "\n").encode(encoding)


def _latin1_lines(shared: Path) -> list[str]:
    lines = s.cog_csv(shared)
    lines[2] = lines[2].replace(",,0,,", ",,0,,Éragny-", 1)
    return lines


def _with_line(index: int, line: str) -> Callable[[Path], list[str]]:
    def lines(shared: Path) -> list[str]:
        found = s.cog_csv(shared)
        found[index] = line
        return found

    return lines


def _unknown_member(epci: dict[str, Any]) -> None:
    epci["membres"].append({"code": "99999", "nom": "Nulle-Part"})


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda item: item.__setitem__(key, value)


def cases() -> list[BadCase]:
    deep = b"[" * 200_000 + b"]" * 200_000
    return [
        _case(
            "cog-csv-latin1",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(_latin1_lines, "latin-1")),
            "ligne 3",
            "encodage attendu UTF-8",
        ),
        _case(
            "cog-csv-utf16",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(s.cog_csv, "utf-16")),
            "ligne 1",
            "UTF-16",
        ),
        _case(
            "cog-json-utf16",
            "communes.json",
            _json("communes.json", s.communes, "utf-16"),
            "ligne 1",
            "UTF-16",
        ),
        _case(
            "cog-json-deep",
            "communes.json",
            _raw("communes.json", lambda _s: deep),
            "imbriqué trop profondément",
        ),
        _case(
            "cog-population-text",
            "communes.json",
            _json("communes.json", _communes_with(1, population="beaucoup")),
            "élément n° 2",
            "« population »",
            "entier positif ou nul",
            "beaucoup",
        ),
        _case(
            "cog-population-negative",
            "communes.json",
            _json("communes.json", _communes_with(2, population=-860)),
            "élément n° 3",
            "« population »",
            "-860",
        ),
        _case(
            "cog-population-boolean",
            "communes.json",
            _json("communes.json", _communes_with(0, population=True)),
            "élément n° 1",
            "« population »",
        ),
        _case(
            "cog-population-nan",
            "communes.json",
            _raw(
                "communes.json",
                lambda sh: s.dumps(s.communes(sh)).replace(
                    b'"population": ', b'"population": NaN, "x": ', 1
                ),
            ),
            "NaN",
            "nombre fini attendu",
        ),
        _case(
            "cog-items-not-objects",
            "communes.json",
            _json("communes.json", lambda sh: [*s.communes(sh, 2), "44109", 12]),
            "élément n° 3",
            "objet JSON attendu",
            "un texte",
        ),
        _case(
            "cog-name-is-list",
            "communes.json",
            _json("communes.json", _communes_with(1, nom=["Nantes", "Naoned"])),
            "élément n° 2",
            "« nom »",
            "une liste",
        ),
        _case(
            "cog-former-codes-not-list",
            "communes.json",
            _json("communes.json", _communes_with(0, anciensCodes={"a": 1})),
            "élément n° 1",
            "« anciensCodes »",
            "liste de codes",
        ),
        _case(
            "cog-commune-code-short",
            "communes.json",
            _json("communes.json", _communes_with(3, code="4410")),
            "élément n° 4",
            "5 caractères",
            "4410",
        ),
        _case(
            "cog-json-empty-list",
            "communes.json",
            _raw("communes.json", lambda _s: b"[]"),
            "ligne 1",
            "liste d'objets JSON attendue",
        ),
        _case(
            "cog-json-empty-file",
            "communes.json",
            _raw("communes.json", lambda _s: b""),
            "ligne 1",
            "JSON invalide",
        ),
        _case(
            "cog-json-truncated",
            "communes.json",
            _raw("communes.json", lambda sh: s.dumps(s.communes(sh, 20))[:3000]),
            "JSON invalide",
        ),
        _case(
            "cog-json-unknown-shape",
            "communes.json",
            _json("communes.json", lambda _s: [{"id": 1, "label": "Nantes"}]),
            "élément n° 1",
            "« code », « nom » et « type »",
        ),
        _case(
            "cog-epci-unknown-member",
            "epci.json",
            _json("epci.json", _epci_with(_unknown_member)),
            "élément n° 2",
            "« 99999 » n'est pas une commune connue",
        ),
        _case(
            "cog-epci-members-not-objects",
            "epci.json",
            _json("epci.json", _epci_with(_set("membres", ["44109", "44026"]))),
            "élément n° 2",
            "membre n° 1",
            "objet attendu",
        ),
        _case(
            "cog-epci-members-not-list",
            "epci.json",
            _json("epci.json", _epci_with(_set("membres", "44109"))),
            "élément n° 2",
            "« membres »",
            "liste non vide",
        ),
        _case(
            "cog-epci-population-negative",
            "epci.json",
            _json("epci.json", _epci_with(_set("populationMunicipale", -5))),
            "élément n° 2",
            "« populationMunicipale »",
            "-5",
        ),
        _case(
            "cog-csv-header-only",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(lambda sh: s.cog_csv(sh)[:1])),
            "aucune ligne de données",
        ),
        _case(
            "cog-csv-nul-byte",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(_with_line(3, "COM,44003,52,44,,,0,,A\x00cis,Ancis,,"))),
            "ligne 4",
            "mal formée",
        ),
        _case(
            "cog-csv-huge-field",
            "v_commune.csv",
            _raw(
                "v_commune.csv",
                _csv(_with_line(2, 'COM,44002,52,44,,,0,,"' + "A" * 200_000 + '",X,,')),
            ),
            "ligne 3",
            "mal formée",
        ),
        _case(
            "cog-csv-code-short",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(_with_line(2, "COM,4410,52,44,,,0,,Nantes,Nantes,,"))),
            "ligne 3",
            "colonne « COM »",
            "4410",
        ),
        _case(
            "cog-csv-missing-dep",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(_with_line(4, "COM,44004,52,,,,0,,Ancenis,Ancenis,,"))),
            "ligne 5",
            "« DEP » vide",
        ),
        _case(
            "cog-workbook",
            "communes.xlsx",
            _raw("communes.xlsx", lambda sh: s.workbook([r.split(",") for r in s.cog_csv(sh)])),
            "classeur",
            "Formats acceptés",
        ),
        _case(
            "cog-pdf-as-csv",
            "v_commune.csv",
            _raw("v_commune.csv", lambda _s: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
            "document PDF",
            "Formats acceptés",
        ),
        _case(
            "cog-json-too-large",
            "communes.json",
            _json("communes.json", s.communes),
            "ESSDASH_JSON_MAX_BYTES",
            env=(("ESSDASH_JSON_MAX_BYTES", "500"),),
        ),
        _case(
            "cog-csv-utf16le-no-bom",
            "v_commune.csv",
            _raw("v_commune.csv", _csv(s.cog_csv, "utf-16-le")),
            "ligne 1",
            "lu UTF-16",
        ),
        _case(
            "cog-geojson-given",
            "contours.geojson",
            _raw("contours.geojson", lambda sh: s.dumps(s.collection(s.features(sh)))),
            "ligne 1",
            "colonnes attendues",
        ),
    ]
