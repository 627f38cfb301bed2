"""The studio's checks for rubrics and the technique catalogue (its word classes and reader wording
too), and the template a new scenario starts from. Each check runs the loader `lint` runs, on the
editor's text instead of the file: the edited text is put in a scratch copy of its folder, loaded
there, and the problems are named with the real file's path and line.

The catalogue is the largest file (~130 KB, ~420 patterns): a check keeps the compiled patterns and
the parsed unchanged files between runs, so only the edit itself is paid for (about 0.15 s; the
studio shows 检查中… while it runs, see benchmarks/studio_speed.py).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from simulator.content.catalogue_loader import LEXICON_FILE, load_catalogue
from simulator.content.load_cache import LoadCache
from simulator.content.rubric_loader import RubricBook
from simulator.content.yaml_source import ContentError, ContentProblem, parse_yaml
from simulator.detection.catalogue_checks import catalogue_problems
from simulator.detection.detector import TechniqueDetector
from simulator.detection.normalize import Normalizer, opencc_t2s
from simulator.domain.events import ENGINE_EVENTS
from simulator.domain.techniques import Catalogue
from simulator.services.library import ContentLibrary

CATALOGUE_FILE = "techniques.yaml"


@dataclass(frozen=True)
class FileCheck:
    """One edited file checked: what it loads as (None when it does not) and what is wrong with it."""

    loaded: object | None
    problems: tuple[ContentProblem, ...]

    @property
    def valid(self) -> bool:
        return self.loaded is not None and not self.problems


def check_rubric_text(path: Path, text: str, library: ContentLibrary) -> FileCheck:
    """A rubric file's text (common.yaml or a persona's part) checked as the library loads it
    (RubricBook: schema, weights, techniques and events, the persona's states); only the problems
    of this file are returned."""
    try:
        parse_yaml(path, text.encode("utf-8"))  # a syntax error is named before any copying
    except ContentError as error:
        return FileCheck(None, error.problems)
    with tempfile.TemporaryDirectory(prefix="studio-rubrics-") as scratch:
        folder = Path(scratch)
        for source in path.parent.glob("*.yaml"):
            if source.name != path.name:
                shutil.copyfile(source, folder / source.name)
        (folder / path.name).write_text(text, encoding="utf-8")
        book = RubricBook(folder, set(library.catalogue.ids), set(ENGINE_EVENTS), library.personas)
        edited = str(folder / path.name)
        problems = tuple(
            ContentProblem(str(path), problem.line, problem.message)
            for problem in book.problems
            if problem.path == edited
        )
    if path.name == "common.yaml":
        loaded: object | None = book.common
    else:
        loaded = book.parts.get(path.stem)
        if loaded is None and not problems:  # loaded, but under another persona's name
            problems = (ContentProblem(str(path), 1, "persona must match the file name"),)
    return FileCheck(loaded, problems)


class CatalogueChecker:
    """Checks an edited catalogue file (techniques.yaml, lexicons.yaml or reader_words.yaml) as
    `lint` does: loaded with its two neighbours, then every rule run on its technique's examples,
    every word class used, no pattern that backtracks for seconds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._scratch = Path(tempfile.mkdtemp(prefix="studio-catalogue-"))
        weakref.finalize(self, shutil.rmtree, self._scratch, True)
        # Compiled patterns and the parsed unchanged files, kept across checks (in memory only).
        self._cache = LoadCache()
        self._normalizer_t2s = opencc_t2s()

    def check(self, path: Path, text: str) -> FileCheck:
        if path.parent.resolve() != self.folder.resolve():
            message = f"{path.name} is not in the catalogue folder {self.folder}"
            return FileCheck(None, (ContentProblem(str(path), 0, message),))
        try:
            parse_yaml(path, text.encode("utf-8"))
        except ContentError as error:
            return FileCheck(None, error.problems)
        for source in self.folder.glob("*.yaml"):
            target = self._scratch / source.name
            content = text.encode("utf-8") if source.name == path.name else source.read_bytes()
            if not target.exists() or target.read_bytes() != content:
                target.write_bytes(content)
        if not (self.folder / path.name).exists():  # a file not yet written (a new lexicon)
            (self._scratch / path.name).write_text(text, encoding="utf-8")
        try:
            catalogue = load_catalogue(
                self._scratch / CATALOGUE_FILE, LoadCache(self._cache.patterns, self._cache.documents)
            )
        except ContentError as error:
            return FileCheck(None, self._real(error.problems))
        detector = TechniqueDetector(catalogue, Normalizer(self._normalizer_t2s, catalogue.typos))
        problems = catalogue_problems(
            detector, str(self._scratch / CATALOGUE_FILE), str(self._scratch / LEXICON_FILE)
        )
        mine = tuple(problem for problem in self._real(problems) if Path(problem.path).name == path.name)
        return FileCheck(catalogue, mine)

    def _real(
        self, problems: tuple[ContentProblem, ...] | list[ContentProblem]
    ) -> tuple[ContentProblem, ...]:
        """Problems named with the catalogue folder's paths, not the scratch copy's."""
        scratch = str(self._scratch)
        return tuple(
            ContentProblem(problem.path.replace(scratch, str(self.folder), 1), problem.line, problem.message)
            for problem in problems
        )


def loaded_catalogue(check: FileCheck) -> Catalogue | None:
    return check.loaded if isinstance(check.loaded, Catalogue) else None


SCENARIO_ID_RE = re.compile(r"[a-z][a-z0-9_]*")


def new_scenario_text(template: str, scenario_id: str, name_zh: str, name_en: str = "") -> str:
    """A new scenario's first text: a shipped scenario (the template, valid as it stands) under the
    new id and names, its header comment replaced by what the instructor has to change."""
    if not SCENARIO_ID_RE.fullmatch(scenario_id):
        raise ValueError(
            f"{scenario_id!r}: an id is lower-case letters, digits and _ (starting with a letter)"
        )
    body = template.splitlines(keepends=True)
    while body and (body[0].startswith("#") or not body[0].strip()):
        body.pop(0)
    header = (
        f"# 场景 {scenario_id}:{name_zh}\n"
        "#\n"
        "# 从模板场景复制而来:改写店铺、商品、价格、运费、售后政策和买家的情况(buyer 下的\n"
        "# for_whom、question、worry、complaint、demand、deadline),再把场景加进合适买家的 plays_in。\n"
        "\n"
    )
    text = header + "".join(body)
    replacements = {"id": scenario_id, "name_zh": name_zh, "name_en": name_en or scenario_id}
    for key, value in replacements.items():
        text = re.sub(
            rf"(?m)^{key}:.*$", lambda _match, key=key, value=value: f"{key}: {_quoted(value)}", text, count=1
        )
    return text


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


__all__ = [
    "CATALOGUE_FILE",
    "SCENARIO_ID_RE",
    "CatalogueChecker",
    "FileCheck",
    "check_rubric_text",
    "loaded_catalogue",
    "new_scenario_text",
]
