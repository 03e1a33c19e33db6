"""One département of the search index as the search reads it: memory-mapped, kept per process.

Files of a département (written by indicators.search_index):
- `keys.arrow`: what every search reads, one row per establishment (siret, siren, commune, etat,
  name_key), uncompressed so that it is mapped, not read;
- `words.arrow` and `postings.i32`: the distinct words of the names (sorted) with, for each, the
  end of its rows in `postings.i32` (row numbers, sorted by word then row);
- `details.arrow`: every carried column, LZ4-compressed in batches of BATCH rows (a hit decodes
  its batch only).

A word typed is looked up by binary search (the words starting with it are one range of
`words`, so one slice of `postings`); a word inside others by a vectorised scan of the
vocabulary's bytes. Loaded partitions are immutable and shared by the threads of the process.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

KEYS, WORDS, POSTINGS, DETAILS = "keys.arrow", "words.arrow", "postings.i32", "details.arrow"
KEY_COLUMNS = ("siret", "siren", "commune", "etat", "name_key")
BATCH = 1024
CACHED = 8  # départements kept open per process

Rows = npt.NDArray[np.int64]


class _Words:
    """The sorted vocabulary as a sequence of str, for bisect."""

    def __init__(self, words: pa.StringArray) -> None:
        self._words = words

    def __len__(self) -> int:
        return len(self._words)

    def __getitem__(self, i: int) -> str:
        return str(self._words[i].as_py())


@dataclass(frozen=True, eq=False)
class Partition:
    """The search index of one département, read-only."""

    folder: Path
    keys: pa.Table
    active: npt.NDArray[np.bool_]  # etat = 'A'
    has_state: npt.NDArray[np.bool_]  # etat is not NULL
    commune_ids: npt.NDArray[np.int32]  # index into communes, -1 without a commune
    communes: tuple[str, ...]
    words: pa.StringArray
    word_bytes: npt.NDArray[np.uint8]  # the vocabulary's characters, end to end
    word_offsets: npt.NDArray[np.int64]  # word i is word_bytes[word_offsets[i]:word_offsets[i+1]]
    starts: npt.NDArray[np.int64]  # rows of word i: postings[starts[i]:ends[i]]
    ends: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]

    @property
    def size(self) -> int:
        return int(self.keys.num_rows)

    def in_territory(self, communes: frozenset[str]) -> npt.NDArray[np.bool_]:
        """Per row: its commune is one of these."""
        allowed = np.array([c in communes for c in self.communes] + [False], dtype=np.bool_)
        return allowed[self.commune_ids]

    def word_range(self, prefix: str, *, whole: bool = False) -> tuple[int, int]:
        """The ids [lo, hi) of the words equal to `prefix` (whole) or starting with it."""
        view = _Words(self.words)
        lo = bisect.bisect_left(view, prefix)
        if whole:
            return lo, lo + int(lo < len(view) and view[lo] == prefix)
        return lo, bisect.bisect_left(view, prefix + "\uffff", lo)

    def rows_of_range(self, lo: int, hi: int) -> npt.NDArray[np.int32]:
        """Rows of the words lo..hi-1 (one slice: the postings are sorted by word)."""
        if lo >= hi:
            return self.postings[:0]
        return self.postings[self.starts[lo] : self.ends[hi - 1]]

    def rows_of_words(self, ids: Rows) -> npt.NDArray[np.int32]:
        """Rows of these words (with repeats when a row holds several of them)."""
        lengths = self.ends[ids] - self.starts[ids]
        total = int(lengths.sum())
        if total == 0:
            return self.postings[:0]
        # position k of the output reads postings[starts[word] + (k - first output of word)]
        shift = np.repeat(self.starts[ids] - (np.cumsum(lengths) - lengths), lengths)
        return self.postings[shift + np.arange(total)]

    def words_containing(self, token: str) -> Rows:
        """Ids of the words holding `token` anywhere (ASCII: the vocabulary is [a-z0-9])."""
        needle = np.frombuffer(token.encode("ascii"), dtype=np.uint8)
        data = self.word_bytes
        hits = np.flatnonzero(data[: len(data) - len(needle) + 1] == needle[0])
        for j in range(1, len(needle)):
            hits = hits[data[hits + j] == needle[j]]
        word = np.searchsorted(self.word_offsets, hits, side="right") - 1
        inside = hits + len(needle) <= self.word_offsets[word + 1]  # not across two words
        return np.unique(word[inside])

    def details(self, rows: list[int]) -> pa.Table:
        """Every carried column of these rows, in this order (their batches only are read)."""
        with pa.OSFile(str(self.folder / DETAILS)) as source:
            reader = pa.ipc.open_file(source)
            batches = {b: reader.get_batch(b) for b in sorted({r // BATCH for r in rows})}
            schema = reader.schema
        parts = [batches[r // BATCH].slice(r % BATCH, 1) for r in rows]
        return pa.Table.from_batches(parts, schema=schema)


def _mapped(path: Path) -> pa.Table:
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()


def load(folder: Path) -> Partition:
    """Map a département's files (a few tens of milliseconds; then cached by `partition`)."""
    keys = _mapped(folder / KEYS)
    vocabulary = _mapped(folder / WORDS)
    words = vocabulary.column("word").combine_chunks().cast(pa.string())
    ends = vocabulary.column("end").to_numpy().astype(np.int64)
    _, offset_buffer, data = words.buffers()
    offsets = (
        np.frombuffer(offset_buffer, dtype=np.int32)[words.offset : words.offset + len(words) + 1]
        if len(words)
        else np.zeros(1, dtype=np.int32)
    ).astype(np.int64)
    characters = (
        np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
        if len(words) and data is not None
        else np.zeros(0, dtype=np.uint8)
    )
    postings_path = folder / POSTINGS
    postings = (
        np.memmap(postings_path, dtype="<i4", mode="r")
        if postings_path.stat().st_size
        else np.zeros(0, dtype=np.int32)
    )
    communes = pc.unique(keys.column("commune").drop_null()).to_pylist()
    ids = pc.fill_null(pc.index_in(keys.column("commune"), value_set=pa.array(communes)), -1)
    return Partition(
        folder=folder,
        keys=keys,
        active=pc.fill_null(pc.equal(keys.column("etat"), "A"), False).to_numpy(),
        has_state=pc.is_valid(keys.column("etat")).to_numpy(),
        commune_ids=ids.to_numpy().astype(np.int32),
        communes=tuple(str(c) for c in communes),
        words=words,
        word_bytes=characters,
        word_offsets=offsets - offsets[0],
        starts=np.concatenate(([0], ends[:-1])).astype(np.int64),
        ends=ends,
        postings=np.asarray(postings, dtype=np.int32),
    )


_cache: OrderedDict[Path, Partition] = OrderedDict()
_cache_lock = threading.Lock()


def cached(folder: Path) -> Partition:
    """The partition of this folder, loaded once per process (the CACHED most recent kept)."""
    with _cache_lock:
        found = _cache.get(folder)
        if found is None:
            found = _cache[folder] = load(folder)
            while len(_cache) > CACHED:
                _cache.popitem(last=False)
        _cache.move_to_end(folder)
        return found
