"""The shipped perimeter file holds exactly the lists of perimetre_ess.md."""

from __future__ import annotations

from essdash.indicators.perimeter import LEGAL, STATISTICAL, load_perimeter


def test_families_and_their_legal_forms() -> None:
    p = load_perimeter()
    by_family: dict[str, set[str]] = {}
    for cj, family in p.cj_family.items():
        by_family.setdefault(family, set()).add(cj)
    assert by_family["association"] == {
        "9210",
        "9220",
        "9221",
        "9222",
        "9223",
        "9230",
        "9240",
        "9260",
    }
    assert by_family["mutuelle"] == {"6411", "8210", "8250", "8290"}
    assert by_family["fondation"] == {"9300"}
    assert len(by_family["cooperative"]) == 51 and "5458" in by_family["cooperative"]
    assert "9224" not in p.cj_family
    assert "commerciale_ess" in p.families_for(LEGAL)
    assert "commerciale_ess" not in p.families_for(STATISTICAL)


def test_exclusions_midpoints_and_thresholds() -> None:
    p = load_perimeter()
    assert set(p.excluded_naf) == {"84", "9411Z", "9420Z", "9491Z", "9492Z"}
    assert p.size_midpoints["01"] == 1.5 and p.size_midpoints["42"] == 1499.5
    assert p.size_midpoints["53"] == 10000 and p.size_midpoints["NN"] == 0
    assert p.division_sector["05"] == p.division_sector["43"] == "industrie_construction"
    assert p.division_sector["94"] == "organisations_associatives"
    assert p.public_cj_prefixes == ("4", "7")
    assert (p.secret_min_establishments, p.secret_dominance) == (3, 0.85)
