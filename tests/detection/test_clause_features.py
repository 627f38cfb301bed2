"""The clause features built from the whole text's n-grams are each clause's own n-grams: the
span the scorer shows must not depend on how it was computed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.detection.learned import FeatureExtractor, FeatureSpec
from simulator.domain.lexicon import Lexicon

TEXT = st.text(alphabet="亲好的,.!3十元件a\x02\x03", max_size=30)


SIZES = st.sampled_from([(1, 2, 3), (2, 4), (1,)])


@settings(max_examples=300, deadline=None)
@given(text=TEXT, pairs=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6), sizes=SIZES)
def test_clause_features_are_each_clauses_own(
    text: str, pairs: list[tuple[int, int]], sizes: tuple[int, ...]
) -> None:
    extractor = FeatureExtractor(Lexicon(), FeatureSpec(char_ngrams=sizes))
    bounds = [tuple(sorted((min(a, len(text)), min(b, len(text))))) for a, b in pairs]
    expected = [extractor.features(text[start:end], with_classes=False) for start, end in bounds]
    assert extractor.clause_features(text, bounds) == expected


def test_a_text_with_numbers_is_read_clause_by_clause() -> None:
    extractor = FeatureExtractor(Lexicon())
    text = "只要3.5元,十件包邮"
    bounds = [(0, 4), (5, 10), (11, len(text))]
    assert extractor.clause_features(text, bounds) == [
        extractor.features(text[start:end], with_classes=False) for start, end in bounds
    ]
    assert "#" in extractor.clause_features(text, bounds)[0]
