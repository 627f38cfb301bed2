"""The price book's boundaries: what a small step is, the floor, the allowed discount, the page price.

Each test pins one edge the buyer's reactions rest on (a 5-yuan step on 99 is small, 5.01 is big);
mutation testing showed these edges were otherwise free to move.
"""

from __future__ import annotations

import pytest

from simulator.domain.facts import MessageFact
from simulator.engine.fact_events import FactFindings, PriceBook, price_findings
from simulator.services.library import ContentLibrary


def book(list_price: float = 99, floor: float = 96, max_discount: float = 3) -> PriceBook:
    return PriceBook(list_price, floor, max_discount, list_price)


def offer(value: float) -> list[MessageFact]:
    return [MessageFact("offer_price", value, 0, 2)]


@pytest.mark.parametrize(
    ("list_price", "step", "small"),
    [
        (99, 4.95, True),  # 5% of 99
        (99, 4.96, False),
        (179, 8.95, True),
        (179, 9.0, False),
        (40, 3.0, True),  # the 3-yuan minimum beats 5% of 40
        (40, 3.01, False),
    ],
)
def test_a_small_step_is_five_percent_or_three_yuan(list_price: float, step: float, small: bool) -> None:
    assert book(list_price).small_step(step) is small


def test_a_lower_offer_moves_the_price_by_its_exact_step() -> None:
    prices, findings = book(179, 170, 20), FactFindings()
    prices = price_findings(prices, offer(161.1), findings)
    assert prices.current == 161.1 and prices.steps == (17.9,)
    assert findings.facts["price"] == 161.1
    assert findings.events == ["concession_big", "price_below_floor"]


def test_the_same_price_is_a_quote_not_a_step() -> None:
    prices, findings = book(), FactFindings()
    prices = price_findings(prices, offer(99.4), findings)
    assert findings.events == ["price_quote"] and prices.steps == () and prices.current == 99


@pytest.mark.parametrize(("value", "wrong"), [(99.5, False), (99.51, True), (120, True)])
def test_a_price_above_the_page_is_a_wrong_fact(value: float, wrong: bool) -> None:
    prices, findings = book(), FactFindings()
    prices = price_findings(prices, offer(value), findings)
    assert ("price_wrong" in findings.events) is wrong
    if wrong:
        assert findings.facts["price_stated"] == value and prices.current == 99


@pytest.mark.parametrize(
    ("value", "below", "too_much"),
    [(96, False, False), (95.99, True, True), (96.5, False, False)],
)
def test_the_floor_and_the_allowed_discount(value: float, below: bool, too_much: bool) -> None:
    prices, findings = book(), FactFindings()
    prices = price_findings(prices, offer(value), findings)
    assert ("price_below_floor" in findings.events) is below
    assert ("discount_not_allowed" in findings.events) is too_much
    assert prices.price_ok is not below


def test_an_allowed_lower_price_is_also_a_correct_quote() -> None:
    prices, findings = book(), FactFindings()
    prices = price_findings(prices, offer(96), findings)
    assert findings.events == ["concession_small", "price_quote"]


def test_a_price_below_the_floor_can_be_corrected_up_to_the_floor() -> None:
    prices = book()
    prices = price_findings(prices, offer(90), FactFindings())
    assert not prices.price_ok
    findings = FactFindings()
    prices = price_findings(prices, offer(96), findings)
    assert prices.current == 96 and prices.price_ok and findings.facts["price"] == 96
    findings = FactFindings()
    prices = price_findings(prices, offer(98), findings)  # above the floor again: not a concession, no change
    assert prices.current == 96 and findings.events == []


def test_offers_only_move_on_offer_facts() -> None:
    prices, findings = book(), FactFindings()
    prices = price_findings(
        prices, [MessageFact("other_price", 80, 0, 2), MessageFact("shipping_fee", 0, 3, 5)], findings
    )
    assert prices.current == 99 and findings.events == []


def test_the_book_starts_at_the_page_price_or_the_unpaid_order(library: ContentLibrary) -> None:
    shoes = PriceBook.for_scenario(library.scenario("leather_shoes"))
    assert (shoes.list_price, shoes.floor_price, shoes.max_discount, shoes.current) == (99, 96, 3, 99)
    jacket = PriceBook.for_scenario(library.scenario("down_jacket_unpaid"))
    assert (jacket.list_price, jacket.current) == (399, 379)
