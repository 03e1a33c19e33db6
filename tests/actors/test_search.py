"""Offline Sirene search on INSEE's real rows: ranking, accents and case, SIRET, territory."""

from __future__ import annotations

import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.actor_search_baseline import ranked_sirets
from essdash.actors.search import search_sirene
from essdash.indicators import search_index, store

from .world import somme_world


@pytest.fixture
def communes(db_url: str, shared_data: Path) -> tuple[str, ...]:
    return somme_world(shared_data).communes


def _names(text: str, communes: tuple[str, ...]) -> list[str]:
    return [hit.name for hit in search_sirene(text, communes)]


def test_part_of_a_name_in_any_case_and_accents_finds_the_establishment(
    communes: tuple[str, ...],
) -> None:
    for typed in ("sucreries marquenterre", "SUCRERIES", "Sucrèries du Marquenterre"):
        assert _names(typed, communes)[0] == "SOCIETE DES SUCRERIES DU MARQUENTERRE", typed


def test_a_word_at_the_start_of_a_name_ranks_before_one_inside(communes: tuple[str, ...]) -> None:
    # "MARQUENTERRE" starts a word in both names; the one whose words all match comes first
    names = _names("approvision marquenterre", communes)
    assert names[:2] == ["SOC APPROVISION MARQUENTERRE", "SOCIETE DES SUCRERIES DU MARQUENTERRE"]


def test_the_active_establishment_ranks_before_closed_ones_of_the_same_name(
    communes: tuple[str, ...],
) -> None:
    hits = search_sirene("lucien biquez", communes)
    assert [h.name for h in hits] == ["ETABLISSEMENTS LUCIEN BIQUEZ"] * 4
    assert hits[0].active and hits[0].siret == "00542002100056"
    assert not any(h.active for h in hits[1:])


def test_a_typo_still_finds_the_name(communes: tuple[str, ...]) -> None:
    assert _names("hernaz cartonage", communes)[0] == "HERNAS CARTONNAGE"


def test_siret_and_siren_find_their_establishments(communes: tuple[str, ...]) -> None:
    hits = search_sirene("005 520 176 00032", communes)
    assert [h.siret for h in hits] == ["00552017600032"]
    assert hits[0].address == "ZONE DES HAYETTES, 80210 CHEPY"
    assert hits[0].sector == "industrie_construction"  # NAF 17.21A, division 17
    assert {h.siret for h in search_sirene("005520176", communes)} == {
        "00552017600016",
        "00552017600032",
    }


def test_picking_fills_legal_form_family_sector_and_size(communes: tuple[str, ...]) -> None:
    hit = search_sirene("sucreries", communes)[0]
    assert (hit.legal_form, hit.naf, hit.headcount_class) == ("5599", "10.81Z", "02")
    assert hit.family is None  # a société anonyme is outside the ESS in the statistical perimeter
    assert hit.commune == "80688"


def test_the_search_stays_in_the_territory(db_url: str, shared_data: Path) -> None:
    world = somme_world(shared_data, departement="44")
    assert _names("sucreries", world.communes) == []
    assert search_sirene("00542012000015", world.communes) == []


def test_the_index_follows_a_new_import(communes: tuple[str, ...], shared_data: Path) -> None:
    assert search_index.is_fresh()  # built by the import
    from essdash.importers.sirene import import_sirene

    import_sirene(shared_data / "sirene" / "StockEtablissement_utf8_geo_sample_gosirene.csv")
    assert _names("sucreries", communes) == []  # the Somme rows were replaced


def test_a_word_and_the_commune_typed_find_the_active_establishment_first(
    communes: tuple[str, ...],
) -> None:
    # « abbeville » is in no name: the other words rank, the active establishment first
    hits = search_sirene("biquez abbeville", communes)
    assert hits[0].siret == "00542002100056"
    assert {h.name for h in hits} == {"ETABLISSEMENTS LUCIEN BIQUEZ"}


def test_the_typo_pass_compares_the_names_starting_like_a_word_typed(
    communes: tuple[str, ...],
) -> None:
    hits = search_sirene("prozpa", communes)  # no name holds « prozpa »; PROSPA starts with « pro »
    assert [(h.siret, h.active) for h in hits] == [
        ("00552024200081", True),
        ("00552024200016", False),
    ]


def _queries_across_word_boundaries() -> list[str]:
    """The end of a word of the index glued to the start of the next one in its vocabulary:
    the scan of the vocabulary's bytes must not match across two words."""
    part = search_index.partition("80")
    assert part is not None
    words = part.words.to_pylist()
    return [a[-3:] + b[:3] for a, b in itertools.islice(itertools.pairwise(words), 0, 60, 6)]


QUERIES = (
    "sucreries",
    "sucrer",
    "cre",
    "et fils",
    "etablissements",
    "societe anonyme marcel",
    "la",
    "de",
    "rue",
    "hernaz cartonage",
    "sucrerie marquentere",
    "zzzz",
    "0055",
    "005520176",
    "00542002100",
    "2024",
)


def _communes_of(shared_data: Path, departement: str) -> tuple[str, ...]:
    rows = json.loads((shared_data / "cog" / "communes.json").read_text(encoding="utf-8"))
    return tuple(c["code"] for c in rows if c.get("departement") == departement)


@pytest.mark.parametrize("departements", [("80",), ("80", "44")])
def test_the_index_ranks_as_a_scan_of_every_name_does(
    communes: tuple[str, ...], shared_data: Path, departements: tuple[str, ...]
) -> None:
    """The word index, the pruning before Jaro-Winkler and the reading of the hits give the
    ranking of the documented formula computed on every row (bench.actor_search_baseline)."""
    territory = communes + tuple(c for d in departements[1:] for c in _communes_of(shared_data, d))
    for text in (*QUERIES, *_queries_across_word_boundaries()):
        hits = search_sirene(text, territory)
        assert [h.siret for h in hits] == ranked_sirets(text, territory), text
        assert all(h.commune[:2] in departements for h in hits), text


def test_an_index_of_the_former_layout_is_rebuilt_on_first_search(
    communes: tuple[str, ...],
) -> None:
    stamp = search_index.index_root() / "current"
    folder = stamp.read_text(encoding="utf-8").split("\n", 1)[1]
    stamp.write_text(f"{store.file_version(store.establishments_path())}\n{folder}", "utf-8")
    assert not search_index.is_fresh()
    assert _names("sucreries", communes) == ["SOCIETE DES SUCRERIES DU MARQUENTERRE"]
    assert search_index.is_fresh()


def test_searches_from_many_sessions_at_once_give_each_its_own_answer(
    communes: tuple[str, ...],
) -> None:
    texts = ["sucreries", "lucien biquez", "hernaz cartonage", "005520176", "prospa"] * 4
    alone = {t: _names(t, communes) for t in set(texts)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: _names(t, communes), texts))
    assert together == [alone[t] for t in texts]
