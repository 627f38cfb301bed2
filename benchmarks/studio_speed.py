"""The studio's speed: checking a persona's text as it is typed, and hot reload of a playtest.

    python benchmarks/studio_speed.py
Targets (issue 14): validation as you type < 50 ms for the largest persona; hot reload < 300 ms.
Also measured: a rubric's check, and the catalogue's (techniques.yaml, the largest file, and the word
classes), which the studio runs after a longer pause with 检查中… shown when it is over 50 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import median_ms  # noqa: E402

from simulator.app import ContentPaths, build_detector, load_library  # noqa: E402
from simulator.services.studio import Playtest, check_persona_text  # noqa: E402
from simulator.services.studio_checks import CatalogueChecker, check_rubric_text  # noqa: E402

ROUNDS = 20
LINES = [
    "亲 在的哦",
    "亲,99已经是活动价了哈,价格对每位顾客都一样~😊",
    "理解您想买得实惠~ 价格我这边动不了,不过可以给您包邮",
    "看您是真心喜欢,我跟店长申请了一张3元券,96到手,这是最大的权限了",
    "您要黑色还是棕色?",
    "谢谢亲~现在付款今天就能发出哦!",
]


def main() -> int:
    library = load_library()
    detector = build_detector(library.catalogue)
    largest = max(library.personas.values(), key=lambda persona: Path(persona.path).stat().st_size)
    path = Path(largest.path)
    text = path.read_text(encoding="utf-8")
    check = check_persona_text(path, text, library)
    assert check.valid and check.persona is not None, check.problems
    validate = median_ms(lambda: check_persona_text(path, text, library), ROUNDS)
    size = f"{path.name} ({len(text.splitlines())} lines)"
    print(f"validation as you type, {size}: median {validate:.0f} ms (target < 50 ms)")
    playtest = Playtest(library, detector, check.persona, check.persona.default_scenario)
    for line in LINES:
        if not playtest.training.finished:
            playtest.send(line)

    def reload() -> None:
        edited = check_persona_text(path, text, library)
        assert edited.persona is not None
        playtest.reload(edited.persona)

    reloading = median_ms(reload, ROUNDS)
    said = len(playtest.said)
    print(f"hot reload after {said} messages (check + replay): median {reloading:.0f} ms (target < 300 ms)")
    content = ContentPaths()
    rubric = max(content.rubrics.glob("*.yaml"), key=lambda path: path.stat().st_size)
    rubric_text = rubric.read_text(encoding="utf-8")
    assert check_rubric_text(rubric, rubric_text, library).valid
    rubric_ms = median_ms(lambda: check_rubric_text(rubric, rubric_text, library), ROUNDS)
    print(f"rubric check, {rubric.name} ({len(rubric_text.splitlines())} lines): median {rubric_ms:.0f} ms")
    checker = CatalogueChecker(content.catalogue.parent)
    for path in (content.catalogue, content.lexicons):
        original = path.read_text(encoding="utf-8")
        first = median_ms(lambda path=path, original=original: checker.check(path, original), 1)
        edits = iter(range(10**6))  # a different text each round, as typing gives

        def typed(path: Path = path, original: str = original, edits: Iterator[int] = edits) -> None:
            assert checker.check(path, original + f"\n# edit {next(edits)}\n").valid

        typing = median_ms(typed, 10)
        lines = len(original.splitlines())
        print(
            f"catalogue check, {path.name} ({lines} lines): first {first:.0f} ms, then median "
            f"{typing:.0f} ms per edit (over 50 ms: checked after a 700 ms pause, 检查中… shown)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
