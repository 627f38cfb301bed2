"""Persona packs (issue 14): export one zip; import checks everything first and says what it will do."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from simulator.app import ContentPaths, build_detector, load_library
from simulator.services.packs import MANIFEST, export_pack, inspect_pack, install_pack


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, root / folder)
    return root


def _library(root: Path):
    library = load_library(ContentPaths(root, cache_dir=None))
    return library, build_detector(library.catalogue)


def test_a_pack_round_trips_into_another_classroom(content: Path, tmp_path: Path) -> None:
    library, detector = _library(content)
    pack = export_pack(library, "haggler", content, tmp_path / "haggler.zip")
    names = zipfile.ZipFile(pack).namelist()
    assert {MANIFEST, "personas/haggler.yaml", "rubrics/haggler.yaml", "scenarios/leather_shoes.yaml"} <= set(
        names
    )
    assert any(name.startswith("personas/tests/haggler_good") for name in names)
    # Another classroom, where the haggler was removed and the shoes edited.
    (content / "personas" / "haggler.yaml").unlink()
    (content / "rubrics" / "haggler.yaml").unlink()
    shoes = content / "scenarios" / "leather_shoes.yaml"
    shoes.write_text(shoes.read_text(encoding="utf-8") + "\n# edited here\n", encoding="utf-8")
    library, detector = _library(content)
    plan = inspect_pack(pack, content, library, detector)
    assert plan.problems == [] and plan.installable and plan.tests_run >= 2
    actions = {entry.member: entry.action for entry in plan.entries}
    assert actions["personas/haggler.yaml"] == "add" and actions["scenarios/leather_shoes.yaml"] == "replace"
    assert actions["scenarios/suitcase.yaml"] == "same"
    install_pack(plan, content)
    assert (content / "personas" / "haggler.yaml").exists()
    assert (
        (content / "scenarios" / "leather_shoes.yaml.bak")
        .read_text(encoding="utf-8")
        .endswith("# edited here\n")
    )
    assert "haggler" in _library(content)[0].personas


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../outside.yaml", "not a content file"),
        ("/etc/passwd.yaml", "not a content file"),
        ("simulator/evil.py", "not a content file"),
        ("personas/notes.txt", "not a content file"),
        ("scenarios/./leather_shoes.yaml", "not a content file"),  # one file under two names
        ("scenarios//leather_shoes.yaml", "not a content file"),
        ("Scenarios/leather_shoes.yaml", "not a content file"),
        ("scenarios/LEATHER_SHOES.yaml", "in the pack twice"),  # the same file on Windows and macOS
    ],
)
def test_a_pack_with_a_path_outside_the_content_folders_is_refused(
    content: Path, tmp_path: Path, member: str, why: str
) -> None:
    library, detector = _library(content)
    pack = export_pack(library, "haggler", content, tmp_path / "haggler.zip")
    with zipfile.ZipFile(pack, "a") as archive:
        archive.writestr(member, "id: x\n")
    plan = inspect_pack(pack, content, library, detector)
    assert not plan.installable and any(why in problem for problem in plan.problems)
    with pytest.raises(ValueError):
        install_pack(plan, content)
    assert not (tmp_path / "outside.yaml").exists()


def test_a_pack_whose_persona_is_broken_or_fails_its_tests_is_refused(content: Path, tmp_path: Path) -> None:
    library, detector = _library(content)
    pack = export_pack(library, "haggler", content, tmp_path / "haggler.zip")
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "personas/haggler.yaml":
                data = data.replace(b"initial: bargaining", b"initial: nowhere")
            target.writestr(name, data)
    plan = inspect_pack(broken, content, library, detector)
    assert not plan.installable and any("personas/haggler.yaml" in problem for problem in plan.problems)
    failing = tmp_path / "failing.zip"
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(failing, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("personas/tests/haggler_good"):
                data = data.replace(b"passed: true", b"passed: false")
            target.writestr(name, data)
    plan = inspect_pack(failing, content, library, detector)
    assert not plan.installable and any(problem.startswith("test haggler_good") for problem in plan.problems)


def test_a_file_that_is_no_zip_or_a_huge_member_is_refused(content: Path, tmp_path: Path) -> None:
    library, detector = _library(content)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    assert "not a readable pack" in inspect_pack(junk, content, library, detector).problems[0]
    huge = tmp_path / "huge.zip"
    with zipfile.ZipFile(huge, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personas/huge.yaml", "a" * (3 * 1024 * 1024))
    assert any(
        "larger than" in problem for problem in inspect_pack(huge, content, library, detector).problems
    )


def test_a_pack_with_a_damaged_member_is_refused_not_a_crash(content: Path, tmp_path: Path) -> None:
    library, detector = _library(content)
    pack = export_pack(library, "haggler", content, tmp_path / "haggler.zip")
    data = bytearray(pack.read_bytes())
    with zipfile.ZipFile(pack) as archive:
        info = archive.getinfo("personas/haggler.yaml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start : start + 40] = b"\xff" * 40  # the deflate stream, not the directory
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    plan = inspect_pack(damaged, content, library, detector)
    assert not plan.installable and plan.problems
