"""Turn the golden transcripts' `# expect:` headers into authored persona tests (one-off conversion).

    .venv/bin/python tools/transcripts_to_tests.py
Each tests/transcripts/<persona>_<good|poor>[_N].txt becomes personas/tests/<same name>.yaml with the
trainee's lines as steps, the header's pins as the end expectation, seeds 1–3, and the course's
verdict for the kind of trainee (a good one passes, a poor one fails). The header is then removed
from the transcript, so that the expectation lives in one place.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.services.transcript import parse_transcript  # noqa: E402

NAME_RE = re.compile(r"^(?P<persona>[a-z_]+?)_(?P<quality>good|poor)(?:_\d+)?\.txt$")
CLAUSE_RE = re.compile(r"(\w+)(>=|<=|=)(.+)")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def convert(path: Path) -> str:
    match = NAME_RE.match(path.name)
    assert match, path
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#") and not line.startswith("# expect:")]
    header = next((line for line in lines if line.startswith("# expect:")), "")
    out = [*comments, f"persona: {match['persona']}", "seeds: [1, 2, 3]", "steps:"]
    for line in parse_transcript(lines):
        out.append(f"  - say: {_quote(line.text)}")
        out.append(f"    after: {line.delay:g}")
    out.append("expect:")
    for clause in header.removeprefix("# expect:").split():
        key, operator, value = CLAUSE_RE.match(clause).groups()  # type: ignore[union-attr]
        if key == "result":
            out.append(f"  result: [{', '.join(value.split('|'))}]")
        else:
            out.append(f"  {key}: {_quote(value if operator == '=' else operator + value)}")
    out.append(f"  passed: {'true' if match['quality'] == 'good' else 'false'}")
    return "\n".join(out) + "\n"


def main() -> int:
    target = ROOT / "personas" / "tests"
    target.mkdir(exist_ok=True)
    for path in sorted((ROOT / "tests" / "transcripts").glob("*.txt")):
        if not NAME_RE.match(path.name):
            continue
        (target / f"{path.stem}.yaml").write_text(convert(path), encoding="utf-8")
        kept = [
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("# expect:")
        ]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
