"""Every persona × scenario pairing a persona offers, rendered and checked before a trainee meets it.

A persona holds a temperament; the scenario holds the case. A line that names its own product (开衫 in
the silk-dress shop), needs a fact the scenario does not give (身高 when the buyer has no height), or a
counter-offer in fixed yuan where page prices differ, reads wrong in some pairing: lint says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from simulator.content.yaml_source import ContentError, ContentProblem, YamlDocument, line_of, read_yaml
from simulator.domain.persona import PERCENT_OF_LIST_PRICE, Persona
from simulator.domain.scenario import Scenario, case_values

_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def scenario_values(scenario: Scenario) -> dict[str, str]:
    """The placeholders that come from the scenario, "" where it does not give them."""
    buyer, product = scenario.buyer, scenario.product
    return {
        **case_values(scenario),
        "open_question": buyer.question or buyer.worry,
        "product": product.name,
        "colour": buyer.wanted_colour or (product.colours[0] if product.colours else ""),
        "size": "x" if product.size_chart and buyer.height_cm and buyer.weight_kg else "",
        "height": "" if buyer.height_cm is None else "x",
        "weight_jin": "" if buyer.weight_kg is None else "x",
        "issue": scenario.issue,
    }


SITUATIONS = ("presale", "aftersale", "unpaid")


def persona_lines(persona: Persona, situation: str = "") -> Iterator[tuple[list[int | str], str]]:
    """Every line the persona can say (in that situation: `idle_aftersale` only after a sale, and
    `idle` only where no situation-specific group replaces it), with its location in the file."""
    for state in persona.states:
        for group, lines in state.lines.items():
            base, _, only = group.rpartition("_")
            if only in SITUATIONS and base:
                if situation and only != situation:
                    continue
            elif situation and f"{group}_{situation}" in state.lines:
                continue
            for index, line in enumerate(lines):
                yield ["states", state.name, "lines", group, index], line
    for group, lines in persona.lines.items():
        for index, line in enumerate(lines):
            yield ["lines", group, index], line


def pairing_problems(
    persona: Persona, scenarios: Mapping[str, Scenario], document: YamlDocument | None = None
) -> list[ContentProblem]:
    """``document``: the persona's parsed YAML when it is not (yet) the file on disk (the studio)."""
    path = Path(persona.path)
    if document is None:
        try:
            document = read_yaml(path)
        except ContentError as error:
            return list(error.problems)
    problems: list[ContentProblem] = []

    def problem(location: list[int | str], message: str) -> None:
        problems.append(ContentProblem(str(path), line_of(document, location), message))

    kinds = {scenario.product.kind for scenario in scenarios.values() if scenario.product.kind}
    offer = next((v for v in persona.variables if v.name == "offer"), None)
    played = [scenarios[scenario_id] for scenario_id in persona.scenarios if scenario_id in scenarios]
    prices = {scenario.product.list_price for scenario in played}
    if offer is not None and offer.unit != PERCENT_OF_LIST_PRICE and len(prices) > 1:
        problem(
            ["variables", "offer"],
            "offer is in fixed yuan but the persona plays shops with different page prices: "
            "give it `unit: list_price_percent`",
        )
    for scenario in played:
        values = scenario_values(scenario)
        foreign = sorted(kind for kind in kinds if kind != scenario.product.kind)
        if offer is not None and offer.unit == PERCENT_OF_LIST_PRICE:
            share = scenario.buyer.first_offer_share or offer.initial / 100
            lowest = scenario.product.floor_price * 0.5 / scenario.product.list_price
            if not lowest <= share < 1:
                problem(
                    ["variables", "offer"],
                    f"in {scenario.id} the first offer is {share:.0%} of the page price: keep it below the "
                    f"page price and above half the floor",
                )
        for location, line in persona_lines(persona, scenario.situation.value):
            missing = [name for name in _PLACEHOLDER_RE.findall(line) if values.get(name, "x") == ""]
            if missing:
                problem(
                    location, f"in {scenario.id} {{{missing[0]}}} is empty (the scenario does not give it)"
                )
            named = [kind for kind in foreign if kind in line]
            if named:
                problem(
                    location, f"in {scenario.id} the line names another product ({named[0]}): use {{kind}}"
                )
    return problems


__all__ = ["pairing_problems", "persona_lines", "scenario_values"]
