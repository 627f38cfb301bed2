"""The events a persona script can react to, besides the 37 technique ids of the catalogue.

The engine raises them from what the trainee wrote, from the facts of the scenario and from the
clock. Descriptions are shown by ``lint`` and in the authoring notes.
"""

from __future__ import annotations

ENGINE_EVENTS: dict[str, str] = {
    # every turn
    "any_message": "the trainee sent a message with something readable in it",
    "check": (
        "every turn and clock tick: transitions on it test variables only; those into a final state "
        "are tried before any event's transitions, the others after them"
    ),
    # the shape of the message
    "empty_message": "the message has nothing readable (blank or only punctuation)",
    "emoticon_only": "the message is only emoticons",
    "no_chinese": "the message has letters or symbols but no Chinese (English, HTML, gibberish)",
    "curt_reply": "a very short message with no good technique (好的 / 嗯 / 页面上有)",
    "no_technique": "the message shows no catalogue technique at all",
    "repeated_message": "the same text as one of the trainee's last three messages",
    "long_message": "over 300 characters: a wall of text in a chat",
    # the clock
    "reply_fast": "the trainee answered within half the persona's patience_seconds",
    "slow_reply": "the trainee took longer than the persona's patience_seconds",
    "very_slow_reply": "the trainee took longer than 180 s (the 3-minute response rule)",
    "waiting": "clock tick: the buyer has waited patience_seconds since its last message",
    "timeout": "clock tick: the buyer has waited leave_after_seconds and gives up",
    # price (current price starts at the product's list price)
    "price_quote": "the trainee states the current price correctly",
    "price_wrong": "the trainee states a price above the list price (a wrong fact)",
    "concession_small": "the trainee lowers the price by a small step (at most 5% of list, or 3 yuan)",
    "concession_big": "the trainee lowers the price by a big step at once",
    "price_below_floor": "the trainee agrees a price under the shop's floor price",
    "discount_not_allowed": "the trainee gives more money off than the scenario's max_discount",
    # shipping
    "shipping_fee_correct": "the trainee states this buyer's shipping fee correctly",
    "shipping_fee_wrong": "the trainee states a wrong shipping fee",
    "free_shipping_given": "the trainee offers free shipping and the shop allows it",
    "concession_not_allowed": "the trainee offers a favour the scenario does not allow",
    # stock
    "stock_correct": "the trainee states the stock left correctly (a true 只剩N件)",
    "stock_wrong": "the trainee claims a stock the shop does not have (a false 只剩N件)",
    # sizes
    "size_correct": "the trainee recommends the size the chart gives for this buyer",
    "size_wrong": "the trainee recommends a size the chart does not give for this buyer",
    # the buyer's agenda: its question and its worry (the scenario's `answers`), once it has said them
    "question_answered": "a trainee message answers a question the buyer asked (scenario answers: by, words)",
    "question_unanswered": "two trainee messages in a row leave a question of the buyer's unanswered",
    "question_answered_wrong": "a reply answers a question of the buyer's with a wrong fact (wrong_by)",
    # claims checked against the scenario
    "material_correct": "the trainee states the material as the product's composition has it",
    "material_wrong": "the trainee calls the product pure (纯棉, 100%羊毛) where its composition is not",
    "dispatch_correct": "the trainee states the same-day dispatch cut-off as the shop has it",
    "dispatch_wrong": "the trainee promises same-day dispatch after the shop's cut-off time",
    "policy_wrong": "the trainee misstates the after-sale policy (the buyer pays shipping the shop pays; "
    "a return the policy does not ask for)",
    # promises and rules
    "forbidden_promise": "the trainee promises something the scenario forbids (保证明天到 …)",
    "off_platform": "the trainee takes the buyer off the platform (加微信/QQ, 私下转账)",
    "review_cashback": "the trainee offers money for a good review (好评返现)",
    "insult": "the trainee insults the buyer (滚, 神经病 …)",
}

# Read-only numbers a condition may use besides the persona's own variables.
BUILTIN_VALUES: dict[str, str] = {
    "turn": "how many trainee messages so far",
    "price": "the current agreed price per item",
    "list_price": "the product's list price",
    "price_ok": "1 when the current price is at or above the shop's floor, else 0",
    "concessions": "how many times the trainee lowered the price",
    "waited": "seconds the trainee took for the last message",
}

COUNT_PREFIX = "n_"  # n_<event>: how many times that event has happened in this session

# Chinese names of engine events and score rules, for reports.
RULE_NAMES_ZH: dict[str, str] = {
    "concession_big": "一次大幅让价",
    "concession_small": "小幅让价",
    "price_below_floor": "低于店铺底价",
    "discount_not_allowed": "让价超出权限",
    "price_wrong": "价格报错",
    "price_quote": "价格准确",
    "price_kept": "价格把控",
    "shipping_fee_wrong": "运费算错",
    "shipping_fee_correct": "运费正确",
    "size_wrong": "尺码推荐错误",
    "stock_wrong": "库存说错",
    "stock_correct": "库存准确",
    "size_correct": "尺码推荐正确",
    "forbidden_promise": "违规承诺",
    "material_wrong": "材质说错",
    "question_unanswered": "买家的问题没有回答",
    "question_answered": "回答了买家的问题",
    "question_answered_wrong": "回答买家的问题时说错了",
    "material_correct": "材质准确",
    "dispatch_wrong": "发货时间说错",
    "dispatch_correct": "发货时间准确",
    "policy_wrong": "售后政策说错",
    "off_platform": "引导站外交易",
    "review_cashback": "好评返现",
    "insult": "辱骂买家",
    "first_response": "首次响应",
    "very_slow_reply": "超过3分钟未回复",
    "slow_reply": "回复慢",
    "outcome": "结果",
    "repeated_message": "重复发送",
    "curt_reply": "回复过于简短",
}
