"""Writing one département of the search index (the files indicators.search_partition reads).

Rows are numbered in the order of the département's stage files; the keys and details are
written in that order, the postings sorted by word then row. DuckDB sorts (spilling past its
memory limit); Python streams its batches to the files, so memory stays bounded whatever the
size of the département.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from essdash.indicators import store
from essdash.indicators.search_partition import (
    BATCH,
    DETAILS,
    KEY_COLUMNS,
    KEYS,
    POSTINGS,
    WORDS,
)

KEYS_BATCH = 1 << 20  # rows per batch of keys.arrow


def _numbered_sql(files: list[Path]) -> str:
    """The stage rows with their row number (files read one after the other)."""
    listed = ", ".join(f"'{store.sql_path(f)}'" for f in files)
    first, cases = 0, []
    for f in files:
        cases.append(f"WHEN '{store.sql_path(f)}' THEN {first}")
        first += pq.ParquetFile(f).metadata.num_rows
    start = f"CASE filename {' '.join(cases)} END" if len(files) > 1 else "0"
    return f"""
        SELECT * EXCLUDE (filename, file_row_number), {start} + file_row_number AS row
        FROM read_parquet([{listed}], filename = true, file_row_number = true,
                          hive_partitioning = false)
    """


def _fixed(batches: Iterable[pa.RecordBatch], size: int) -> Iterator[pa.RecordBatch]:
    """The same rows in batches of exactly `size` rows (the last one shorter)."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        if batch.num_rows:
            pending.append(batch)
            count += batch.num_rows
        while count >= size:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, size).combine_chunks().to_batches()[0]
            pending = table.slice(size).to_batches()
            count -= size
    if count:
        yield pa.Table.from_batches(pending).combine_chunks().to_batches()[0]


def _write_rows(con: duckdb.DuckDBPyConnection, numbered: str, folder: Path) -> int:
    """keys.arrow (uncompressed, mapped by the search; few large batches, since taking rows
    across many chunks is slow) and details.arrow (LZ4 batches of BATCH rows)."""
    reader = con.sql(
        f"SELECT * EXCLUDE (row, search_key) FROM ({numbered}) ORDER BY row"
    ).to_arrow_reader(BATCH)
    rows = 0
    keys_writer: pa.ipc.RecordBatchFileWriter | None = None
    details_writer: pa.ipc.RecordBatchFileWriter | None = None
    pending: list[pa.RecordBatch] = []
    try:
        for batch in _fixed(reader, BATCH):
            details = batch.drop_columns(["name_key"])
            if keys_writer is None or details_writer is None:
                keys_writer = pa.ipc.new_file(str(folder / KEYS), _key_schema(batch.schema))
                details_writer = pa.ipc.new_file(
                    str(folder / DETAILS),
                    details.schema,
                    options=pa.ipc.IpcWriteOptions(compression="lz4"),
                )
            details_writer.write_batch(details)
            pending.append(batch.select(list(KEY_COLUMNS)))
            rows += batch.num_rows
            if len(pending) * BATCH >= KEYS_BATCH:
                keys_writer.write_table(pa.Table.from_batches(pending).combine_chunks())
                pending = []
        if pending and keys_writer is not None:
            keys_writer.write_table(pa.Table.from_batches(pending).combine_chunks())
    finally:
        for writer in (keys_writer, details_writer):
            if writer is not None:
                writer.close()
    return rows


def _key_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema([schema.field(c) for c in KEY_COLUMNS])


def _write_words(con: duckdb.DuckDBPyConnection, numbered: str, folder: Path) -> None:
    """postings.i32 (rows sorted by word then row) and words.arrow (each word, end of its rows)."""
    reader = con.sql(f"""
        SELECT word, CAST(row AS INTEGER) AS row FROM (
            SELECT row, unnest(list_distinct(string_split(search_key, ' '))) AS word
            FROM ({numbered}))
        WHERE word <> '' ORDER BY word, row
    """).to_arrow_reader(1 << 20)
    words: list[pa.Array] = []
    counts: list[np.ndarray] = []
    with (folder / POSTINGS).open("wb") as postings:
        for batch in reader:
            postings.write(batch.column("row").to_numpy().astype("<i4").tobytes())
            runs = pc.run_end_encode(batch.column("word"))
            ends = runs.run_ends.to_numpy().astype(np.int64)
            words.append(runs.values)
            counts.append(np.diff(ends, prepend=0))
    vocabulary = pa.chunked_array(words, type=pa.string()) if words else pa.array([], pa.string())
    count = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    # a word cut between two batches is two runs: merge them
    table = pa.table({"word": vocabulary, "count": count})
    merged = table.group_by("word", use_threads=False).aggregate([("count", "sum")])
    merged = merged.sort_by("word")
    end = np.cumsum(merged.column("count_sum").to_numpy())
    table = pa.table({"word": merged.column("word").cast(pa.string()), "end": end})
    with pa.ipc.new_file(str(folder / WORDS), table.schema) as writer:
        writer.write_table(table)


def write_partition(con: duckdb.DuckDBPyConnection, files: list[Path], folder: Path) -> int:
    """Write the département of these stage files into `folder`; returns its row count."""
    folder.mkdir(parents=True)
    numbered = _numbered_sql(files)
    rows = _write_rows(con, numbered, folder)
    _write_words(con, numbered, folder)
    return rows
