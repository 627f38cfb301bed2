"""What loading the content keeps between runs: compiled patterns and parsed files (both derived,
both safe to lose). One object handed to the loaders by the composition root, saved once after."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.content.document_cache import DocumentCache
from simulator.domain.pattern_cache import PatternCache


@dataclass
class LoadCache:
    patterns: PatternCache = field(default_factory=PatternCache)
    documents: DocumentCache = field(default_factory=DocumentCache)

    @classmethod
    def in_folder(cls, folder: Path | None) -> LoadCache:
        """Kept in ``folder`` (the user's cache folder); None: nothing kept, everything computed."""
        if folder is None:
            return cls()
        return cls(PatternCache(folder / "patterns.json"), DocumentCache(folder / "documents.json"))

    def save(self) -> None:
        self.patterns.save()
        self.documents.save()
