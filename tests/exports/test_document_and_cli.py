"""The restitution PDF (rendered to PNG pages) and the export commands of the CLI."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from restitution_data import EMOJI_TEXT, FORMULA_TEXT, seed_restitution_case
from shapely.geometry import shape

from essdash.cli import main
from essdash.db import read_session
from essdash.exports.document import restitution_pdf
from essdash.restitution.sequence import build_restitution, diagnostic_by_code

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "document"


def _pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) absent")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_document_follows_the_sequence_and_renders(db_url: str) -> None:
    seeded = seed_restitution_case()
    with read_session() as session:
        data = restitution_pdf(session, diagnostic_id=seeded.diagnostic_id)
        slides = build_restitution(
            session, diagnostic_by_code(session, seeded.restitution_code)
        ).slides
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "restitution.pdf"
    pdf.write_bytes(data)
    text = _pdf_text(pdf)
    assert text.count("\f") == len(slides)  # one page per slide
    positions = [text.find(s.title.split(" (")[0][:30]) for s in slides[1:]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert "Chiffres clés de l'ESS" in text and "Étude d'opportunité" in text
    for name in seeded.names:
        assert name not in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "page")], check=True
        )
        pages = sorted(ARTIFACTS.glob("page-*.png"))
        assert len(pages) == len(slides)
        with Image.open(pages[0]) as first:
            assert first.width > first.height  # landscape


def test_cli_export_excel_geo_document(db_url: str, tmp_path: Path, capsys) -> None:
    seeded = seed_restitution_case()
    xlsx = tmp_path / "atelier.xlsx"
    assert main(["export-excel", "--workshop", seeded.join_code, "--output", str(xlsx)]) == 0
    wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
    cells = {c.value: c for c in wb["Contributions"]["D"][1:]}
    assert cells[FORMULA_TEXT].data_type == "s" and EMOJI_TEXT in cells
    out = tmp_path / "diag.xlsx"
    assert (
        main(["export-excel", "--diagnostic", str(seeded.diagnostic_id), "--output", str(out)]) == 0
    )
    assert out.stat().st_size > 0
    assert main(["export-geo", "--workshop", seeded.join_code, "--output-dir", str(tmp_path)]) == 0
    sites = json.loads((tmp_path / "atelier-demo-sites.geojson").read_text("utf-8"))
    assert sites["features"] and shape(sites["features"][0]["geometry"]).geom_type == "Point"
    pdf = tmp_path / "r.pdf"
    assert (
        main(["export-document", "--diagnostic", str(seeded.diagnostic_id), "--output", str(pdf)])
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["export-excel", "--workshop", "NOPE", "--output", str(xlsx)]) == 2
    assert "aucun atelier" in capsys.readouterr().err
