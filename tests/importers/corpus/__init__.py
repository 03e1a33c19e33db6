"""The bad-input corpus: hostile and careless files generated from the real samples.

Each `<importer>_cases.py` module in this package exposes `cases() -> list[BadCase]`; the runner
(`tests/importers/test_corpus.py`) discovers every such module, writes each case's files into a
fresh copy of a prepared data directory, runs the CLI and checks the refusal.
"""
