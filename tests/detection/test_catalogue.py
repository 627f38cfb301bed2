"""The catalogue against the contract (shared/spec/techniques.md) and against its own examples."""

from __future__ import annotations

import re

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.domain.techniques import Catalogue, TechniqueKind
from tests.conftest import SHARED

# The 37 canonical ids and kinds of shared/spec/techniques.md, in its order. Kept here too so that
# the contract is checked even where shared/ is not beside the checkout.
SPEC_IDS = {
    "greeting": "good", "thanks": "good", "apology": "good", "empathy": "good", "self_review": "good",
    "hedged_promise": "good", "emoticon": "good", "farewell": "good", "ask_needs": "good",
    "size_advice": "good", "promotion_mention": "good", "reassurance": "good", "small_unit_price": "good",
    "justify_price": "good", "small_generosity": "good", "price_comparison": "good", "hold_price": "good",
    "staged_concession": "context", "scarcity": "good", "fast_delivery": "good",
    "alternative_choice": "good", "help_choose": "good", "counter_question": "good",
    "active_recommend": "good", "compensation": "good", "taiji": "good", "yes_if": "good",
    "direct_refutation": "context", "offer_help": "good", "remedy": "good", "follow_up": "good",
    "taboo_phrase": "bad", "blame_others": "bad", "absolute_promise": "bad", "negative_refusal": "bad",
    "argue": "bad", "impatience": "bad",
}  # fmt: skip


def spec_table() -> list[tuple[str, str, str]]:
    """(id, 中文, kind) rows of the spec file."""
    rows = []
    for line in (SHARED / "spec" / "techniques.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[2] in ("good", "bad", "context"):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def test_catalogue_has_exactly_the_contract_ids_in_order(catalogue: Catalogue) -> None:
    assert list(catalogue.ids) == list(SPEC_IDS)
    assert {technique.id: technique.kind.value for technique in catalogue.techniques} == SPEC_IDS


@pytest.mark.skipif(
    not (SHARED / "spec" / "techniques.md").exists(), reason="shared/ is not beside the checkout"
)
def test_catalogue_matches_the_spec_file_and_back(catalogue: Catalogue) -> None:
    rows = spec_table()
    assert [row[0] for row in rows] == list(catalogue.ids)
    for technique_id, name_zh, kind in rows:
        technique = catalogue.get(technique_id)
        assert technique.kind.value == kind
        assert technique.name_zh == name_zh


def test_every_entry_is_complete(catalogue: Catalogue) -> None:
    for technique in catalogue.techniques:
        assert technique.description and technique.name_en and technique.sources
        assert technique.examples, technique.id
        assert technique.counter_examples, technique.id
        if technique.kind is TechniqueKind.BAD:
            assert technique.reason_bad and technique.better, technique.id
        else:
            assert technique.reason_good, technique.id
        for source in technique.sources:
            assert source.seed in ("000", "001", "002", "003", "004")


def _examples(positive: bool) -> list[tuple[str, str]]:
    from simulator.app import ContentPaths
    from simulator.content.catalogue_loader import load_catalogue

    catalogue = load_catalogue(ContentPaths().catalogue)
    return [
        (technique.id, text)
        for technique in catalogue.techniques
        for text in (technique.examples if positive else technique.counter_examples)
    ]


@pytest.mark.parametrize(("technique_id", "text"), _examples(positive=True))
def test_every_example_is_detected(detector: TechniqueDetector, technique_id: str, text: str) -> None:
    assert technique_id in detector.detect(text).techniques


@pytest.mark.parametrize(("technique_id", "text"), _examples(positive=False))
def test_no_counter_example_is_detected(detector: TechniqueDetector, technique_id: str, text: str) -> None:
    assert technique_id not in detector.detect(text).techniques
