"""Progress over stored sessions: technique use, score trend, weakest techniques, what to practise next."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from simulator.domain.history import SessionSummary
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary


@dataclass(frozen=True)
class WeakTechnique:
    technique_id: str
    name_zh: str
    used_in: int  # sessions where the technique appeared
    sessions: int  # sessions whose persona's strategy asks for it
    advice: str  # the course's reason for it


@dataclass(frozen=True)
class Progress:
    scores: list[tuple[str, int]]  # (date, total) of finished sessions, oldest first
    technique_use: dict[str, int]  # good technique id → sessions that used it
    taboo_use: dict[str, int]  # bad technique id → sessions that used it
    weakest: list[WeakTechnique]
    next_persona: str | None
    next_reason: str


def compute_progress(repository: SessionArchive, library: ContentLibrary) -> Progress:
    sessions = [s for s in repository.list() if s.finished and s.total is not None]
    sessions.reverse()  # oldest first
    used = repository.techniques_by_session([s.id for s in sessions])
    catalogue = library.catalogue
    technique_use: Counter[str] = Counter()
    taboo_use: Counter[str] = Counter()
    for techniques in used.values():
        for technique_id in techniques:
            if technique_id not in catalogue:
                continue
            kind = catalogue.get(technique_id).kind
            (taboo_use if kind is TechniqueKind.BAD else technique_use)[technique_id] += 1
    return Progress(
        scores=[(f"{s.started_at:%m-%d %H:%M}", s.total or 0) for s in sessions],
        technique_use=dict(technique_use.most_common()),
        taboo_use=dict(taboo_use.most_common()),
        weakest=_weakest(sessions, used, library, catalogue),
        next_persona=(suggestion := _next_persona(sessions, library))[0],
        next_reason=suggestion[1],
    )


def _weakest(
    sessions: list[SessionSummary], used: dict[int, set[str]], library: ContentLibrary, catalogue: Catalogue
) -> list[WeakTechnique]:
    asked: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    asked_for: dict[tuple[str, str], list[str]] = {}  # one rubric per persona and scenario, not per session
    for session in sessions:
        key = (session.persona, session.scenario)
        if key not in asked_for:
            persona, scenario = library.personas.get(key[0]), library.scenarios.get(key[1])
            rubric = library.rubric(persona, scenario) if persona and scenario else None
            asked_for[key] = [p.id for p in rubric.strategy_do if p.id in catalogue] if rubric else []
        for technique_id in asked_for[key]:
            asked[technique_id] += 1
            shown[technique_id] += technique_id in used.get(session.id, set())
    ranked = sorted(asked, key=lambda technique_id: (shown[technique_id] / asked[technique_id], technique_id))
    return [
        WeakTechnique(t, catalogue.get(t).name_zh, shown[t], asked[t], catalogue.get(t).reason_good)
        for t in ranked[:5]
        if shown[t] < asked[t]
    ]


def _next_persona(sessions: list[SessionSummary], library: ContentLibrary) -> tuple[str | None, str]:
    tried: dict[str, list[int]] = {}
    for session in sessions:
        tried.setdefault(session.persona, []).append(session.total or 0)
    untried = sorted((p for p in library.personas.values() if p.id not in tried), key=lambda p: p.difficulty)
    if untried:
        return untried[0].id, f"还没有练习过{untried[0].name_zh}"
    if not tried:
        return None, ""
    persona_id = min(tried, key=lambda p: sum(tried[p]) / len(tried[p]))
    average = sum(tried[persona_id]) / len(tried[persona_id])
    return persona_id, f"{library.persona(persona_id).name_zh}的平均分最低({average:.0f}分)"
