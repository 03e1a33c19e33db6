"""Make tests/restitution_data.py (shared with tests/restitution) importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
