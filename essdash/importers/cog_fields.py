"""Fields of the @etalab geography JSON, each refused with the element, the field and what was
expected (a text, a whole number >= 0, a list of codes, member communes that exist)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from essdash.errors import ImportFailed
from essdash.importers.geography import population as parse_population


def kind(value: Any) -> str:
    names = {list: "une liste", str: "un texte", bool: "un booléen", type(None): "null"}
    return names.get(type(value), "un nombre")


def population(path: Path, index: int, item: dict[str, Any], *names: str) -> int | None:
    """The first population field present, refused unless a whole number >= 0."""
    for name in names:
        if item.get(name) is not None:
            try:
                return parse_population(item[name])
            except ValueError as error:
                raise ImportFailed(
                    f"{path.name}, élément n° {index + 1} (code {item.get('code', '?')}) : "
                    f"champ « {name} » attendu entier positif ou nul, lu « {item[name]} »."
                ) from error
    return None


def field(path: Path, index: int, item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if isinstance(value, list | dict):
        raise ImportFailed(
            f"{path.name}, élément n° {index + 1} (code {item.get('code', '?')}) : "
            f"champ « {name} » attendu texte, lu {kind(value)}."
        )
    if value is None or str(value).strip() == "":
        raise ImportFailed(
            f"{path.name}, élément n° {index + 1} (code {item.get('code', '?')}) : "
            f"champ attendu « {name} » absent."
        )
    return str(value).strip()


def members(
    path: Path, i: int, item: dict[str, Any], known: set[str], aliases: dict[str, str]
) -> list[str]:
    """Member communes' current codes; anything but a list of known communes is refused."""
    place = f"{path.name}, élément n° {i + 1} (code {item.get('code', '?')})"
    raw = item.get("membres")
    if not isinstance(raw, list) or not raw:
        raise ImportFailed(f"{place} : champ « membres » attendu, liste non vide de communes.")
    members = []
    for n, member in enumerate(raw, start=1):
        value = member.get("code") if isinstance(member, dict) else None
        if not isinstance(value, str | int) or not str(value).strip():
            raise ImportFailed(
                f"{place}, membre n° {n} : objet attendu avec un champ « code » (commune), "
                f"lu {kind(member) if not isinstance(member, dict) else 'un objet sans code'}."
            )
        code = aliases.get(str(value).strip(), str(value).strip())
        if code not in known:
            raise ImportFailed(
                f"{place}, membre n° {n} : « {code} » n'est pas une commune connue "
                "(importez d'abord les communes, puis les EPCI)."
            )
        members.append(code)
    return members


def list_of(path: Path, i: int, item: dict[str, Any], name: str) -> list[str]:
    value = item.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ImportFailed(
            f"{path.name}, élément n° {i + 1} (code {item.get('code', '?')}) : "
            f"champ « {name} » attendu liste de codes."
        )
    return [str(v) for v in value]


def optional(path: Path, i: int, item: dict[str, Any], name: str) -> str | None:
    return field(path, i, item, name) if item.get(name) not in (None, "") else None
