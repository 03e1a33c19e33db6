"""Offline Sirene search on INSEE's real rows: ranking, accents and case, SIRET, territory."""

from __future__ import annotations

from pathlib import Path

import pytest

from essdash.actors.search import search_sirene
from essdash.indicators import search_index

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
