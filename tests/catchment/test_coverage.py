"""Coverage on the real communes of Loire-Atlantique, with zones whose answer is worked out here.

Shares are ratios of areas in metres (Lambert-93): a radius zone is a true circle of its radius.
The expected figures come from the communes' ellipsoidal areas (pyproj.Geod), not from the code.
"""

from __future__ import annotations

import math

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from essdash.catchment import projection
from essdash.catchment.report import commune_rows, overlaps, summary
from essdash.catchment.service import check_min_share, check_sector, coverage_of
from essdash.catchment.sources import sector_of
from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.models import Participant, Structure
from essdash.workshop import moderation
from tests.catchment.world import centre_of, draw_zone, radius_zone

GEOD = Geod(ellps="GRS80")
NANTES, SAINT_SEBASTIEN, BOUGUENAIS = "44109", "44190", "44020"
NEIGHBOURS_OF_SAINT_SEBASTIEN = ("44109", "44009", "44215")  # Nantes, Basse-Goulaine, Vertou


def _coverage(world, min_share: float = 0.10):
    with read_session() as s:
        return coverage_of(
            s, diagnostic_id=_diagnostic(s, world), workshop_ids=[world.workshop_id],
            min_share=min_share,
        )  # fmt: skip


def _diagnostic(session, world) -> int:
    from essdash.models import Workshop

    return session.get(Workshop, world.workshop_id).diagnostic_id


def _by_code(coverage, sector=None):
    return {row.code: row for row in commune_rows(coverage, sector)}


def _geodesic_area_m2(geometry) -> float:
    return abs(GEOD.geometry_area_perimeter(shape(geometry))[0])


def test_zone_drawn_on_a_contour_covers_that_commune_only(real_world, structure):
    pid = structure("Épicerie solidaire", actor_type="ess", ess_family="association")
    draw_zone(pid, real_world.contours[SAINT_SEBASTIEN], sector="Alimentation")
    coverage = _coverage(real_world)
    rows = _by_code(coverage)
    assert len(rows) == 207
    assert rows[SAINT_SEBASTIEN].zones and rows[SAINT_SEBASTIEN].best_share == pytest.approx(1)
    assert rows[SAINT_SEBASTIEN].families == ("association",)
    for code in NEIGHBOURS_OF_SAINT_SEBASTIEN:  # they share a border, not an area
        assert not rows[code].covered and rows[code].best_share == 0
    total = summary(list(rows.values()))
    assert total.covered == 1 and len(total.uncovered) == 206
    assert SAINT_SEBASTIEN not in total.uncovered
    assert total.population_covered == real_world.populations[SAINT_SEBASTIEN]
    assert total.population == sum(real_world.populations.values())


def _inscribed(code: str, world) -> tuple[float, float, float]:
    """Centre of the commune's largest inscribed circle and that circle's radius in metres."""
    contour = shape(world.contours[code])
    line = shapely.maximum_inscribed_circle(contour)
    (lon, lat), (x, y) = line.coords
    return lon, lat, GEOD.inv(lon, lat, x, y)[2]


@pytest.mark.parametrize(("share", "covered"), [(0.105, True), (0.095, False)])
def test_radius_zone_is_a_metric_circle_against_the_ten_percent_rule(
    real_world, structure, share, covered
):
    """A circle of area share × the commune's area, well inside it. Computed in degrees, a
    buffer of r/111 km would cover cos(47°) ≈ 0.68 of that: 7 %, and 10,5 % would fail."""
    area = _geodesic_area_m2(real_world.contours[BOUGUENAIS])
    radius = math.sqrt(share * area / math.pi)
    lon, lat, room = _inscribed(BOUGUENAIS, real_world)
    assert room > 1.2 * radius  # the circle lies inside Bouguenais: its share is `share`
    radius_zone(structure("Ressourcerie"), lon, lat, radius)
    rows = _by_code(_coverage(real_world))
    assert rows[BOUGUENAIS].covered is covered
    assert [code for code, row in rows.items() if row.covered] == ([BOUGUENAIS] if covered else [])
    low = _by_code(_coverage(real_world, min_share=0.05))[BOUGUENAIS]
    assert low.best_share == pytest.approx(share, rel=0.01)


def test_small_radius_counts_for_its_commune_only_under_a_small_threshold(real_world, structure):
    lon, lat = centre_of(real_world.contours[NANTES])
    radius_zone(structure("Café associatif"), lon, lat, 300)
    assert not [r for r in _by_code(_coverage(real_world)).values() if r.covered]
    expected = math.pi * 300**2 / _geodesic_area_m2(real_world.contours[NANTES])  # ≈ 0,43 %
    rows = _by_code(_coverage(real_world, min_share=0.001))
    assert [code for code, row in rows.items() if row.covered] == [NANTES]
    assert rows[NANTES].best_share == pytest.approx(expected, rel=0.01)


def test_actors_families_sectors_and_overlaps(real_world, structure):
    nantes = real_world.contours[NANTES]
    epicerie = structure("Épicerie", actor_type="ess", ess_family="association")
    coop = structure("Coop bio", actor_type="ess", ess_family="cooperative")
    garage = structure("Garage solidaire", actor_type="entreprise")
    draw_zone(epicerie, nantes, sector="Alimentation")
    draw_zone(epicerie, nantes, sector="Alimentation")  # one actor, two zones: one offer
    draw_zone(coop, nantes, sector=" alimentation")
    draw_zone(garage, nantes, sector="Mobilité")
    hidden = draw_zone(garage, real_world.contours[BOUGUENAIS], sector="Mobilité")
    with write_session() as s:
        moderation.hide(s, workshop_id=real_world.workshop_id, kind="feature", item_id=hidden)
    coverage = _coverage(real_world)
    row = _by_code(coverage)[NANTES]
    assert len(row.zones) == 4 and len(row.actors) == 3
    assert row.families == ("association", "cooperative")
    assert {(s.key, s.zones, s.owners) for s in row.sectors} == {
        ("alimentation", 3, 2),
        ("mobilite", 1, 1),
    }
    assert not _by_code(coverage)[BOUGUENAIS].covered  # the hidden zone counts for nothing
    found = overlaps(commune_rows(coverage))
    assert [(o.code, o.sector_key, o.owners) for o in found] == [(NANTES, "alimentation", 2)]
    only = _by_code(coverage, "mobilite")[NANTES]
    assert (len(only.zones), only.families, only.actor_types) == (1, (), ("entreprise",))
    assert check_sector(coverage, "mobilite") == "mobilite"
    with pytest.raises(UserError, match="Secteur : clé « transport » inconnue"):
        check_sector(coverage, "transport")


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5, math.nan])
def test_share_outside_zero_one_is_refused(bad):
    with pytest.raises(UserError, match="Part minimale"):
        check_min_share(bad)


def test_overseas_communes_use_their_own_metric_projection():
    assert projection.metric_crs(["44", "85"]) == projection.LAMBERT_93
    assert projection.metric_crs(["974"]) == 2975  # La Réunion: RGR92 / UTM 40S


def test_sector_keys_follow_the_perimeter_and_fall_back_to_the_structure(real_world, structure):
    """A typed « action sociale » is the perimeter's sector; a zone with no sector takes its
    structure's (the directory's, e.g. from Sirene); typed names lose accents and case."""
    known = {"action_sociale": "Action sociale", "sante": "Santé humaine"}
    assert sector_of("  ACTION SOCIALE ", known) == ("action_sociale", "Action sociale")
    assert sector_of("sante", known) == ("sante", "Santé humaine")
    assert sector_of("Économie circulaire", known) == ("economie_circulaire", "Économie circulaire")
    assert sector_of("", known) == ("non_renseigne", "Secteur non renseigné")
    pid = structure("Centre de santé")
    with write_session() as s:
        s.get(Structure, s.get(Participant, pid).structure_id).sector = "sante"
    draw_zone(pid, real_world.contours[NANTES])
    draw_zone(pid, real_world.contours[BOUGUENAIS], sector="Aide sociale")
    lon, lat = centre_of(real_world.contours[SAINT_SEBASTIEN])
    radius_zone(pid, lon, lat, 1500, site_sector="Mobilité")  # a radius zone: its site's sector
    rows = _by_code(_coverage(real_world))
    assert [(c.key, c.label) for c in rows[NANTES].sectors] == [("sante", "Santé humaine")]
    assert [c.key for c in rows[BOUGUENAIS].sectors] == ["aide_sociale"]
    assert [c.key for c in rows[SAINT_SEBASTIEN].sectors] == ["mobilite"]
