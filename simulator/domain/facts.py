"""What a trainee's message states, read in the context of one scenario: the `facts` of cli.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The three kinds of the contract, and the claims the engine checks against the scenario.
FactKind = Literal["offer_price", "shipping_fee", "other_price", "size", "stock", "dispatch_time"]


@dataclass(frozen=True)
class MessageFact:
    kind: FactKind
    value: float | str  # yuan for prices and fees, pieces for stock, the size's name for a size
    start: int  # offsets into the text the reader was given
    end: int
    note: str = ""  # how the value was reached (减5 from the page price 179), for explanations


def fact_values(facts: tuple[MessageFact, ...] | list[MessageFact], kind: FactKind) -> list[float | str]:
    return [fact.value for fact in facts if fact.kind == kind]


__all__ = ["FactKind", "MessageFact", "fact_values"]
