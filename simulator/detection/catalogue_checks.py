"""Checks of the catalogue that need the detector itself (run by `lint`, not at every start).

- every word class of lexicons.yaml is used by some rule (an unused class is a typo or dead data);
- every rule fires on at least one of its technique's own examples (ChatScript's sample input per
  rule: a rule no example triggers cannot be checked, and is often a broken pattern);
- no rule could backtrack for seconds (``backtracking_problems``, also shown when the app starts).
"""

from __future__ import annotations

from simulator.content.yaml_source import ContentProblem
from simulator.detection.detector import TechniqueDetector
from simulator.domain.regex_safety import SEARCH_BUDGET_S, GuardedPattern, SearchTimeout, backtracking_risks
from simulator.domain.techniques import Catalogue


def backtracking_problems(catalogue: Catalogue, catalogue_path: str) -> list[ContentProblem]:
    """Rules with a pattern that could take seconds on one message: they run under a time budget
    and are switched off when they go over it, so the instructor is told to rewrite them."""
    problems: list[ContentProblem] = []
    budget_ms = round(SEARCH_BUDGET_S * 1000)
    for technique in catalogue.techniques:
        for rule in technique.detection.rules:
            for field_name, pattern in rule.patterns.items():
                if not isinstance(pattern, GuardedPattern):
                    continue
                risks = "; ".join(backtracking_risks(pattern.pattern))
                problems.append(
                    ContentProblem(
                        catalogue_path,
                        rule.line,
                        f"{technique.id}: {field_name} could backtrack for seconds ({risks}); it runs with "
                        f"a {budget_ms} ms budget per message and is switched off when it goes over: "
                        "rewrite it",
                    )
                )
    return problems


def catalogue_problems(
    detector: TechniqueDetector, catalogue_path: str, lexicon_path: str
) -> list[ContentProblem]:
    catalogue = detector.catalogue
    problems: list[ContentProblem] = []
    used = {
        name
        for technique in catalogue.techniques
        for rule in technique.detection.rules
        for name in rule.classes
    }
    for word_class in catalogue.lexicon.classes:
        if word_class.name not in used:
            problems.append(
                ContentProblem(
                    lexicon_path, word_class.line, f"class {word_class.name} is not used by any rule"
                )
            )
    problems.extend(backtracking_problems(catalogue, catalogue_path))
    for technique in catalogue.techniques:
        for rule in technique.detection.rules:
            try:
                fires = any(
                    detector.rule_spans(example, technique.id, rule) for example in technique.examples
                )
            except SearchTimeout:
                continue  # already reported as a pattern that backtracks
            if not fires:
                problems.append(
                    ContentProblem(
                        catalogue_path,
                        rule.line,
                        f"{technique.id}: no example of the technique triggers this rule "
                        "(add an example it should catch, or fix the pattern)",
                    )
                )
    return problems
