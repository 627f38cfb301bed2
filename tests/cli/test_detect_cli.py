"""`python main.py detect` as other tools call it: a subprocess reading files or standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


def run_detect(stdin: bytes | None = None, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "detect", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def records(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def test_spec_example() -> None:
    result = run_detect("亲,这款每天只要一块钱哦\n".encode())
    assert result.returncode == 0, result.stderr.decode()
    (record,) = records(result.stdout)
    assert set(record) == {"text", "techniques", "spans"}
    assert record["text"] == "亲,这款每天只要一块钱哦"
    assert record["techniques"] == ["small_unit_price"]
    (span,) = record["spans"]
    assert span["id"] == "small_unit_price"
    # spans are character offsets into text (the spec's example shows 3..10, one character early:
    # the words are at 4..11)
    assert record["text"][span["start"] : span["end"]] == "每天只要一块钱"


def test_plain_and_json_lines_from_a_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"text": "您好,欢迎光临[微笑]", "techniques": ["greeting"], "note": "x"}\n'
        "你愛買不買\n"
        "\n"
        "好的,订单号收到了\n",
        encoding="utf-8",
    )
    result = run_detect(None, str(source))
    assert result.returncode == 0
    out = records(result.stdout)
    assert [record["techniques"] for record in out] == [["greeting", "emoticon"], ["impatience"], [], []]
    assert out[0]["text"] == "您好,欢迎光临[微笑]"
    emoticon_span = next(span for span in out[0]["spans"] if span["id"] == "emoticon")
    assert out[0]["text"][emoticon_span["start"] : emoticon_span["end"]] == "[微笑]"
    assert out[2] == {"text": "", "techniques": [], "spans": []}


def test_a_bad_line_is_reported_and_the_rest_goes_on() -> None:
    stdin = (
        b'{"text": broken\n\xff\xfe\x00binary\n[1, 2]\n{"no_text": 1}\n\xe8\xb0\xa2\xe8\xb0\xa2\xe4\xba\xb2\n'
    )
    result = run_detect(stdin)
    assert result.returncode == 1
    out = records(result.stdout)
    assert len(out) == 5
    assert "error" in out[0] and "invalid JSON" in out[0]["error"]
    assert "error" in out[1] and "UTF-8" in out[1]["error"]
    assert "error" not in out[2]  # "[1, 2]" is not an object: read as plain text
    assert "error" in out[3]
    assert out[4]["techniques"] == ["thanks"] and "error" not in out[4]
    stderr = result.stderr.decode()
    for line_number in (1, 2, 4):
        assert f"line {line_number}:" in stderr


def test_a_very_long_line_is_answered(tmp_path: Path) -> None:
    long_line = "谢谢亲" + "好" * 100_000
    result = run_detect((long_line + "\n欢迎下次光临\n").encode())
    assert result.returncode == 0
    out = records(result.stdout)
    assert out[0]["techniques"] == ["thanks"] and len(out[0]["text"]) == len(long_line)
    assert out[1]["techniques"] == ["farewell"]
    assert "first" in result.stderr.decode()


def test_an_empty_file_gives_no_output(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    result = run_detect(None, str(source))
    assert result.returncode == 0
    assert result.stdout == b""


def test_windows_line_endings_and_bom(tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes("\ufeff感谢光临本店\r\n不讲价\r\n".encode())
    out = records(run_detect(None, str(source)).stdout)
    assert [record["text"] for record in out] == ["感谢光临本店", "不讲价"]
    assert [record["techniques"] for record in out] == [["thanks"], ["negative_refusal"]]


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_detect(None, str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "cannot open" in result.stderr.decode()
    assert result.stdout == b""


@pytest.mark.parametrize("args", [["--help"]])
def test_help_describes_detect(args: list[str]) -> None:
    result = run_detect(None, *args)
    assert result.returncode == 0
    assert "JSON" in result.stdout.decode()


def test_explain_gives_the_evidence_of_every_technique() -> None:
    result = run_detect("这边给您退5块差价 实在抱歉\n".encode(), "--explain")
    assert result.returncode == 0
    (record,) = records(result.stdout)
    assert {"remedy", "apology"} <= set(record["techniques"])
    found = {item["id"] for item in record["evidence"]}
    assert found == set(record["techniques"])
    remedy = next(item for item in record["evidence"] if item["id"] == "remedy" and item["class_words"])
    assert remedy["source"] == "rule" and remedy["rule_line"] > 0
    assert remedy["class_words"]["MONEY"] == "5块"
    assert record["text"][remedy["start"] : remedy["end"]].startswith("这边给您退")
    # without --explain the contract of shared/spec/cli.md is unchanged
    (plain,) = records(run_detect("这边给您退5块差价 实在抱歉\n".encode()).stdout)
    assert set(plain) == {"text", "techniques", "spans"}


def test_detect_with_a_scenario_prints_the_facts_of_the_contract() -> None:
    text = "亲 别家85的是超纤皮哦 这边领3元券到手96 给您包邮"
    result = run_detect(text.encode() + b"\n", "--scenario", "leather_shoes")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    facts = [{key: fact[key] for key in ("kind", "value", "start", "end")} for fact in record["facts"]]
    assert facts == [
        {"kind": "other_price", "value": 85, "start": 4, "end": 6},
        {"kind": "other_price", "value": 3, "start": 16, "end": 18},
        {"kind": "offer_price", "value": 96, "start": 21, "end": 23},
        {"kind": "shipping_fee", "value": 0, "start": 26, "end": 28},
    ]
    for fact in facts:
        assert text[fact["start"] : fact["end"]].startswith(("85", "3", "96", "包邮"))


def test_facts_point_into_the_text_as_typed() -> None:
    """Traditional characters and full-width digits are read, and offsets stay on what was typed."""
    text = "親，到手９６元，運費１４元"
    result = run_detect(text.encode() + b"\n", "--scenario", "leather_shoes")
    record = json.loads(result.stdout)
    spans = {fact["kind"]: text[fact["start"] : fact["end"]] for fact in record["facts"]}
    values = {fact["kind"]: fact["value"] for fact in record["facts"]}
    assert values == {"offer_price": 96, "shipping_fee": 14}
    assert spans["offer_price"].startswith("９６") and "１４" in spans["shipping_fee"]


def test_an_unknown_scenario_is_a_usage_error_that_lists_the_scenarios() -> None:
    result = run_detect(b"x\n", "--scenario", "no_such_shop")
    assert result.returncode == 2
    assert b"no_such_shop" in result.stderr and b"leather_shoes" in result.stderr


def test_a_lone_surrogate_or_deep_json_is_one_bad_line() -> None:
    """{"text": "\\ud800"} is valid JSON but no character, and 8 KB of nested JSON once ended the run."""
    deep = b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    stdin = (
        b'{"text": "\\ud800"}\n' + deep + b"\n" + b"[" * 8000 + b"\n\xe8\xb0\xa2\xe8\xb0\xa2\xe4\xba\xb2\n"
    )
    result = run_detect(stdin)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    out = records(result.stdout)
    assert len(out) == 4
    assert "lone surrogate" in out[0]["error"]
    assert "error" in out[1]  # a "text" that is no string
    assert out[3]["techniques"] == ["thanks"]  # the lines after go on
