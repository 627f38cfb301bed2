"""`test`: the authored persona tests (shared/spec/cli.md): one line per test, then `N passed, N failed`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from simulator.cli.exit_codes import EXIT_OK, EXIT_PROBLEMS
from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.persona_tests import load_tests, persona_test_files, run_test


def persona_tests_command(
    library: ContentLibrary,
    detector: TechniqueDetector,
    paths: Sequence[str],
    tests_folder: Path,
    out: IO[str],
) -> int:
    tests, problems = load_tests(persona_test_files(paths, tests_folder))
    passed = failed = 0
    for problem in problems:  # a file that is no test counts as a failed test, named by its line
        failed += 1
        out.write(f"FAIL {problem}\n")
    for test in tests:
        result = run_test(test, library, detector)
        if result.passed:
            passed += 1
            out.write(f"PASS {test.path}: {test.name}\n")
        else:
            failed += 1
            out.write(f"FAIL {test.path}: {test.name}\n")
            for failure in result.failures:
                out.write(f"     {failure}\n")
    out.write(f"{passed} passed, {failed} failed\n")
    return EXIT_OK if failed == 0 and passed > 0 else EXIT_PROBLEMS
