"""The command line starts light: building the parser imports no heavy library, so `--help`
and a refused file answer quickly (each command imports its domain modules when it runs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "pandas", "duckdb", "numpy", "pyarrow", "streamlit", "shapely", "pyproj",
         "openpyxl", "fpdf", "altair", "folium", "alembic")  # fmt: skip

_PROBE = """
import json, sys
from essdash.cli import build_parser
build_parser()
print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))
"""


def test_building_the_parser_imports_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_lists_every_command_in_french() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "essdash", "--help"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    for command in ("init-db", "demo", "import-sirene", "export-excel", "backup", "diagnostics"):
        assert command in done.stdout
    assert "ligne de commande" in done.stdout
