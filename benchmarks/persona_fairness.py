"""Fair by construction, measured: every persona × scenario pairing played by generated trainees.

    python benchmarks/persona_fairness.py [--seeds 20] [--pairing haggler:suitcase]

A course-following trainee is composed turn by turn from the phrase banks of
benchmarks/data/trainee_phrases.yaml (written by a helper who never saw the detector or the persona
scripts): it greets, asks or apologises first, then uses the techniques the persona's rubric asks for,
preferring those that fit the buyer's current state (and first a technique that answers a question
the buyer is waiting on, 003 耐心解答顾客的每一个问题), and closes. A poor trainee answers with the
banks' taboos and curt or off-topic replies, sometimes slowly. For each pairing the table gives the
good trainees' expected-outcome and pass rates, both mean scores and their gap.

Targets (issue 11): good trainees reach the expected outcome in ≥ 90% of seeds and pass; poor ones pass
in ≤ 5%; mean score gap ≥ 40.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.app import ContentPaths, build_detector, load_library, load_model_for  # noqa: E402
from simulator.detection.detector import TechniqueDetector  # noqa: E402
from simulator.domain.persona import Persona  # noqa: E402
from simulator.domain.rubric import Rubric  # noqa: E402
from simulator.domain.scenario import Scenario, Situation  # noqa: E402
from simulator.engine.fact_events import PriceBook, find_facts  # noqa: E402
from simulator.engine.facts import shipping_fee, size_for  # noqa: E402
from simulator.engine.reader import read_facts  # noqa: E402
from simulator.engine.session import BuyerSession  # noqa: E402
from simulator.services.library import ContentLibrary  # noqa: E402
from simulator.services.scoring import score  # noqa: E402

PHRASES = ROOT / "benchmarks" / "data" / "trainee_phrases.yaml"
MAX_TURNS = 10
UNPAID_REMINDER = ("greeting", "ask_needs"), ("scarcity", "fast_delivery")
OPENERS = {
    Situation.PRESALE: ("greeting", "ask_needs"),
    Situation.AFTERSALE: ("apology", "empathy"),
}
# How a course-following trainee closes (rubrics/common.yaml flows): 促成 then 告别 before a sale; after
# it, 跟进 (a promise with room, a time to report back) then 致谢告别, never 二选其一 for a new order.
CLOSERS = {
    Situation.PRESALE: ("alternative_choice", "thanks", "farewell"),
    Situation.UNPAID: ("alternative_choice", "thanks", "farewell"),
    Situation.AFTERSALE: ("hedged_promise", "thanks", "follow_up"),
}
_PLACEHOLDER_RE = re.compile(r"\{([a-z_0-9]+)\}")


@dataclass
class Run:
    result: str
    passed: bool
    total: int


def scenario_values(scenario: Scenario) -> dict[str, str]:
    product, buyer = scenario.product, scenario.buyer
    size = ""
    if product.size_chart and buyer.height_cm and buyer.weight_kg:
        size = size_for(product.size_chart, buyer.height_cm, buyer.weight_kg) or ""
    fee = shipping_fee(
        scenario.shipping,
        buyer.region,
        product.weight_kg * buyer.quantity,
        product.list_price * buyer.quantity,
    )
    colours = list(product.colours)
    small_step = max(3.0, 0.05 * product.list_price)
    step_price = max(product.floor_price, float(int(product.list_price - small_step + 0.999)))
    return {
        "step_price": f"{step_price:g}" if step_price < product.list_price else "",
        "kind": product.kind,
        "product": product.name,
        "list_price": f"{product.list_price:g}",
        "floor_price": f"{product.floor_price:g}",
        "colour": buyer.wanted_colour or (colours[0] if colours else ""),
        "colour_2": colours[1] if len(colours) > 1 else "",
        "size": size,
        "height": "" if buyer.height_cm is None else f"{buyer.height_cm:g}",
        "weight_jin": "" if buyer.weight_kg is None else f"{buyer.weight_kg * 2:g}",
        "region": buyer.region,
        "fee": f"{fee:g}" if fee else "",  # a shop with free shipping has no fee to waive
        "cutoff": scenario.shipping.cutoff,
        "material": product.material,
        "selling_point": product.selling_points[0] if product.selling_points else "",
        "drawback": product.drawbacks[0] if product.drawbacks else "",
        "shop": scenario.shop,
        "complaint": buyer.complaint,
        "deadline": buyer.deadline,
        "order_total": "" if buyer.order_total is None else f"{buyer.order_total:g}",
    }


def render(line: str, values: dict[str, str]) -> str | None:
    names = _PLACEHOLDER_RE.findall(line)
    if any(not values.get(name) for name in names):
        return None  # this shop does not give the fact the line needs
    return _PLACEHOLDER_RE.sub(lambda match: values[match[1]], line)


# What a course-following trainee never says: a concession the shop does not allow, money off beyond
# the limit, a price below the floor, a forbidden promise or a wrong fact (the shop's rules, 001/003),
# or the whole price cut in one step (000: 讨价还价要分阶段进行).
BREAKS_SHOP_RULES = frozenset(
    {
        "concession_big",
        "concession_not_allowed",
        "discount_not_allowed",
        "price_below_floor",
        "forbidden_promise",
        "price_wrong",
        "shipping_fee_wrong",
        "size_wrong",
        "stock_wrong",
        "material_wrong",
        "dispatch_wrong",
        "policy_wrong",
    }
)


class ShopRules:
    """Reads a candidate line in the shop as the engine would, to keep a good trainee within the rules."""

    def __init__(self, scenario: Scenario, detector: TechniqueDetector) -> None:
        self.scenario, self.detector = scenario, detector

    def allows(self, text: str) -> bool:
        words = self.detector.catalogue.words
        canonical = self.detector.normalize(text).text
        facts = read_facts(self.scenario, canonical, words)
        book = PriceBook.for_scenario(self.scenario)
        findings = find_facts(self.scenario, book, self.detector.detect(text), canonical, facts, words)
        return not BREAKS_SHOP_RULES & set(findings.events)


class Trainee:
    def __init__(
        self,
        bank: dict[str, list[str]],
        values: dict[str, str],
        rng: random.Random,
        rules: ShopRules | None = None,
    ) -> None:
        self.bank, self.values, self.rng, self.rules = bank, values, rng, rules
        self.steps = 0

    def _choose(self, lines: list[str]) -> str | None:
        if self.rules is not None:
            lines = [line for line in lines if self.rules.allows(line)]
        return self.rng.choice(lines) if lines else None

    def say(self, technique: str) -> str | None:
        if technique.startswith("fact:"):
            placeholder = FACT_STATED_BY[technique.removeprefix("fact:")]
            stating = [
                text
                for name, lines in self.bank.items()
                if name not in GIVING
                for line in lines
                if placeholder in line and (text := render(line, self.values))
            ]
            return self._choose(stating)
        values = self.values
        if technique == "staged_concession":
            # 讨价还价要分阶段进行 (000): the first step is a small one, only the second reaches the floor.
            self.steps += 1
            if self.steps == 1 and values.get("step_price"):
                values = {**values, "floor_price": values["step_price"]}
        lines = [text for line in self.bank.get(technique, []) if (text := render(line, values))]
        return self._choose(lines)


def play_good(
    persona: Persona, scenario: Scenario, rubric: Rubric, detector: TechniqueDetector, bank: dict, seed: int
) -> BuyerSession:
    rng = random.Random(f"good|{persona.id}|{scenario.id}|{seed}")
    trainee = Trainee(bank, scenario_values(scenario), rng, ShopRules(scenario, detector))
    session = BuyerSession(persona, scenario, detector, seed)
    wanted = [point.id for point in rubric.strategy_do]
    used: set[str] = set()
    # An unpaid order: remind once or twice, then stop (003: 执着地联系可能被认为是骚扰) and let the
    # evening pass; a pre-sale or after-sale chat goes on until the buyer decides.
    unpaid = scenario.situation is Situation.UNPAID
    turns = len(UNPAID_REMINDER) if unpaid else MAX_TURNS
    for turn in range(turns):
        if session.finished:
            break
        if unpaid:
            moves = list(UNPAID_REMINDER[turn])
        elif turn == 0:
            moves = list(OPENERS[scenario.situation])
        elif turn >= turns - 2:
            moves = list(CLOSERS[scenario.situation][:2])
        elif answering := _answer_moves(session, trainee):
            # 003 八(七)4 耐心解答顾客的每一个问题: a question the buyer is waiting on comes first.
            moves = answering
        else:
            fitting = [
                t for t in wanted if t not in used and session.state in rubric.fitting_states.get(t, ())
            ]
            fresh = [t for t in wanted if t not in used]
            moves = (fitting or fresh or list(CLOSERS[scenario.situation]))[:2]
        parts = [text for move in moves if (text := trainee.say(move))]
        used.update(moves)
        if not parts:
            parts = [trainee.say("thanks") or "好的亲"]
        delay = rng.uniform(5, max(6.0, persona.patience_seconds / 2))
        session.receive(" ".join(parts), session.last_buyer_at + delay)
    if unpaid and not session.finished:
        session.tick(session.last_buyer_at + persona.leave_after_seconds + 1)
    return session


# A fact the buyer asks for is stated, not named: the bank lines that state it (the fee to the buyer's
# region, the material, the dispatch cut-off), whatever technique they were written for, except
# the lines that give something away (a course-following trainee gives only what the shop allows).
FACT_STATED_BY = {
    "shipping_fee_correct": "{fee}",
    "material_correct": "{material}",
    "dispatch_correct": "{cutoff}",
}
GIVING = ("small_generosity", "compensation", "staged_concession")


def _answer_moves(session: BuyerSession, trainee: Trainee) -> list[str]:
    """What answers the first question the buyer is waiting on: a technique of the banks, or a
    ``fact:`` move stating the fact it asks for."""
    for question in session.open_questions:
        moves = [move for move in question.answered_by if move in trainee.bank]
        moves += [f"fact:{event}" for event in question.answered_by if event in FACT_STATED_BY]
        if moves:
            return moves[:1]
    return []


def play_poor(
    persona: Persona, scenario: Scenario, detector: TechniqueDetector, bank: dict, seed: int
) -> BuyerSession:
    rng = random.Random(f"poor|{persona.id}|{scenario.id}|{seed}")
    trainee = Trainee(bank, scenario_values(scenario), rng)
    session = BuyerSession(persona, scenario, detector, seed)
    kinds = list(bank)
    for _ in range(MAX_TURNS):
        if session.finished:
            break
        text = trainee.say(rng.choice(kinds)) or "嗯"
        delay = rng.choice([8.0, 20.0, persona.patience_seconds * 1.5])
        session.receive(text, session.last_buyer_at + delay)
    return session


def expected_results(rubric: Rubric) -> set[str]:
    return {result for result, share in rubric.outcome_share.items() if share >= 0.8}


def run_pairing(
    library: ContentLibrary,
    detector: TechniqueDetector,
    banks: dict,
    persona: Persona,
    scenario: Scenario,
    seeds: int,
) -> tuple[list[Run], list[Run], set[str]]:
    rubric = library.rubric(persona, scenario)
    good, poor = [], []
    for seed in range(seeds):
        for runs, session in (
            (good, play_good(persona, scenario, rubric, detector, banks["good"], seed)),
            (poor, play_poor(persona, scenario, detector, banks["poor"], seed)),
        ):
            card = score(session, library.catalogue, rubric)
            runs.append(Run(session.outcome().result.value, card.passed, card.total))
    return good, poor, expected_results(rubric)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--pairing", help="persona:scenario, to play one pairing only")
    args = parser.parse_args()
    library = load_library()
    model, _ = load_model_for(library.catalogue, ContentPaths())
    detector = build_detector(library.catalogue, model)
    banks = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    header = f"{'pairing':42} {'good: expected':>14} {'pass':>5} {'mean':>5}  {'poor: pass':>10} {'mean':>5}"
    print(f"{header}  {'gap':>4}")
    failing = 0
    for persona_id, persona in sorted(library.personas.items()):
        for scenario_id in persona.scenarios:
            if args.pairing and args.pairing != f"{persona_id}:{scenario_id}":
                continue
            good, poor, expected = run_pairing(
                library, detector, banks, persona, library.scenario(scenario_id), args.seeds
            )
            reached = sum(run.result in expected and run.passed for run in good) / len(good)
            good_pass = sum(run.passed for run in good) / len(good)
            poor_pass = sum(run.passed for run in poor) / len(poor)
            good_mean = statistics.fmean(run.total for run in good)
            poor_mean = statistics.fmean(run.total for run in poor)
            gap = good_mean - poor_mean
            ok = reached >= 0.9 and poor_pass <= 0.05 and gap >= 40
            failing += not ok
            print(
                f"{persona_id + ':' + scenario_id:42} {reached:14.0%} {good_pass:5.0%} {good_mean:5.0f}  "
                f"{poor_pass:10.0%} {poor_mean:5.0f}  {gap:4.0f}{'' if ok else '  ✗'}"
            )
    print(f"\n{failing} pairing(s) miss a target (✗)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
