"""Files uploaded from the import page: staged once, removed once imported or refused.

Each upload gets its own folder under data_dir()/uploads, named after the uploader's file id, so a
page rerun finds it instead of writing (or extracting) it again. A .zip is checked from its
directory and its CSV extracted once, then the archive is dropped. No Streamlit here.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from essdash import config
from essdash.errors import ImportFailed
from essdash.importers.sources import extract_csv

STALE_SECONDS = 3600  # an upload left by a closed tab is removed after an hour
SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def uploads_dir() -> Path:
    path = config.data_dir() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _folder(key: str) -> Path:
    return uploads_dir() / (SAFE.sub("_", key)[:80] or "envoi")


def staged(key: str) -> Path | None:
    """The file already staged for this upload, if any (a rerun of the page)."""
    folder = _folder(key)
    files = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    return files[0] if files else None


def stage(name: str, content: bytes | memoryview, key: str) -> Path:
    """Write the upload once; a .zip becomes its one CSV. Refusals leave nothing behind."""
    found = staged(key)
    if found is not None:
        return found
    folder = _folder(key)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (SAFE.sub("_", Path(name).name) or "fichier")
    try:
        target.write_bytes(content)
        if target.suffix.lower() != ".zip":
            return target
        extracted = extract_csv(target, folder)
        target.unlink()
        return extracted
    except (ImportFailed, OSError):
        shutil.rmtree(folder, ignore_errors=True)
        raise


def discard(path: Path) -> None:
    """Remove a staged upload and its folder."""
    folder = path.parent
    if folder.parent == uploads_dir():
        shutil.rmtree(folder, ignore_errors=True)


def sweep(keep: str | None = None) -> None:
    """Remove uploads abandoned for more than an hour (tabs closed before importing)."""
    limit = time.time() - STALE_SECONDS
    kept = _folder(keep) if keep else None
    for folder in uploads_dir().iterdir():
        if folder != kept and folder.stat().st_mtime < limit:
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
