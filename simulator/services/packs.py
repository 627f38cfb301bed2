"""Persona packs: a persona with its scenarios, rubric and tests as one zip, to share between classes.

Import never trusts the file: every member must be a YAML file in one of the content folders (no
absolute path, no `..`, no link, no duplicate, within the size caps); the pack is then loaded
together with the content already here in a scratch copy, checked as `lint` checks it, and its
tests are run. Only then is it installed, and the plan says which files it adds and which it
replaces (each replaced file kept as `<name>.bak`).
"""

from __future__ import annotations

import json
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.library import load_library as load_library_from
from simulator.services.persona_tests import load_tests, run_test

PACK_FORMAT = 1
MAX_MEMBER_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 8 * 1024 * 1024
MAX_MEMBERS = 200
# Where a pack may put files, relative to the content root.
PACK_FOLDERS = ("personas", "personas/tests", "scenarios", "rubrics")
MANIFEST = "pack.json"


@dataclass(frozen=True)
class PackEntry:
    member: str  # the path inside the zip, which is also where it goes under the content root
    action: str  # "add" | "replace" | "same"


@dataclass
class PackPlan:
    path: Path
    persona: str = ""
    entries: list[PackEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tests_run: int = 0
    # The bytes that were checked: install writes these, not the zip read again (it may have changed).
    contents: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def installable(self) -> bool:
        return not self.problems and any(entry.action != "same" for entry in self.entries)


def export_pack(library: ContentLibrary, persona_id: str, content_root: Path, destination: Path) -> Path:
    """The persona, the scenarios it is played in, its rubric and its tests, as one zip."""
    persona = library.persona(persona_id)
    members = [f"personas/{persona.id}.yaml", f"rubrics/{persona.id}.yaml"]
    members += [
        f"scenarios/{scenario}.yaml" for scenario in persona.scenarios if scenario in library.scenarios
    ]
    tests, _ = load_tests(sorted((content_root / "personas" / "tests").glob("*.yaml")))
    members += [f"personas/tests/{test.path.name}" for test in tests if test.model.persona == persona.id]
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        manifest = {"format": PACK_FORMAT, "persona": persona.id, "files": members}
        pack.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for member in members:
            source = content_root / member
            if source.exists():
                pack.write(source, member)
    return destination


def inspect_pack(
    path: Path, content_root: Path, library: ContentLibrary, detector: TechniqueDetector
) -> PackPlan:
    """What installing the pack would do, and every reason not to."""
    plan = PackPlan(path)
    try:
        with zipfile.ZipFile(path) as pack:
            members = _safe_members(pack, plan)
            if plan.problems:
                return plan
            contents = {name: pack.read(name) for name in members}
    except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error, EOFError) as error:
        plan.problems.append(f"{path.name}: not a readable pack ({error})")
        return plan
    personas = [name for name in contents if PurePosixPath(name).parent == PurePosixPath("personas")]
    if len(personas) != 1:
        plan.problems.append(f"a pack holds exactly one persona file in personas/, this one {len(personas)}")
        return plan
    plan.persona = PurePosixPath(personas[0]).stem
    plan.contents = contents
    for name, data in contents.items():
        target = content_root / name
        action = "add" if not target.exists() else "same" if target.read_bytes() == data else "replace"
        plan.entries.append(PackEntry(name, action))
    _check_in_scratch_copy(plan, contents, content_root, detector)
    return plan


def install_pack(plan: PackPlan, content_root: Path) -> list[Path]:
    """Write an inspected pack's files; a replaced file is kept as <name>.bak. Returns what changed."""
    if not plan.installable:
        raise ValueError("the pack was refused: " + "; ".join(plan.problems or ["nothing to install"]))
    written = []
    for entry in plan.entries:
        if entry.action == "same":
            continue
        target = content_root / entry.member
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.copy2(target, target.with_name(target.name + ".bak"))
        target.write_bytes(plan.contents[entry.member])
        written.append(target)
    return written


def _safe_members(pack: zipfile.ZipFile, plan: PackPlan) -> list[str]:
    infos = pack.infolist()
    if len(infos) > MAX_MEMBERS:
        plan.problems.append(f"the pack holds {len(infos)} files; at most {MAX_MEMBERS}")
        return []
    if sum(info.file_size for info in infos) > MAX_PACK_BYTES:
        plan.problems.append(f"the pack unpacks to more than {MAX_PACK_BYTES // 1024 // 1024} MB")
        return []
    names: list[str] = []
    folded: set[str] = set()
    for info in infos:
        name = info.filename
        if name == MANIFEST or name.endswith("/"):
            continue
        pure = PurePosixPath(name)
        if (
            str(pure) != name  # scenarios/./x.yaml, scenarios//x.yaml: one file under two names
            or pure.is_absolute()
            or "\\" in name
            or ".." in pure.parts
            or ":" in name
            or str(pure.parent) not in PACK_FOLDERS
            or pure.suffix != ".yaml"
        ):
            plan.problems.append(f"{name}: not a content file (only .yaml in {', '.join(PACK_FOLDERS)})")
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            plan.problems.append(f"{name}: a link, not a file")
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            plan.problems.append(f"{name}: larger than {MAX_MEMBER_BYTES // 1024 // 1024} MB")
            continue
        if name.casefold() in folded:  # the same file on a case-insensitive disk (Windows, macOS)
            plan.problems.append(f"{name}: in the pack twice")
            continue
        folded.add(name.casefold())
        names.append(name)
    return names


def _check_in_scratch_copy(
    plan: PackPlan, contents: dict[str, bytes], content_root: Path, detector: TechniqueDetector
) -> None:
    """The pack laid over a copy of today's content, loaded and checked; its tests run there."""
    with tempfile.TemporaryDirectory(prefix="pack-check-") as scratch:
        root = Path(scratch)
        for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
            if (content_root / folder).exists():
                shutil.copytree(content_root / folder, root / folder)
        for name, data in contents.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        library = load_library_from(
            root / "catalogue" / "techniques.yaml", root / "scenarios", root / "personas", root / "rubrics"
        )
        packed = {str(root / name) for name in contents}
        plan.problems.extend(
            f"{Path(problem.path).relative_to(root)}:{problem.line}: {problem.message}"
            for problem in library.problems
            if problem.path in packed or problem.path.startswith(str(root / "rubrics"))
        )
        if plan.persona not in library.personas:
            if not plan.problems:
                plan.problems.append(f"the persona {plan.persona!r} does not load")
            return
        if library.rubrics is None or plan.persona not in library.rubrics.parts:
            plan.problems.append(f"the pack has no rubric for {plan.persona!r} (rubrics/{plan.persona}.yaml)")
            return
        tests, problems = load_tests(root / name for name in contents if name.startswith("personas/tests/"))
        plan.problems.extend(f"{Path(p.path).relative_to(root)}:{p.line}: {p.message}" for p in problems)
        for test in tests:
            result = run_test(test, library, detector)
            plan.tests_run += 1
            if not result.passed:
                plan.problems.append(f"test {test.path.name} fails: {'; '.join(result.failures[:2])}")


__all__ = ["PackEntry", "PackPlan", "export_pack", "inspect_pack", "install_pack"]
