"""GEOS prepared geometries are not thread-safe (libgeos/geos#825): each thread has its own."""

from __future__ import annotations

import json
import threading

from essdash.workshop.activities.mapping import queries

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})


def test_each_thread_prepares_its_own_contour() -> None:
    seen: dict[str, int] = {}

    def prepare(name: str) -> None:
        first, again = queries._prepared(SQUARE), queries._prepared(SQUARE)
        assert first is again  # cached within the thread
        seen[name] = id(first)
        held.append(first)  # keep it alive: ids stay distinct

    held: list[object] = []
    threads = [threading.Thread(target=prepare, args=(f"t{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen.values())) == 2
