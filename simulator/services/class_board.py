"""The teacher's class board: the class's sessions on the shared database, in a few aggregate queries.

Per persona and scenario: sessions, scored, mean score, pass rate. A ranking of the trainees whose
names are replaced by stable labels (学员 A, 学员 B, … by the order trainees were first stored, so a
label stays with its trainee whatever the filter) unless the names are asked for. A heat map of
the techniques: how many scored sessions showed each, how many were asked for it by their rubric and
missed it. The most common taboo hits, each with the turns (session id, turn) it happened in.
Also ``check_connection``: whether a database URL can be reached, said without its password.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from simulator.domain.techniques import TechniqueKind
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.storage.class_queries import BoardFilter, ClassQueries, TraineeScores
from simulator.storage.database import SQLITE_HEADER, normalise_url

__all__ = [
    "BoardFilter",
    "ClassBoard",
    "ClassBoardService",
    "PairingStats",
    "RankedTrainee",
    "TabooLink",
    "TabooStats",
    "TechniqueHeat",
    "check_connection",
    "trainee_label",
]

CONNECT_TIMEOUT_SECONDS = 3


@dataclass(frozen=True)
class PairingStats:
    persona: str
    scenario: str
    persona_name: str
    scenario_name: str
    sessions: int
    scored: int
    mean_score: float | None
    pass_rate: float | None  # share of the scored sessions that passed, 0–1


@dataclass(frozen=True)
class RankedTrainee:
    rank: int
    label: str  # 学员 A …, or the real name when names were asked for
    sessions: int
    scored: int
    mean_score: float | None
    best_score: int | None


@dataclass(frozen=True)
class TechniqueHeat:
    technique_id: str
    name_zh: str
    used: int  # scored sessions whose trainee messages showed it
    expected: int  # scored sessions whose rubric asked for it
    missed: int  # of those, the ones that never showed it
    sessions: int  # scored sessions in the filter

    @property
    def used_share(self) -> float:
        return self.used / self.sessions if self.sessions else 0.0

    @property
    def missed_share(self) -> float:
        return self.missed / self.expected if self.expected else 0.0


@dataclass(frozen=True)
class TabooLink:
    session_id: int
    turn: int  # the trainee's message (1-based), as replay counts turns
    trainee: str  # label or name, as the ranking shows it
    quote: str


@dataclass(frozen=True)
class TabooStats:
    technique_id: str
    name_zh: str
    hits: int
    sessions: int
    links: tuple[TabooLink, ...]  # newest session first


@dataclass(frozen=True)
class ClassBoard:
    filters: BoardFilter
    names_shown: bool
    sessions: int
    scored: int
    pairings: tuple[PairingStats, ...]
    ranking: tuple[RankedTrainee, ...]
    heat: tuple[TechniqueHeat, ...]
    taboos: tuple[TabooStats, ...]


def trainee_label(position: int) -> str:
    """学员 A … 学员 Z, 学员 AA, 学员 AB …, for the 1st, 2nd … trainee stored."""
    letters = ""
    while position > 0:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"学员 {letters}"


class ClassBoardService:
    def __init__(self, engine: Engine, library: ContentLibrary) -> None:
        self._queries = ClassQueries(engine)
        self.library = library

    @classmethod
    def for_archive(cls, archive: SessionArchive, library: ContentLibrary) -> ClassBoardService:
        """The board of the database the window's sessions are kept in."""
        return cls(archive.repository.engine, library)

    def build(self, filters: BoardFilter | None = None, show_names: bool = False) -> ClassBoard:
        """The board for the sessions in ``filters``; real names only when ``show_names``."""
        filters = filters or BoardFilter()
        pairings = self._pairings(filters)
        trainees = self._queries.trainees(filters)
        labels = {t.trainee_id: t.name if show_names else trainee_label(t.position) for t in trainees}
        scored, used = self._queries.technique_use(filters)
        return ClassBoard(
            filters=filters,
            names_shown=show_names,
            sessions=sum(pairing.sessions for pairing in pairings),
            scored=scored,
            pairings=pairings,
            ranking=_ranking(trainees, labels),
            heat=self._heat(filters, scored, used),
            taboos=self._taboos(filters, labels),
        )

    def _pairings(self, filters: BoardFilter) -> tuple[PairingStats, ...]:
        personas, scenarios = self.library.personas, self.library.scenarios
        result = []
        for count in self._queries.pairings(filters):
            persona, scenario = personas.get(count.persona), scenarios.get(count.scenario)
            result.append(
                PairingStats(
                    persona=count.persona,
                    scenario=count.scenario,
                    # A session of a persona no longer shipped is still counted, under its id.
                    persona_name=persona.name_zh if persona else count.persona,
                    scenario_name=scenario.name_zh if scenario else count.scenario,
                    sessions=count.sessions,
                    scored=count.scored,
                    mean_score=count.mean_score,
                    pass_rate=count.passed / count.scored if count.scored else None,
                )
            )
        return tuple(result)

    def _heat(self, filters: BoardFilter, scored: int, used: dict[str, int]) -> tuple[TechniqueHeat, ...]:
        catalogue = self.library.catalogue
        expectations = self._queries.expectations(filters)
        rows = []
        for technique_id in sorted(set(used) | set(expectations)):
            # Taboos have their own list; a rubric point that is an engine event is no technique.
            if technique_id not in catalogue or catalogue.get(technique_id).kind is TechniqueKind.BAD:
                continue
            expectation = expectations.get(technique_id)
            rows.append(
                TechniqueHeat(
                    technique_id=technique_id,
                    name_zh=catalogue.get(technique_id).name_zh,
                    used=used.get(technique_id, 0),
                    expected=expectation.expected if expectation else 0,
                    missed=expectation.missed if expectation else 0,
                    sessions=scored,
                )
            )
        # The most missed first: what the class should practise next.
        rows.sort(key=lambda row: (-row.missed, -row.missed_share, -row.used, row.technique_id))
        return tuple(rows)

    def _taboos(self, filters: BoardFilter, labels: dict[int, str]) -> tuple[TabooStats, ...]:
        catalogue = self.library.catalogue
        links: dict[str, list[TabooLink]] = {}
        sessions: dict[str, set[int]] = {}
        for hit in self._queries.taboo_hits(filters):
            trainee = labels.get(hit.trainee_id, "")
            links.setdefault(hit.technique_id, []).append(
                TabooLink(hit.session_id, hit.turn, trainee, hit.quote)
            )
            sessions.setdefault(hit.technique_id, set()).add(hit.session_id)
        result = [
            TabooStats(
                technique_id=technique_id,
                name_zh=catalogue.get(technique_id).name_zh if technique_id in catalogue else technique_id,
                hits=len(found),
                sessions=len(sessions[technique_id]),
                links=tuple(found),
            )
            for technique_id, found in links.items()
        ]
        result.sort(key=lambda taboo: (-taboo.hits, -taboo.sessions, taboo.technique_id))
        return tuple(result)


def _ranking(trainees: list[TraineeScores], labels: dict[int, str]) -> tuple[RankedTrainee, ...]:
    """Best mean first (then best score, then more sessions); trainees with no score yet last."""
    ordered = sorted(
        trainees,
        key=lambda t: (
            t.mean_score is None,
            -(t.mean_score or 0.0),
            -(t.best_score or 0),
            -t.scored,
            t.position,
        ),
    )
    return tuple(
        RankedTrainee(rank, labels[t.trainee_id], t.sessions, t.scored, t.mean_score, t.best_score)
        for rank, t in enumerate(ordered, start=1)
    )


# -- the connection test of the database setting ---------------------------------------------------


def check_connection(url: str, timeout_seconds: int = CONNECT_TIMEOUT_SECONDS) -> str | None:
    """None when the database at ``url`` can be reached (and used); else why not, in Chinese, with
    any password in the URL left out. A server gets ``timeout_seconds`` to answer."""
    url = url.strip()
    if not url:
        return "请填写数据库地址"
    try:
        parsed = make_url(normalise_url(url))
    except (ArgumentError, ValueError):
        return "地址格式不对;应当像 postgresql+psycopg://用户:密码@服务器:5432/数据库 或 sqlite:///文件路径"
    location = parsed.render_as_string(hide_password=True)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _check_sqlite(parsed)
    connect_args = {"connect_timeout": timeout_seconds} if backend == "postgresql" else {}
    try:
        engine = create_engine(parsed, connect_args=connect_args, poolclass=NullPool)
    except (NoSuchModuleError, ModuleNotFoundError, ImportError) as error:
        return f"{location}:没有这种数据库的驱动({_hidden(str(error), parsed)})"
    except (ArgumentError, ValueError, TypeError) as error:
        return f"{location}:地址无法使用({_hidden(str(error), parsed)})"
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()
        return f"连接失败 {location}:{_hidden(detail[0] if detail else type(error).__name__, parsed)}"
    finally:
        engine.dispose()
    return None


def _check_sqlite(parsed: URL) -> str | None:
    if not parsed.database or parsed.database == ":memory:":
        return "内存数据库只在本次运行里有效,全班共用请填写数据库文件或服务器地址"
    path = Path(parsed.database)
    if path.is_dir():
        return f"{path}:这是一个文件夹,不是数据库文件"
    if not path.parent.is_dir():
        return f"{path}:文件夹 {path.parent} 不存在"
    if not path.exists():
        return None  # created on first use
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        return f"{path}:无法读取文件({error.strerror})"
    if header and header != SQLITE_HEADER:
        return f"{path}:这不是会话记录数据库(没有 SQLite 文件头)"
    connection = None
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=3)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        return f"{path}:无法打开({error})"
    finally:
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()
    return None


def _hidden(message: str, parsed: URL) -> str:
    """The message with the URL's password (as typed, and percent-encoded) replaced by ***."""
    password = parsed.password
    if password:
        for form in {str(password), quote_plus(str(password))}:
            if form:
                message = message.replace(form, "***")
    return message[:200]
