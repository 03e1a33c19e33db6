"""The fictional "Val de Démo": communes on a jittered grid, generated from a fixed seed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

DEPARTEMENT_CODE = "00"
REGION_CODE = "00"
EPCI_CODE = "200099999"
EPCI_NAME = "Communauté de communes du Val de Démo (fictive)"
DEPARTEMENT_NAME = "Département de Démo (fictif)"
REGION_NAME = "Région de Démo (fictive)"

# Grid origin (south-west corner) and cell size in degrees: a fictional place in central France.
ORIGIN_LON, ORIGIN_LAT = 2.30, 46.60
CELL_LON, CELL_LAT = 0.075, 0.052
COLUMNS, ROWS = 6, 3
EPCI_COLUMNS = 4  # the first four columns (12 communes) form the Val de Démo

NAMES = (
    "Démo-la-Rivière", "Saint-Exemple", "Fictiville", "Bourg-Témoin", "Les Essais",
    "Val-Prototype", "Sainte-Maquette", "Pont-Fictif", "Montimaginaire", "La Clairière-Démo",
    "Villeneuve-d'Essai", "Champ-Modèle", "Roche-Échantillon", "Bois-Simulé", "Plaine-Inventée",
    "Hauteville-Démo", "Les Prés-Fictifs", "Moulin-Exemple",
)  # fmt: skip
POPULATION_RANGE = (180, 4800)
CHEF_LIEU_POPULATION = 9_850


@dataclass(frozen=True)
class DemoCommune:
    code: str
    name: str
    population: int
    in_epci: bool
    polygon: list[tuple[float, float]]  # closed ring of (lon, lat)

    @property
    def geometry_json(self) -> str:
        ring = [[round(lon, 5), round(lat, 5)] for lon, lat in self.polygon]
        return json.dumps({"type": "Polygon", "coordinates": [ring]})

    @property
    def centroid(self) -> tuple[float, float]:
        points = self.polygon[:-1]
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )


def _grid_vertices(rng: random.Random) -> dict[tuple[int, int], tuple[float, float]]:
    """Shared, jittered vertices so that neighbouring communes tile without gaps."""
    vertices = {}
    for i in range(COLUMNS + 1):
        for j in range(ROWS + 1):
            inner = 0 < i < COLUMNS and 0 < j < ROWS
            jitter = 0.28 if inner else 0.12
            dx = rng.uniform(-jitter, jitter) * CELL_LON
            dy = rng.uniform(-jitter, jitter) * CELL_LAT
            vertices[(i, j)] = (ORIGIN_LON + i * CELL_LON + dx, ORIGIN_LAT + j * CELL_LAT + dy)
    return vertices


def _edge_midpoint(
    vertices: dict[tuple[int, int], tuple[float, float]], a: tuple[int, int], b: tuple[int, int]
) -> tuple[float, float]:
    (x1, y1), (x2, y2) = vertices[a], vertices[b]
    # A deterministic bend on every edge makes the outlines look less like a chessboard.
    bend = 0.12 * ((a[0] * 7 + a[1] * 3 + b[0] * 5 + b[1]) % 5 - 2) / 2
    return ((x1 + x2) / 2 + bend * (y2 - y1), (y1 + y2) / 2 - bend * (x2 - x1))


def demo_communes(seed: int = 2026) -> list[DemoCommune]:
    """The 18 communes of the demo département; the first 12 form the Val de Démo EPCI."""
    rng = random.Random(seed)
    vertices = _grid_vertices(rng)
    communes = []
    index = 0
    for i in range(COLUMNS):
        for j in range(ROWS):
            corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            ring: list[tuple[float, float]] = []
            for k, corner in enumerate(corners):
                ring.append(vertices[corner])
                ring.append(_edge_midpoint(vertices, corner, corners[(k + 1) % 4]))
            ring.append(ring[0])
            population = CHEF_LIEU_POPULATION if index == 0 else rng.randint(*POPULATION_RANGE)
            communes.append(
                DemoCommune(
                    code=f"{DEPARTEMENT_CODE}{index + 1:03d}",
                    name=NAMES[index],
                    population=population,
                    in_epci=i < EPCI_COLUMNS,
                    polygon=ring,
                )
            )
            index += 1
    return communes
