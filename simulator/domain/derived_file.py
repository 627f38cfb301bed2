"""Derived files kept between runs (compiled patterns, parsed content): written whole, read only
when the header's stamp and checksum match, so a stale, damaged or tampered file reads as empty."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_stamped(path: Path, stamp: str) -> Any:
    """The payload written with this stamp, or None (missing, other stamp, damaged)."""
    try:
        # Bytes throughout: the checksum is of the bytes, and json reads UTF-8 itself.
        header_line, _, payload = path.read_bytes().partition(b"\n")
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("stamp") != stamp:
            return None
        if header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        return json.loads(payload)
    except (OSError, ValueError):
        return None


def write_stamped(path: Path, stamp: str, payload: Any) -> None:
    """Replace the file in one step; quietly nothing when its folder cannot be written."""
    text = json.dumps(payload, ensure_ascii=False)
    header = json.dumps({"stamp": stamp, "sha256": hashlib.sha256(text.encode()).hexdigest()})
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(header + "\n" + text)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise


class DerivedStore:
    """Entries by key, read from a stamped file and written back with the ones this run used."""

    stamp = ""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        stored = read_stamped(path, self.stamp) if path is not None else None
        self._entries: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self._used: set[str] = set()
        self._changed = False

    def _remember(self, key: str, entry: Any) -> None:
        self._entries[key] = entry
        self._changed = True

    def save(self) -> None:
        """Write the entries this run used (so edited content does not pile up); quietly skipped
        when the cache folder cannot be written."""
        if self.path is None or not (self._changed or set(self._entries) - self._used):
            return
        kept = {key: self._entries[key] for key in sorted(self._used) if key in self._entries}
        write_stamped(self.path, self.stamp, kept)
        self._changed = False
