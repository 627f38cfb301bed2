"""The CSV an instructor opens in a spreadsheet: Chinese intact, no cell runs as a formula."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from simulator.domain.history import SessionSummary
from simulator.services.export import spreadsheet_safe, write_sessions_csv


def summary(persona: str) -> SessionSummary:
    return SessionSummary(
        id=1, persona=persona, scenario="leather_shoes", seed=3, mode="practice",
        started_at=datetime(2026, 12, 1, 9, 0), ended_at=None, result=None, total=-5, passed=None,
        satisfaction=None, price=None,
    )  # fmt: skip


def test_a_cell_that_would_run_as_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "sessions.csv"
    assert write_sessions_csv([summary('=HYPERLINK("http://x","点我")'), summary("讲价型")], path) == 2
    with path.open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    assert rows[1][1] == '\'=HYPERLINK("http://x","点我")' and rows[2][1] == "讲价型"
    assert rows[1][8] == "-5"  # a number is not text: a negative total stays a number


def test_every_formula_start_is_neutralised() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert spreadsheet_safe(start + "1+1") == "'" + start + "1+1"
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe("亲") == "亲"
