"""Parsed content kept between runs is only a shortcut: an edit, a hostile file or a damaged cache
is met exactly as without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.app import ContentPaths, load_library
from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import ContentError, line_of, read_yaml


def test_a_cached_document_is_the_parsed_one_lines_included(tmp_path: Path) -> None:
    source = ContentPaths().personas / "haggler.yaml"
    parsed = read_yaml(source)
    first = DocumentCache(tmp_path / "documents.json")
    read_yaml(source, first)
    first.save()
    cached = read_yaml(source, DocumentCache(tmp_path / "documents.json"))
    assert cached.data == parsed.data
    assert dict(cached.lines) == dict(parsed.lines)
    assert line_of(cached, ["states", 1, "name"]) == line_of(parsed, ["states", 1, "name"])


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "persona.yaml"
    path.write_text("id: one\nname: 一\n", encoding="utf-8")
    cache = DocumentCache(tmp_path / "documents.json")
    assert read_yaml(path, cache).data == {"id": "one", "name": "一"}
    cache.save()
    path.write_text("id: two\nname: 二\n", encoding="utf-8")
    assert read_yaml(path, DocumentCache(tmp_path / "documents.json")).data == {"id": "two", "name": "二"}


def test_a_hostile_file_is_never_kept_and_is_refused_every_time(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 500 + "]" * 500, encoding="utf-8")
    for _ in range(2):
        cache = DocumentCache(tmp_path / "documents.json")
        with pytest.raises(ContentError):
            read_yaml(path, cache)
        cache.save()


@pytest.mark.parametrize("damage", [b"", b"\x00\xff", b'{"stamp": "documents-1", "sha256": "0"}\n{}'])
def test_a_damaged_cache_reads_as_empty(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "documents.json").write_bytes(damage)
    source = ContentPaths().scenarios / "leather_shoes.yaml"
    assert read_yaml(source, DocumentCache(tmp_path / "documents.json")).data == read_yaml(source).data


def test_the_library_loads_the_same_from_the_cache(tmp_path: Path) -> None:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    fresh = load_library(ContentPaths(tmp_path, cache_dir=None))
    load_library(ContentPaths(tmp_path, cache_dir=tmp_path / "cache"))  # fills it
    cached = load_library(ContentPaths(tmp_path, cache_dir=tmp_path / "cache"))
    assert (tmp_path / "cache" / "documents.json").exists() and (
        tmp_path / "cache" / "patterns.json"
    ).exists()
    assert cached.personas == fresh.personas and cached.scenarios == fresh.scenarios
    assert cached.problems == fresh.problems
    persona, scenario = cached.persona("haggler"), cached.scenario("leather_shoes")
    assert cached.rubric(persona, scenario) == fresh.rubric(
        fresh.persona("haggler"), fresh.scenario("leather_shoes")
    )
    # A persona edited after the cache was written is read as edited.
    haggler = tmp_path / "personas" / "haggler.yaml"
    haggler.write_text(
        haggler.read_text(encoding="utf-8").replace("name_zh: 讲价型买家", "name_zh: 砍价型买家"),
        encoding="utf-8",
    )
    edited = load_library(ContentPaths(tmp_path, cache_dir=tmp_path / "cache"))
    assert edited.persona("haggler").name_zh == "砍价型买家"
