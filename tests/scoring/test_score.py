"""The score follows from what the trainee wrote, and says why."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.domain.techniques import TechniqueKind
from simulator.services.library import ContentLibrary
from simulator.services.report_html import render_report
from tests.conftest import PROJECT_ROOT
from tests.engine.test_transcripts import transcripts
from tests.scoring.conftest import play_and_score, transcript_lines

HAGGLER_GOOD = transcript_lines(PROJECT_ROOT / "tests" / "transcripts" / "haggler_good.txt")


@pytest.mark.parametrize(
    ("line", "red_line"),
    [
        ("亲,加我微信吧,私下转账再给您便宜5块", "off_platform"),
        ("收到后给个五星好评,返现5元哦", "review_cashback"),
        ("买不起就滚", "insult"),
        ("放心,保证明天到", "forbidden_promise"),
    ],
)
def test_a_red_line_fails_even_a_perfect_session(
    library: ContentLibrary, detector: TechniqueDetector, line: str, red_line: str
) -> None:
    _, perfect = play_and_score(library, detector, "haggler", HAGGLER_GOOD)
    assert perfect.passed and not perfect.red_lines
    _, card = play_and_score(library, detector, "haggler", [*HAGGLER_GOOD, line])
    assert not card.passed
    assert red_line in [item.rule for item in card.red_lines]
    item = next(item for item in card.red_lines if item.rule == red_line)
    messages = [line for line in HAGGLER_GOOD if line.strip() and not line.startswith("#")]
    assert item.turn == len(messages) + 1  # the comment lines are not messages
    assert item.reason and item.better


def test_the_same_phrase_five_times_earns_once(library: ContentLibrary, detector: TechniqueDetector) -> None:
    _, once = play_and_score(library, detector, "haggler", ["亲,这双是头层牛皮,一分钱一分货哦"])
    _, five = play_and_score(library, detector, "haggler", ["亲,这双是头层牛皮,一分钱一分货哦"] * 5)
    technique_points = lambda card: next(c.points for c in card.components if c.name == "techniques")  # noqa: E731
    assert technique_points(five) == technique_points(once) > 0


def test_scoring_is_a_pure_function(library: ContentLibrary, detector: TechniqueDetector) -> None:
    first = play_and_score(library, detector, "haggler", HAGGLER_GOOD)[1]
    second = play_and_score(library, detector, "haggler", HAGGLER_GOOD)[1]
    assert first == second


@pytest.mark.parametrize(("persona_id", "quality", "path"), transcripts(), ids=lambda value: str(value))
def test_every_item_names_its_turn_and_every_taboo_is_an_item(
    library: ContentLibrary, detector: TechniqueDetector, persona_id: str, quality: str, path: Path
) -> None:
    session, card = play_and_score(library, detector, persona_id, transcript_lines(path))
    turns = [record for record in session.history if record.text is not None]
    for item in card.items:
        assert 1 <= item.turn <= len(turns), item
        if (item.rule.startswith("flow:") and item.points == 0) or "没有做到" in item.reason:
            # a step never taken: about the session, quoting no message (not the farewell's fault)
            assert item.scope == "session" and item.quote == "", item
        assert item.reason
        if item.points < 0:
            assert item.better or item.component == "strategy", item
    for record in turns:
        assert record.detection is not None
        for technique_id in record.detection.techniques:
            if library.catalogue.get(technique_id).kind is TechniqueKind.BAD:
                assert any(
                    item.turn == record.index and item.rule == technique_id and item.component == "penalty"
                    for item in card.items
                ), (technique_id, record.text)
    assert sum(c.points for c in card.components) - card.penalties == pytest.approx(
        card.total, abs=1.0
    ) or card.total in (0, 100)


def test_good_trainees_pass_poor_ones_fail_by_a_wide_margin(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    totals: dict[str, dict[str, list[int]]] = {}
    for persona_id, quality, path in transcripts():
        _, card = play_and_score(library, detector, persona_id, transcript_lines(path))
        totals.setdefault(persona_id, {}).setdefault(quality, []).append(card.total)
        assert card.passed == (quality == "good"), (path.name, card.total)
    for persona_id, by_quality in totals.items():
        assert min(by_quality["good"]) - max(by_quality["poor"]) >= 25, (persona_id, by_quality)


def test_the_html_report_is_offline_escaped_and_a4(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session, card = play_and_score(
        library, detector, "haggler", ["<b>亲</b><img src=x> &lt;在的", *HAGGLER_GOOD]
    )
    persona = session.persona
    html = render_report(session, card, library.catalogue, library.rubric(persona, session.scenario))
    assert "<img src=x>" not in html and "&lt;img src=x&gt;" in html
    assert "&amp;lt;" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert "size: A4" in html
    # every highlighted technique says why it was found (the rule and its line, or the scorer)
    assert "规则(techniques.yaml 第" in html or "模型打分" in html
    for item in card.items:  # an item about a message links to it; one about the whole session says 整体
        if item.scope == "session":
            assert item.quote == "" and "<td>整体</td>" in html
        else:
            assert f'href="#turn-{item.turn}"' in html and f'id="turn-{item.turn}"' in html


def test_play_json_keeps_the_contract(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("\n".join(HAGGLER_GOOD), encoding="utf-8")
    report = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--persona", "haggler", "--seed", "7",
         "--transcript", str(transcript), "--json", "--report", str(report)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert {"persona", "scenario", "seed", "opening", "turns", "outcome", "score"} <= set(document)
    assert document["persona"] == "haggler" and document["seed"] == 7
    assert document["scenario"] == "leather_shoes"
    for turn in document["turns"]:
        assert {"trainee", "delay_s", "techniques", "buyer", "state"} <= set(turn)
    assert set(document["outcome"]) == {"result", "price", "satisfaction"}
    assert document["outcome"]["result"] == "purchased" and document["outcome"]["price"] == 96
    score = document["score"]
    assert {"total", "passed", "red_lines", "items"} <= set(score)
    assert 0 <= score["total"] <= 100 and score["passed"] is True and score["red_lines"] == []
    assert all(isinstance(item["turn"], int) and item["turn"] >= 1 for item in score["items"])
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_play_prints_the_rubric_before_the_dialogue(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("亲,在的哦\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--persona", "haggler",
         "--transcript", str(transcript)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )  # fmt: skip
    out = result.stdout
    assert out.index("评分细则") < out.index("买家:") < out.index("得分 Score")


@pytest.mark.parametrize(("scenario_id", "asks_size"), [("suitcase", False), ("cardigan", True)])
def test_the_better_phrasing_asks_for_height_and_weight_only_where_sizes_exist(
    library: ContentLibrary, detector: TechniqueDetector, scenario_id: str, asks_size: bool
) -> None:
    from simulator.engine.session import BuyerSession
    from simulator.services.scoring import score

    persona, scenario = library.pairing("haggler", scenario_id)
    session = BuyerSession(persona, scenario, detector, 1)
    session.receive("亲 价格已经是最低了哦", 10.0)  # no 了解需求 in the whole session
    card = score(session, library.catalogue, library.rubric(persona, scenario))
    (missing,) = [item for item in card.items if item.rule == "flow:了解需求"]
    assert missing.better and ("身高体重" in missing.better) is asks_size
    assert missing.scope == "session" and missing.quote == ""


def test_the_report_frame_speaks_english_when_asked(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    from simulator.services.report_html import render_report

    session, card = play_and_score(
        library, detector, "haggler", ["亲,99已经是活动价了哈", "您要黑色还是棕色?"]
    )
    rubric = library.rubric(session.persona, session.scenario)
    english = render_report(session, card, library.catalogue, rubric, english=True)
    chinese = render_report(session, card, library.catalogue, rubric)
    for frame in ("Training report", "Item by item", "Shop KPIs", "Conversation", session.persona.name_en):
        assert frame in english and frame not in chinese
    for frame in ("逐条说明", "店铺指标 KPI", "对话记录"):
        assert frame in chinese and frame not in english
    assert "99已经是活动价了哈" in english  # what was said stays as it was said


def test_the_report_groups_its_items_by_component(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    from simulator.domain.rubric import COMPONENT_NAMES_ZH
    from simulator.services.report_html import render_report

    session, card = play_and_score(
        library, detector, "haggler", ["说了多少遍了,爱买不买", "您要黑色还是棕色?"]
    )
    html = render_report(session, card, library.catalogue, library.rubric(session.persona, session.scenario))
    sections = [section for section in html.split("<h3>")[1:]]
    titles = [section.split("</h3>")[0] for section in sections]
    expected = [
        COMPONENT_NAMES_ZH[c] for c in COMPONENT_NAMES_ZH if any(i.component == c for i in card.items)
    ]
    assert titles[: len(expected)] == expected and "服务禁忌扣分" in titles
    assert sum(section.count("<tr><td>") for section in sections) == len(card.items)  # none dropped
