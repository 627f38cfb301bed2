"""Parsed content files kept between runs (a derived file in the user's cache folder).

Reading the YAML of every persona, scenario, rubric and the catalogue is most of what loading the
content costs once the patterns are cached. A file whose bytes hash the same as when it was last
parsed is read back from JSON; any edit changes the hash and the file is parsed (and checked
against the limits) again. Only files that parsed cleanly are kept, so a hostile file is met anew.
The lines of keys are needed only to name a problem: they are unpacked on first use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from simulator.content.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, YamlDocument
from simulator.domain.derived_file import DerivedStore


class _StoredLines(Mapping[tuple[int | str, ...], int]):
    """A document's key lines as stored ([[key, line], …]), made a mapping when first asked."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self._rows = rows
        self._table: dict[tuple[int | str, ...], int] | None = None

    def _unpacked(self) -> dict[tuple[int | str, ...], int]:
        if self._table is None:
            self._table = {tuple(key): line for key, line in self._rows}
        return self._table

    def __getitem__(self, key: tuple[int | str, ...]) -> int:
        return self._unpacked()[key]

    def __iter__(self) -> Iterator[tuple[int | str, ...]]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._rows)


class DocumentCache(DerivedStore):
    # The shape of an entry and the limits a kept file was parsed under: a change of either parses again.
    stamp = f"documents-2|{MAX_FILE_BYTES}|{MAX_DEPTH}|{MAX_NODES}"

    def document(self, path: Path, raw: bytes, parse: Callable[[Path, bytes], YamlDocument]) -> YamlDocument:
        key = str(path.resolve())
        digest = hashlib.sha256(raw).hexdigest()
        self._used.add(key)
        entry = self._entries.get(key)
        if isinstance(entry, dict) and entry.get("sha256") == digest:
            try:
                return YamlDocument(entry["data"], _StoredLines(entry["lines"]))
            except (KeyError, TypeError):
                pass  # a damaged entry: parsed again below
        document = parse(path, raw)  # raises ContentError: nothing is kept for a broken file
        lines = [[list(location), line] for location, line in document.lines.items()]
        self._remember(key, {"sha256": digest, "data": document.data, "lines": lines})
        return document
