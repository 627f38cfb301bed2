"""The wording the number reader recognises (catalogue/reader_words.yaml), compiled.

Course content, not code: an instructor adds 券后 or 到手价 to a pattern in the data file; the
reader keeps the mechanism (which role wins, the scenario's prices and rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

Pattern = re.Pattern[str]


# eq=False: hashed by identity, so memoised readers keyed on (text, words) stay cheap.
@dataclass(frozen=True, eq=False)
class ReaderWords:
    count_before: Pattern
    per_item_before: Pattern
    per_item_after: Pattern
    times_after: Pattern
    times_result_before: Pattern
    total_before: Pattern
    equals_before: Pattern
    addition: Pattern
    difference_before: Pattern
    shipping_part_before: Pattern
    fee_word: Pattern
    fee_gap_stop: Pattern
    fee_after: Pattern
    sum_before: Pattern
    range_next: Pattern
    range_before: Pattern
    body_after: Pattern
    warranty: Pattern
    return_policy: Pattern
    return_leg: Pattern
    future_before: Pattern
    accepted_before: Pattern
    accepted_after: Pattern
    buyer_figure_before: Pattern
    refusal_later: Pattern
    festival: Pattern
    slang_yuan_after: Pattern
    plus_after: Pattern
    plus_before: Pattern
    result_before: Pattern
    offer_before: Pattern
    order_amount_before: Pattern
    count_anywhere: Pattern
    minus_operand: Pattern
    minus_operand_before: Pattern
    minus_result_before: Pattern
    other_before: Pattern
    other_after: Pattern
    saving_before: Pattern
    buyer_fee_before: Pattern
    buyer_place: Pattern
    not_money_after: Pattern
    other_region: Pattern
    former_before: Pattern
    refused_before: Pattern
    refused_after: Pattern
    rate_described_before: Pattern
    threshold_word_before: Pattern
    free_word: Pattern
    free_negated: Pattern
    free_negated_after: Pattern
    free_granted: Pattern
    free_rule: Pattern
    this_order: Pattern
    free_order: Pattern

    pure_material: Pattern
    claim_disowned: Pattern
    claim_disowned_after: Pattern
    dispatch_claim: Pattern
    buyer_pays_claim: Pattern
    return_asked: Pattern
    policy_shop_pays: Pattern
    policy_buyer_pays: Pattern
    policy_no_return: Pattern
    idiom: Pattern
    shipping_context: Pattern
    not_price_before: Pattern
    not_price_after: Pattern
    range_after: Pattern
    rule_part_before: Pattern
    coupon_after: Pattern
    coupon_before: Pattern
    threshold_before: Pattern
    threshold_after: Pattern
    bare_free_after: Pattern
    shipping_word_before: Pattern
    shipping_word_after: Pattern
    per_unit_before: Pattern
    per_unit_after: Pattern
    discount_before: Pattern
    discount_after: Pattern
    reference_word: Pattern
    own_word: Pattern
    reference_after: Pattern
    absolute_before: Pattern
    absolute_after: Pattern
    bundle_before: Pattern
    not_item_after: Pattern
    free_phrase: Pattern
    free_phrase_negated_before: Pattern
    free_phrase_negated_after: Pattern
    standing_rule: Pattern
    favour_before: Pattern
    favour_after: Pattern
    fee_gap_before: Pattern
    off_platform: Pattern
    review_cashback: Pattern
    insult: Pattern
    stock_claim: Pattern
    promise_words: Pattern

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(item.name for item in fields(cls))


__all__ = ["ReaderWords"]
