"""Checks of the catalogue that need the detector itself (run by `lint`, not at every start).

- every word class of lexicons.yaml is used by some rule (an unused class is a typo or dead data);
- every rule fires on at least one of its technique's own examples (ChatScript's sample input per
  rule: a rule no example triggers cannot be checked, and is often a broken pattern).
"""

from __future__ import annotations

from simulator.content.yaml_source import ContentProblem
from simulator.detection.detector import TechniqueDetector


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
    for technique in catalogue.techniques:
        for rule in technique.detection.rules:
            if not any(detector.rule_spans(example, technique.id, rule) for example in technique.examples):
                problems.append(
                    ContentProblem(
                        catalogue_path,
                        rule.line,
                        f"{technique.id}: no example of the technique triggers this rule "
                        "(add an example it should catch, or fix the pattern)",
                    )
                )
    return problems
