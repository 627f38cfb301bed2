"""The number reader: the fact tables, what never counts as a concession, and the floor guard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.app import ContentPaths
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.yaml_source import ContentError
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Outcome
from simulator.engine.reader import read_facts
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.persona_tests import load_test

DATA = Path(__file__).resolve().parent.parent / "data"
# Tables written by helpers who never saw the reader; f1, f2 and f4 were used to develop it (f4 holds
# the deliberately hard cases, some of them judgement calls). The table of writer f3 is held out:
# benchmarks/reader_accuracy.py reports it and no rule is written while looking at it.
# The most lines each may have read wrong: (offer and fee, offer and fee and every other price). These
# are today's figures, a ratchet: mutation testing showed that a share target (≥ 0.97) let a broken
# rule through as long as it cost only a line or two; lower them when the reader improves.
DEVELOPMENT_TABLES = {
    "fact_sentences.jsonl": (2, 21),  # 243 lines
    "fact_sentences_f2.jsonl": (2, 27),  # 172 lines
    "fact_sentences_f4.jsonl": (8, 39),  # 181 lines
}


def facts_of(detector: TechniqueDetector, scenario_id: str, library: ContentLibrary, text: str) -> dict:
    words = detector.catalogue.reader_words
    assert words is not None
    found = read_facts(library.scenario(scenario_id), detector.normalize(text).text, words)
    offers = [fact.value for fact in found if fact.kind == "offer_price"]
    fees = [fact.value for fact in found if fact.kind == "shipping_fee"]
    return {
        "offer_price": offers[-1] if offers else None,
        "shipping_fee": fees[-1] if fees else None,
        "other_prices": [fact.value for fact in found if fact.kind == "other_price"],
    }


@pytest.mark.parametrize(("table", "most_wrong"), DEVELOPMENT_TABLES.items())
def test_the_fact_table_is_read_exactly(
    table: str, most_wrong: tuple[int, int], library: ContentLibrary, rules_detector: TechniqueDetector
) -> None:
    rows = [json.loads(line) for line in (DATA / table).read_text(encoding="utf-8").splitlines() if line]
    covered = {row["scenario"] for row in rows}
    assert len(rows) >= 150 and covered <= set(library.scenarios) and len(covered) >= 11
    wrong, wrong_others = [], 0
    for row in rows:
        got = facts_of(rules_detector, row["scenario"], library, row["text"])
        if (got["offer_price"], got["shipping_fee"]) != (row["offer_price"], row["shipping_fee"]):
            wrong.append(f"{row['scenario']}: {row['text']}  want {row['offer_price']}/{row['shipping_fee']}")
        elif sorted(got["other_prices"]) != sorted(row["other_prices"]):
            wrong_others += 1
    assert len(wrong) <= most_wrong[0], f"{len(wrong)} of {len(rows)} wrong:\n" + "\n".join(wrong)
    assert len(wrong) + wrong_others <= most_wrong[1]


@pytest.mark.parametrize(
    ("scenario_id", "text", "offer", "fee", "others"),
    [
        # The issue's own cases: a gap, a former price with a rate, a computed fee, a refused figure.
        ("cotton_tshirt", "您说的129元那款是180克普通棉…贵的这30元主要在面料", None, None, [129, 30]),
        ("leather_shoes", "原价165,现在6折活动价99", 99, None, [165]),
        ("electric_kettle", "按2公斤就是20+10=30元", None, 30, [20, 10]),
        ("leather_shoes", "80元这个价格实在不好意思 最低96", 96, None, [80]),
        ("leather_shoes", "包邮和鞋垫都给您了", None, 0, []),
        ("electric_kettle", "我们可以为您免去30元运费,作为一点心意", None, 0, [30]),  # the fee waived
        ("longjing_gift_box", "两盒516 给您每盒少10块", 258, None, [10]),
        ("cardigan", "打个9折吧", 161.1, None, []),
        ("silk_dress", "给您抹个零 三百二", 320, None, []),
        # Not money at all: a height and weight, a size, a time, an order number.
        ("cardigan", "妈妈158 120斤的话拿L码 16:00前拍今天发 订单号2503181436", None, None, []),
    ],
)
def test_each_amount_gets_its_role(
    library: ContentLibrary,
    rules_detector: TechniqueDetector,
    scenario_id: str,
    text: str,
    offer: float | None,
    fee: float | None,
    others: list[float],
) -> None:
    got = facts_of(rules_detector, scenario_id, library, text)
    assert got == {"offer_price": offer, "shipping_fee": fee, "other_prices": others}


def test_after_a_sale_money_is_never_an_offer(
    library: ContentLibrary, rules_detector: TechniqueDetector
) -> None:
    text = "给您退89元 再送5元无门槛券 补发顺丰运费我们出"
    got = facts_of(rules_detector, "glass_cup_aftersale", library, text)
    assert got == {"offer_price": None, "shipping_fee": 0, "other_prices": [89, 5]}


# -- the engine: what is not a concession ----------------------------------------------------------


def haggler_session(library: ContentLibrary, detector: TechniqueDetector) -> BuyerSession:
    persona = library.persona("haggler")
    return BuyerSession(persona, library.scenario("leather_shoes"), detector, 1)


CONCESSION_EVENTS = {"concession_small", "concession_big", "price_below_floor", "discount_not_allowed"}


@pytest.mark.parametrize(
    "text",
    [
        "别家85的是超纤皮哦 我们这款是头层牛皮",  # a competitor's price
        "贵的这20块主要在皮料上 穿着舒服",  # a price difference
        "您说的80真的不行呢亲 这个价格做不了",  # the buyer's figure, refused
        "河南运费是14元 首重10续重4",  # a fee
        "满299减30是别的款的活动哈 这款不参加",  # a rule of another item
    ],
)
def test_other_prices_never_move_the_price(
    library: ContentLibrary, detector: TechniqueDetector, text: str
) -> None:
    session = haggler_session(library, detector)
    record = session.receive(text, 8.0)
    assert not CONCESSION_EVENTS & set(record.events), record.events
    assert session.book.current == 99


def test_a_coupon_is_applied_once(library: ContentLibrary, detector: TechniqueDetector) -> None:
    session = haggler_session(library, detector)
    record = session.receive("这边领个3块的券 ¥96拍下", 8.0)
    assert session.book.current == 96
    assert "concession_small" in record.events and "price_below_floor" not in record.events


# -- the floor guard ----------------------------------------------------------------------------

OFFER_LINES = [
    "{p}给您 您拍吧",
    "最低{p}了哦 现在拍就发",
    "领{c}元券到手{p}",
    "给您打{r}折吧",
    "再给您减{c}块 您直接拍",
    "两件{pp} 一件{p}",
    "行 就{p} 给您改价了 您付款吧",
    "别家{p}的是超纤皮",
    "您说的{p}真的不行",
]
TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"
# The good transcripts end in a sale: an offer slipped into one is the path that would sell cheap.
PERSONA_TESTS = TRANSCRIPTS.parent.parent / "personas" / "tests"
SELLING = sorted(
    path
    for path in TRANSCRIPTS.glob("*_good*.txt")
    if "purchased" in (load_test(PERSONA_TESTS / f"{path.stem}.yaml").model.expect.result or ())
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.integers(min_value=0, max_value=1000),
    seed=st.integers(min_value=0, max_value=1000),
    offers=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20),  # where in the transcript
            st.sampled_from(OFFER_LINES),
            st.floats(min_value=0.3, max_value=1.05),
            st.integers(min_value=1, max_value=60),
            st.integers(min_value=5, max_value=9),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_no_session_ever_records_a_sale_below_the_floor(
    library: ContentLibrary,
    detector: TechniqueDetector,
    which: int,
    seed: int,
    offers: list[tuple[int, str, float, int, int]],
) -> None:
    path = SELLING[which % len(SELLING)]
    persona = library.persona(path.name.split("_good")[0])
    scenario = library.scenario(persona.default_scenario)
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    page = scenario.product.list_price
    for position, line, share, coupon, rate in offers:
        price = round(page * share)
        lines.insert(position % (len(lines) + 1), line.format(p=price, pp=price * 2, c=coupon, r=rate))
    session = BuyerSession(persona, scenario, detector, seed)
    for text in lines:
        session.receive(text, session.last_buyer_at + 10)
        if session.finished:
            break
    outcome = session.outcome()
    if outcome.result is Outcome.PURCHASED and outcome.price is not None:
        assert outcome.price >= scenario.product.floor_price - 0.005, (lines, session.book)


def test_an_offer_below_the_floor_blocks_the_sale_until_corrected(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    """The guard the property test relies on, checked on one path that would otherwise buy."""
    session = haggler_session(library, detector)
    session.receive("行 90给您", 8.0)
    assert session.book.current == 90 and not session.book.price_ok
    session.receive("不好意思亲 刚才说错了 最低96", 20.0)
    assert session.book.current == 96 and session.book.price_ok


# -- the word file --------------------------------------------------------------------------------


def test_the_reader_words_file_reports_its_own_mistakes(tmp_path: Path) -> None:
    shutil.copytree(ContentPaths().catalogue.parent, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / "reader_words.yaml"
    text = path.read_text(encoding="utf-8")
    broken = "  equals_before: '(?:=|等于$'\n  equal_before: 'x'"  # a bad regex and a misspelt name
    text = text.replace("  equals_before: '(?:=|等于)$'", broken)
    text = text.replace("  addition:", "  # addition removed:")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(tmp_path / "catalogue" / "techniques.yaml")
    messages = [problem.message for problem in error.value.problems]
    assert any("equals_before" in message and "does not compile" in message for message in messages)
    assert any("unknown pattern 'equal_before'" in message for message in messages)
    assert any("'addition' is missing" in message for message in messages)
    assert all(problem.line > 0 for problem in error.value.problems)


def test_free_shipping_granted_is_a_favour_not_a_wrong_fee(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = haggler_session(library, detector)
    record = session.receive("包邮和鞋垫都给您了 您放心拍", 8.0)
    assert "free_shipping_given" in record.events and "shipping_fee_wrong" not in record.events
