"""The scorer's packed-integer sums give exactly the per-id sums of the weights they stand for."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.detection.learned import WEIGHT_SCALE, TechniqueModel

IDS = tuple(f"id{index}" for index in range(37))

weights_strategy = st.dictionaries(
    st.text(alphabet="abcde", min_size=1, max_size=3),
    st.lists(
        st.tuples(st.integers(0, len(IDS) - 1), st.sampled_from([-32.767, 32.767, -0.001, 0.5, -1.25])),
        min_size=1,
        max_size=len(IDS),
        unique_by=lambda pair: pair[0],
    ),
    max_size=60,
)


def _reference(weights: dict[str, list[tuple[int, float]]], features: set[str]) -> list[int]:
    """Per id, the sum of the weights (in thousandths, as the model keeps them) one entry at a time."""
    totals = [0] * len(IDS)
    for feature in features:
        for index, weight in weights.get(feature, []):
            totals[index] += max(-32767, min(32767, round(weight * WEIGHT_SCALE)))
    return totals


@settings(max_examples=100, deadline=None)
@given(
    weights=weights_strategy, extra=st.sets(st.text(alphabet="abcdexyz", min_size=1, max_size=3), max_size=20)
)
def test_scores_equal_the_plain_sums(weights: dict[str, list[tuple[int, float]]], extra: set[str]) -> None:
    model = TechniqueModel.from_weights(IDS, [0.0] * len(IDS), {}, weights)
    features = set(weights) | extra
    if not features:
        return
    scale = 1.0 / (math.sqrt(len(features)) * WEIGHT_SCALE)
    for _ in range(2):  # the second time from the unpacked rows' cache
        assert model._totals(features) == _reference(weights, features)
        scores = model.scores(features)
        for technique_id, total in zip(IDS, _reference(weights, features), strict=True):
            assert math.isclose(scores[technique_id], 1 / (1 + math.exp(-total * scale)), rel_tol=1e-9)
        assert model.scores_of(features, ["id0", "id36"]) == {"id0": scores["id0"], "id36": scores["id36"]}


def test_the_extremes_add_up_without_spilling_into_the_next_id() -> None:
    # 3,000 features all at the largest negative weight for one id and the largest positive for its
    # neighbours: any carry between fields would change a neighbour's total.
    weights = {f"f{n}": [(0, 32.767), (1, -32.767), (2, 32.767)] for n in range(3000)}
    model = TechniqueModel.from_weights(IDS, [0.0] * len(IDS), {}, weights)
    assert model._totals(set(weights)) == [32767 * 3000, -32767 * 3000, 32767 * 3000] + [0] * 34


def test_a_message_holding_every_weight_of_the_model_still_fits_its_field() -> None:
    # The field is as wide as the model's weights could ever sum to: every weight on one id, all
    # at the largest size, and a message holding every feature (3 and 5 weights: no power of two).
    for count in (3, 5):
        for sign in (1, -1):
            weights = {f"f{n}": [(36, sign * 32.767)] for n in range(count)}
            model = TechniqueModel.from_weights(IDS, [0.0] * len(IDS), {}, weights)
            assert model._totals(set(weights)) == [0] * 36 + [sign * 32767 * count]
