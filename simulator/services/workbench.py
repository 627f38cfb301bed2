"""Teach the detector by example (the studio's 识别工作台): see what a line shows and why, add it to a
technique as an example or a counter-example, add a word to a word class, and before saving see
what the change does to the whole labelled corpus (lines it gets right now, lines it gets wrong now).

Edits are made to the text of the YAML files (one line inserted where the list is), so the
instructor's comments and layout stay as they wrote them; the edited catalogue is loaded again,
as at every start, so a broken edit is refused with its FILE:LINE.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from simulator.content.catalogue_loader import LEXICON_FILE, load_catalogue
from simulator.content.yaml_source import line_of, read_yaml
from simulator.detection.detector import TechniqueDetector
from simulator.detection.evaluation import LabelledLine
from simulator.detection.normalize import Normalizer, opencc_t2s
from simulator.domain.detection import Detection
from simulator.domain.techniques import Catalogue


@dataclass(frozen=True)
class CorpusEffect:
    """What an edit changes on the labelled corpus (rules only: the scorer is retrained by make)."""

    fixed: tuple[LabelledLine, ...]  # wrong before, right after
    broken: tuple[LabelledLine, ...]  # right before, wrong after

    def __str__(self) -> str:
        return f"{len(self.fixed)} 句改对了,{len(self.broken)} 句改错了"


def explain(detector: TechniqueDetector, text: str) -> list[str]:
    """One line per technique found: the id, the words, and the rule (with its class words) or score;
    then one per rule hit the scorer overruled, marked ✗."""
    detection: Detection = detector.detect(text)
    rows = []
    for evidence in detection.evidence:
        words = text[evidence.start : evidence.end]
        if evidence.source == "rule":
            classes = ", ".join(f"{word.class_name}={word.word}" for word in evidence.class_words)
            why = f"规则(目录第 {evidence.rule_line} 行){' · ' + classes if classes else ''}"
        else:
            why = f"评分 {evidence.score:.2f} ≥ {evidence.threshold:.2f},最像「{evidence.nearest_example}」"
        rows.append(f"{evidence.technique_id} 「{words}」 {why}")
    for evidence in detection.overruled:
        words = text[evidence.start : evidence.end]
        rows.append(
            f"✗ {evidence.technique_id} 「{words}」 规则(目录第 {evidence.rule_line} 行)匹配,"
            f"但评分 {evidence.score:.2f} < 否决线 {evidence.threshold:.2f},不算"
        )
    return rows


def with_example(catalogue_path: Path, technique_id: str, line: str, counter: bool = False) -> str:
    """The catalogue's text with ``line`` added to the technique's examples (or counter-examples)."""
    catalogue_text = catalogue_path.read_text(encoding="utf-8")
    document = read_yaml(catalogue_path)
    techniques = document.data.get("techniques", []) if isinstance(document.data, dict) else []
    index = next((i for i, item in enumerate(techniques) if item.get("id") == technique_id), None)
    if index is None:
        raise LookupError(f"no technique {technique_id!r}")
    key = "counter_examples" if counter else "examples"
    if key not in techniques[index]:
        raise LookupError(f"{technique_id} has no {key} list to add to")
    key_line = line_of(document, ["techniques", index, key])
    return _insert_item(catalogue_text, key_line, line)


def with_class_word(lexicon_path: Path, class_name: str, word: str) -> str:
    """The word classes' text with ``word`` added to the class (a `words: [...]` list on one line)."""
    lexicon_text = lexicon_path.read_text(encoding="utf-8")
    document = read_yaml(lexicon_path)
    classes = document.data.get("classes", {}) if isinstance(document.data, dict) else {}
    if class_name not in classes:
        raise LookupError(f"no word class {class_name!r}")
    if word in classes[class_name].get("words", []):
        raise ValueError(f"{word!r} is in {class_name} already")
    number = line_of(document, ["classes", class_name, "words"])
    lines = lexicon_text.splitlines(keepends=True)
    target = lines[number - 1]
    if "]" not in target:
        raise ValueError(f"{lexicon_path.name}:{number}: the words of {class_name} are not a one-line list")
    position = target.rindex("]")
    lines[number - 1] = target[:position].rstrip() + f", {word}" + target[position:]
    return "".join(lines)


def _insert_item(text: str, key_line: int, item: str) -> str:
    """A `- "item"` line right after the list's key, indented as the list's first item."""
    lines = text.splitlines(keepends=True)
    key = lines[key_line - 1]
    indent = " " * (len(key) - len(key.lstrip()) + 2)
    if key_line < len(lines) and lines[key_line].lstrip().startswith("- "):
        first = lines[key_line]
        indent = first[: len(first) - len(first.lstrip())]
    quoted = '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines.insert(key_line, f"{indent}- {quoted}\n")
    return "".join(lines)


def catalogue_with(catalogue_dir: Path, replacements: dict[str, str]) -> Catalogue:
    """The catalogue from a scratch copy with some files' text replaced (ContentError when broken)."""
    with tempfile.TemporaryDirectory(prefix="workbench-") as scratch:
        copy = Path(scratch) / "catalogue"
        shutil.copytree(catalogue_dir, copy)
        for name, text in replacements.items():
            (copy / name).write_text(text, encoding="utf-8")
        return load_catalogue(copy / "techniques.yaml")


def corpus_effect(
    before: Catalogue,
    after: Catalogue,
    corpus: list[LabelledLine],
    progress: Callable[[int, int], None] | None = None,
) -> CorpusEffect:
    """Lines whose detection (rules) turns right or wrong against their labels; ``progress(done,
    total)`` is called every 200 lines (the whole corpus takes seconds)."""
    old, new = _rules_detector(before), _rules_detector(after)
    fixed, broken = [], []
    for number, line in enumerate(corpus):
        if progress is not None and number % 200 == 0:
            progress(number, len(corpus))
        expected = set(line.techniques)
        was = set(old.detect(line.text).techniques) == expected
        now = set(new.detect(line.text).techniques) == expected
        if now and not was:
            fixed.append(line)
        elif was and not now:
            broken.append(line)
    return CorpusEffect(tuple(fixed), tuple(broken))


def _rules_detector(catalogue: Catalogue) -> TechniqueDetector:
    return TechniqueDetector(catalogue, Normalizer(opencc_t2s(), catalogue.typos))


__all__ = [
    "LEXICON_FILE",
    "CorpusEffect",
    "catalogue_with",
    "corpus_effect",
    "explain",
    "with_class_word",
    "with_example",
]
