"""The establishments a search compares, found in the word index (indicators.search_partition).

A name matches a word typed when one of its words is it (1), starts with it (0.9) or holds it
(0.5): three look-ups of the vocabulary, then the rows of the words found. Only the rows that
can still reach the first `limit` places go on to Jaro-Winkler (the costly part): the rest of
the score is at most 0.3 (similarity) + 0.2 (start of the name) + 0.1 (active), so a row whose
matched share plus what it is sure to get falls short of the `limit`-th best sure score by more
than what it may still get is dropped. The result is the same as scoring every row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from essdash.indicators.search_partition import Partition

SIMILARITY, START, ACTIVE = 0.3, 0.2, 0.1
_ROUNDING = 1e-9  # scores are sums of a few doubles: keep ties, never drop on rounding


@dataclass(frozen=True)
class Found:
    """Rows of partitions to score, with their matched share of the words typed."""

    parts: list[Partition]
    part: npt.NDArray[np.int64]
    row: npt.NDArray[np.int64]
    matched: npt.NDArray[np.float64]

    @property
    def size(self) -> int:
        return len(self.row)

    def keep(self, mask: npt.NDArray[np.bool_]) -> Found:
        return Found(self.parts, self.part[mask], self.row[mask], self.matched[mask])

    def column(self, name: str) -> pa.ChunkedArray:
        """A key column of these rows, in their order (rows are grouped by partition)."""
        chunks: list[pa.Array] = []
        for i, p in enumerate(self.parts):
            rows = self.row[self.part == i]
            if len(rows):
                chunks.extend(p.keys.column(name).take(pa.array(rows)).chunks)
        return pa.chunked_array(chunks, type=self.parts[0].keys.schema.field(name).type)

    def table(self) -> pa.Table:
        """What the score reads: part, row, m, name_key, etat, siret."""
        return pa.table(
            {
                "part": self.part,
                "row": self.row,
                "m": self.matched,
                "name_key": self.column("name_key"),
                "etat": self.column("etat"),
                "siret": self.column("siret"),
            }
        )

    def _sure(self) -> npt.NDArray[np.float64]:
        """Matched share plus the active bonus; -inf without a state (the score is NULL)."""
        sure = np.empty(self.size)
        for i, p in enumerate(self.parts):
            mine = self.part == i
            rows = self.row[mine]
            sure[mine] = np.where(
                p.has_state[rows], self.matched[mine] + ACTIVE * p.active[rows], -np.inf
            )
        return sure


def _found(
    parts: list[Partition],
    rows: list[npt.NDArray[np.int64]],
    matched: list[npt.NDArray[np.float64]],
) -> Found:
    part = [np.full(len(r), i, dtype=np.int64) for i, r in enumerate(rows)]
    return Found(parts, np.concatenate(part), np.concatenate(rows), np.concatenate(matched))


def _reachable(sure: npt.NDArray[np.float64], rest: float, limit: int) -> npt.NDArray[np.bool_]:
    """Rows whose sure score plus at most `rest` reaches the `limit`-th best sure score."""
    if len(sure) <= limit:
        return np.ones(len(sure), dtype=np.bool_)
    threshold = float(np.partition(sure, -limit)[-limit])
    reachable: npt.NDArray[np.bool_] = sure + rest >= threshold - _ROUNDING
    return reachable


def by_words(
    parts: list[Partition], territory: frozenset[str], tokens: list[str], phrase: str, limit: int
) -> Found:
    """The territory's rows holding a word typed, those that may rank in the first `limit`."""
    rows, matched = [], []
    for p in parts:
        tenths = np.zeros(p.size, dtype=np.int16)  # sum of the levels, exact (tenths)
        for token in tokens:
            level = np.zeros(p.size, dtype=np.int8)
            level[p.rows_of_words(p.words_containing(token))] = 5
            level[p.rows_of_range(*p.word_range(token))] = 9
            level[p.rows_of_range(*p.word_range(token, whole=True))] = 10
            tenths += level
        mine = np.flatnonzero((tenths > 0) & p.in_territory(territory))
        rows.append(mine)
        # the same double as SQL's (sum of decimal levels) / number of words
        matched.append((tenths[mine] / 10) / len(tokens))
    found = _found(parts, rows, matched)
    found = found.keep(_reachable(found._sure(), SIMILARITY + START, limit))
    starts = pc.starts_with(found.column("name_key"), phrase).to_numpy()
    return found.keep(_reachable(found._sure() + START * starts, SIMILARITY, limit))


def by_word_starts(parts: list[Partition], territory: frozenset[str], tokens: list[str]) -> Found:
    """The territory's rows with a word starting like one typed (its first three letters)."""
    rows = []
    for p in parts:
        near = np.zeros(p.size, dtype=np.bool_)
        for token in tokens:
            near[p.rows_of_range(*p.word_range(token[:3]))] = True
        rows.append(np.flatnonzero(near & p.in_territory(territory)))
    return _found(parts, rows, [np.zeros(len(r)) for r in rows])


def by_number(parts: list[Partition], territory: frozenset[str], digits: str) -> Found:
    """The territory's rows whose SIRET (more than 9 digits) or SIREN starts with `digits`."""
    column = "siret" if len(digits) > 9 else "siren"
    rows = []
    for p in parts:
        starts = pc.fill_null(pc.starts_with(p.keys.column(column), digits), False)
        rows.append(np.flatnonzero(starts.to_numpy() & p.in_territory(territory)))
    return _found(parts, rows, [np.zeros(len(r)) for r in rows])
