"""Exports for instructors: every stored session as CSV (opens in a spreadsheet)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from simulator.domain.history import SessionSummary

COLUMNS = ("id", "persona", "scenario", "mode", "seed", "started_at", "ended_at", "result", "total", "passed",
           "satisfaction", "price", "trainee_turns")  # fmt: skip


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ …) is kept as text (OWASP CSV
    injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_sessions_csv(sessions: Iterable[SessionSummary], path: Path) -> int:
    """UTF-8 with a BOM, so that Excel opens the Chinese correctly; returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for session in sessions:
            writer.writerow(
                [spreadsheet_safe(cell) for cell in [
                    session.id, session.persona, session.scenario, session.mode, session.seed,
                    session.started_at.isoformat(timespec="seconds"),
                    session.ended_at.isoformat(timespec="seconds") if session.ended_at else "",
                    session.result or "", "" if session.total is None else session.total,
                    "" if session.passed is None else int(session.passed),
                    "" if session.satisfaction is None else session.satisfaction,
                    "" if session.price is None else session.price, session.trainee_turns,
                ]]
            )  # fmt: skip
            count += 1
    return count
