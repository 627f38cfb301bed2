"""The studio's Qt-free parts (issue 14): rubric and catalogue text checked as `lint` checks the files,
the form's one-line edits, a new scenario's template, the layered diagram layout, and hot reload that
starts over on a content error but lets a defect through."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from simulator.app import ContentPaths, build_detector, load_library
from simulator.services.library import ContentLibrary
from simulator.services.studio import Playtest, StudioFolders, check_scenario_text, state_diagram
from simulator.services.studio_checks import CatalogueChecker, check_rubric_text, new_scenario_text
from simulator.services.studio_form import field_value, with_field
from simulator.services.studio_layout import crossings, layered_layout

SHIPPED = ContentPaths()


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(ContentPaths(cache_dir=None))


# -- rubrics ----------------------------------------------------------------------------------------


def test_a_rubric_is_checked_with_its_line_as_the_library_loads_it(library: ContentLibrary) -> None:
    path = SHIPPED.rubrics / "sociable.yaml"
    text = path.read_text(encoding="utf-8")
    assert check_rubric_text(path, text, library).valid
    heavy = check_rubric_text(path, text.replace("strategy: 25", "strategy: 35", 1), library)
    assert not heavy.valid and [p.line for p in heavy.problems] == [7]
    assert "add up to 100 (now 110)" in heavy.problems[0].message and heavy.problems[0].path == str(path)
    state = check_rubric_text(
        path, text.replace("greeting: [chatting, cooled]", "greeting: [chating]"), library
    )
    assert [p.message for p in state.problems] == ["sociable has no state 'chating'"]
    broken = check_rubric_text(path, text.replace("persona: sociable", "persona: [sociable", 1), library)
    assert not broken.valid and broken.loaded is None and "YAML syntax error" in broken.problems[0].message


def test_a_rubric_under_another_name_and_the_common_rubric(library: ContentLibrary) -> None:
    text = (SHIPPED.rubrics / "sociable.yaml").read_text(encoding="utf-8")
    copied = check_rubric_text(SHIPPED.rubrics / "polite.yaml", text, library)
    assert "persona must match the file name" in " ".join(p.message for p in copied.problems)
    common = SHIPPED.rubrics / "common.yaml"
    common_text = common.read_text(encoding="utf-8")
    assert check_rubric_text(common, common_text, library).valid
    wording = check_rubric_text(
        common, common_text.replace("wording:", "wording:\n  no_such_key: 词", 1), library
    )
    assert any("unknown no_such_key" in p.message for p in wording.problems)


# -- the catalogue ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def checker() -> CatalogueChecker:
    return CatalogueChecker(SHIPPED.catalogue.parent)


def test_the_catalogue_and_its_word_classes_are_checked_as_lint_does(checker: CatalogueChecker) -> None:
    catalogue = SHIPPED.catalogue
    text = catalogue.read_text(encoding="utf-8")
    assert checker.check(catalogue, text).valid
    unknown = checker.check(catalogue, text.replace("{SHOP_SELF}", "{SHOP_SELFX}", 1))
    assert not unknown.valid and "unknown macro or word class {SHOP_SELFX}" in unknown.problems[0].message
    assert unknown.problems[0].path == str(catalogue) and unknown.problems[0].line > 1
    lexicon = SHIPPED.lexicons
    words = lexicon.read_text(encoding="utf-8")
    added = words.replace(
        "classes:", "classes:\n  UNUSED_X: {label_zh: 没用, label_en: unused, words: [哈]}", 1
    )
    unused = checker.check(lexicon, added)
    assert [(p.path, p.message) for p in unused.problems] == [
        (str(lexicon), "class UNUSED_X is not used by any rule")
    ]
    assert checker.check(lexicon, words).valid  # the scratch copy follows the text back


def test_a_rule_no_example_triggers_is_named_in_the_catalogue(checker: CatalogueChecker) -> None:
    catalogue = SHIPPED.catalogue
    text = catalogue.read_text(encoding="utf-8")
    marker = "      rules:\n        - match: "
    position = text.index(marker) + len(marker)
    silent = text[:position] + "'绝不会出现的一串字'\n        - match: " + text[position:]
    check = checker.check(catalogue, silent)
    assert any("no example of the technique triggers this rule" in p.message for p in check.problems)


# -- the form ---------------------------------------------------------------------------------------


def test_the_form_edits_one_line_and_keeps_the_comments() -> None:
    common = (SHIPPED.rubrics / "common.yaml").read_text(encoding="utf-8")
    edited = with_field(common, "weights.strategy", "25")
    assert field_value(edited, "weights.strategy") == "25"
    assert "  strategy: 25     # 接待策略" in edited and edited.count("\n") == common.count("\n")
    flow = "persona: x\nweights: {techniques: 15, strategy: 25}\n"
    assert (
        with_field(flow, "weights.strategy", "30") == "persona: x\nweights: {techniques: 15, strategy: 30}\n"
    )
    assert with_field(flow, "weights.flow", "10").endswith("strategy: 25, flow: 10}\n")
    assert (
        with_field(flow, "pass_mark", "65")
        == "persona: x\npass_mark: 65\nweights: {techniques: 15, strategy: 25}\n"
    )
    assert with_field("a: 1\n", "name_zh", "it's") == "a: 1\nname_zh: 'it''s'\n"
    assert field_value("name_zh: 'it''s'  \n", "name_zh") == "it's"
    scenario = "product:\n  name: 杯\n  kind: 杯子\nbuyer:\n  kind: 不是这个\n"
    assert (
        field_value(scenario, "product.kind") == "杯子" and field_value(scenario, "buyer.kind") == "不是这个"
    )
    assert with_field(scenario, "product.kind", "碗") == scenario.replace("kind: 杯子", "kind: '碗'")


# -- a new scenario ---------------------------------------------------------------------------------


def test_a_new_scenario_starts_valid_from_a_shipped_one(library: ContentLibrary) -> None:
    template = (SHIPPED.scenarios / "wrong_size_aftersale.yaml").read_text(encoding="utf-8")
    text = new_scenario_text(template, "shoe_repair_aftersale", "鞋子开胶售后")
    path = SHIPPED.scenarios / "shoe_repair_aftersale.yaml"
    check = check_scenario_text(path, text, library)
    assert check.valid and check.scenario is not None
    assert check.scenario.id == "shoe_repair_aftersale" and check.scenario.name_zh == "鞋子开胶售后"
    assert text.startswith("# 场景 shoe_repair_aftersale:鞋子开胶售后") and "靛蓝工坊" in text
    with pytest.raises(ValueError, match="lower-case"):
        new_scenario_text(template, "Bad-Id", "x")


# -- the layered layout -----------------------------------------------------------------------------


def test_layers_follow_the_transitions_and_no_two_states_overlap(library: ContentLibrary) -> None:
    for persona in library.personas.values():
        diagram = state_diagram(persona)
        edges = [(edge.source, edge.dest) for edge in diagram.edges if not edge.from_any]
        layout = layered_layout(diagram.states, diagram.initial, edges)
        assert layout.layer_of(diagram.initial) == 0, persona.id
        for source, dest in set(edges):
            if source == dest:
                continue
            if (source, dest) in layout.back_edges:
                assert layout.layer_of(dest) < layout.layer_of(source), (persona.id, source, dest)
            else:
                assert layout.layer_of(dest) > layout.layer_of(source), (persona.id, source, dest)
            route = layout.routes[(source, dest)]
            layers = [layout.layer_of(name) for name in route]
            assert route[0] == source and route[-1] == dest
            assert all(abs(b - a) == 1 for a, b in itertools.pairwise(layers)), route
        centres = layout.coordinates(150, 24, 36, 120)
        assert set(diagram.states) <= set(centres)
        boxes = sorted((y, x) for name, (x, y) in centres.items() if name in diagram.states)
        for index, (y, x) in enumerate(boxes):
            for other_y, other_x in boxes[index + 1 :]:
                assert other_y != y or abs(other_x - x) >= 150, persona.id  # side by side, never on top


def test_cycles_unreached_states_and_crossings() -> None:
    states = ["a", "b", "c", "d", "lost"]
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("a", "d"), ("d", "c"), ("lost", "b")]
    layout = layered_layout(states, "a", edges)
    assert layout.back_edges == {("c", "a")}
    assert [layout.layer_of(name) for name in "abcd"] == [0, 1, 2, 1]
    assert layout.layer_of("lost") == 3  # the initial state cannot reach it: below the others
    assert layout.routes[("c", "a")][0] == "c" and len(layout.routes[("c", "a")]) == 3  # one dummy between
    # Two layers drawn crossed are put in order by the barycentres.
    crossed = layered_layout(["r", "x", "y", "p", "q"], "r", [("r", "x"), ("r", "y"), ("x", "q"), ("y", "p")])
    segments = [("r", "x"), ("r", "y"), ("x", "q"), ("y", "p")]
    assert crossings(crossed.layers, segments) == 0
    assert crossings((("r",), ("x", "y"), ("q", "p")), segments) == 0
    assert crossings((("r",), ("x", "y"), ("p", "q")), segments) == 1


# -- hot reload -------------------------------------------------------------------------------------


def test_reload_starts_over_on_a_content_error_but_lets_a_defect_through(
    library: ContentLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    persona = library.persona("haggler")
    playtest = Playtest(library, build_detector(library.catalogue), persona, persona.default_scenario)
    playtest.send("亲,99已经是活动价了哈")
    # The scenario went away under the playtest: a content problem, so the conversation starts over.
    monkeypatch.setattr(playtest, "_fresh", _raising(LookupError("no scenario 'gone'"), playtest._fresh))
    note = playtest.reload(persona)
    assert note.startswith("重新开始") and "LookupError" in note and playtest.said == []
    monkeypatch.setattr(playtest, "_fresh", _raising(ZeroDivisionError("a defect"), None))
    with pytest.raises(ZeroDivisionError):
        playtest.reload(persona)


def _raising(error: BaseException, then: object) -> object:
    """A _fresh that fails once with ``error`` (then builds as before, when given)."""
    calls = {"n": 0}

    def fresh(persona: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1 or then is None:
            raise error
        return then(persona)  # type: ignore[operator]

    return fresh


def test_studio_folders_follow_the_shipped_layout(tmp_path: Path) -> None:
    folders = StudioFolders.under(tmp_path)
    assert folders.tests == tmp_path / "personas" / "tests" and folders.catalogue == tmp_path / "catalogue"
