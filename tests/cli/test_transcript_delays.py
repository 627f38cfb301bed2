"""Transcript delays are read strictly: a delay that is no delay is an error naming its line."""

from __future__ import annotations

import pytest

from simulator.services.transcript import MAX_DELAY_SECONDS, TranscriptError, parse_transcript


@pytest.mark.parametrize(
    "line", ["[+-5s] 亲", "[+NaNs] 亲", "[-5s] 亲", "[+1e9s] 亲", "[+99999999999999999999s] 亲"]
)
def test_a_delay_that_is_no_delay_names_its_line(line: str) -> None:
    with pytest.raises(TranscriptError, match="line 3"):
        parse_transcript(["# comment", "[+5s] 在的", line])


def test_good_delays_and_plain_text_are_kept() -> None:
    lines = parse_transcript(
        ["[+0s] 亲", f"[+{MAX_DELAY_SECONDS:g}s] 在的", "[微笑] 不是延时", "[+12.5s]好的"]
    )
    assert [(line.text, line.delay) for line in lines] == [
        ("亲", 0.0), ("在的", MAX_DELAY_SECONDS), ("[微笑] 不是延时", 10.0), ("好的", 12.5),
    ]  # fmt: skip


@pytest.mark.parametrize("seed", ["9223372036854775808", "-1", "abc"])
def test_a_seed_the_database_cannot_keep_is_refused_before_the_session(seed: str) -> None:
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--persona", "haggler", "--seed", seed],
        input="亲\n", capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "--seed" in result.stderr and "Traceback" not in result.stderr


def test_a_report_that_cannot_be_written_is_refused_before_the_session_is_kept(tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    db = tmp_path / "kept.sqlite3"
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--persona", "haggler", "--db", f"sqlite:///{db}",
         "--report", str(tmp_path / "missing" / "r.html")],
        input="亲\n", capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()  # nothing was stored for a session that never ran
