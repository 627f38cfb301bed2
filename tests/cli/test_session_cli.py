"""`list` and `chat` as a user runs them in a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT

SIX = {"friendly", "domineering", "analytical", "self_centered", "haggler", "pick_then_abandon"}


def run(args: list[str], stdin: str = "", data_home: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=data_home) if data_home else None
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_list_names_the_six_personas_and_the_scenarios() -> None:
    result = run(["list", "--json"])
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {persona["id"] for persona in document["personas"]} >= SIX
    scenario_ids = {scenario["id"] for scenario in document["scenarios"]}
    assert {p["default_scenario"] for p in document["personas"]} <= scenario_ids
    readable = run(["list"])
    assert "讲价型买家" in readable.stdout and "leather_shoes" in readable.stdout


def test_chat_in_the_terminal_answers_reports_and_is_kept(tmp_path) -> None:
    stdin = "亲,99已经是活动价了哈~😊\n可以给您包邮哦\n/end\n"
    result = run(["chat", "--persona", "haggler"], stdin=stdin, data_home=str(tmp_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("评分细则") < out.index("买家:") < out.index("得分 Score")
    assert out.count("买家:") >= 3  # the opening and a reply to each message
    history = json.loads(run(["history", "--json"], data_home=str(tmp_path)).stdout)
    assert [session["persona"] for session in history["sessions"]] == ["haggler"]


def test_an_unknown_persona_is_a_clear_error() -> None:
    result = run(["play", "--persona", "nobody"], stdin="你好\n")
    assert result.returncode == 2
    assert "no persona 'nobody'" in result.stderr and "haggler" in result.stderr


def test_list_json_gives_each_persona_its_scenarios_and_play_refuses_others(tmp_path: Path) -> None:
    listed = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "list", "--json"], capture_output=True, timeout=120
    )
    personas = {p["id"]: p for p in json.loads(listed.stdout)["personas"]}
    assert personas["friendly"]["scenarios"][0] == "cardigan"
    assert "glass_cup_aftersale" in personas["self_centered"]["scenarios"]
    assert all(len(p["scenarios"]) >= 2 for p in personas.values())
    transcript = tmp_path / "t.txt"
    transcript.write_text("亲 在的\n", encoding="utf-8")
    command = [sys.executable, str(PROJECT_ROOT / "main.py"), "play", "--persona", "friendly"]
    command += ["--scenario", "suitcase", "--transcript", str(transcript)]
    refused = subprocess.run(command, capture_output=True, timeout=120)
    assert refused.returncode == 2 and "cardigan" in refused.stderr.decode()
