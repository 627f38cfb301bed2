"""Opening a database: any SQLAlchemy URL; the schema is brought up to date with Alembic.

Opening tells the truth about the file before anything is written to it:
- a file that is not a database, or fails SQLite's ``quick_check``, raises ``CorruptDatabase``
  naming the file (the app offers a fresh one and keeps the old one aside: ``set_aside``);
- a database written by a newer version (an Alembic revision this one does not know) and a file or
  folder that cannot be written are opened read-only, with ``notice`` saying why, for reading
  history: ``open_for_reading``; a caller that must write gets ``ReadOnlyDatabase`` instead;
- migrations are serialised across processes (a lock file SQLite itself holds, or a PostgreSQL
  advisory lock), so several programs opening a new file at once all succeed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
APP_NAME = "wangdian-kefu-simulator"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATION_WAIT_S = 60.0  # another program migrating the same new file: wait this long for it
# PRAGMA quick_check reads every page (about 5 ms per MB here): up to this size it runs at every open;
# above it the app runs it after the window is up (``verify``) and start-up checks the structure only.
FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024


class DatabaseProblem(Exception):
    """The database cannot be used as asked; ``location`` names the file (or the server)."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{location}: {reason}")


class CorruptDatabase(DatabaseProblem):
    """Not a database, or damaged: start a fresh one and keep this one aside."""


class ReadOnlyDatabase(DatabaseProblem):
    """It can be read but not written (read-only file or folder, or a newer version's schema)."""


class DatabaseUnavailable(DatabaseProblem):
    """It cannot be reached or created (no such folder, no server, no driver)."""


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    location: str
    read_only: bool = False
    notice: str = ""  # why it is read-only, in the words shown to the user
    checked: bool = True  # PRAGMA quick_check ran (False: a large file, structure checked only)


def default_url() -> str:
    """SQLite in the user's data folder (created on first use; ReadOnlyDatabase when it cannot be)."""
    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseUnavailable(str(folder), f"cannot create the data folder: {error.strerror}") from error
    return f"sqlite:///{folder / 'sessions.sqlite3'}"


def normalise_url(url: str) -> str:
    """postgresql:// means psycopg 3 (the driver we ship), not SQLAlchemy's default psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def open_database(url: str | None = None) -> Engine:
    """A database to write sessions to, up to date and fully checked; DatabaseProblem otherwise."""
    return _open(url, writable=True, full_check=True).engine


def open_for_writing(url: str | None = None, full_check: bool | None = True) -> OpenedDatabase:
    """Like open_database; ``full_check=None`` runs quick_check only on a file of at most
    FULL_CHECK_MAX_BYTES (``checked`` says whether it ran; ``verify`` runs it later)."""
    return _open(url, writable=True, full_check=full_check)


def open_for_reading(url: str | None = None, full_check: bool | None = True) -> OpenedDatabase:
    """A database to read history from: read-only (with a notice) when it cannot be written."""
    return _open(url, writable=False, full_check=full_check)


def verify(opened: OpenedDatabase) -> None:
    """The full integrity check of an open database (CorruptDatabase when it fails).

    A failure leaves a marker beside the file, so the next open checks it in full before anything
    else and can offer a fresh file; a later clean check removes it."""
    if opened.engine.dialect.name != "sqlite" or opened.location == ":memory:":
        return
    marker = _suspect_marker(opened.location)
    try:
        _quick_check(opened.engine, opened.location, full=True)
    except CorruptDatabase:
        with contextlib.suppress(OSError):  # a read-only folder: the warning is still shown now
            marker.touch()
        raise
    marker.unlink(missing_ok=True)


def _suspect_marker(location: str) -> Path:
    return Path(f"{location}.needs-check")


def set_aside(location: str, now: datetime | None = None) -> Path:
    """Move a corrupt database file (and its -wal/-shm) out of the way; returns where it went."""
    path = Path(location)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


def _open(url: str | None, writable: bool, full_check: bool | None) -> OpenedDatabase:
    url = normalise_url(url or default_url())
    if url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
        event.listen(engine, "connect", _sqlite_pragmas)
        upgrade(engine)
        return OpenedDatabase(engine, ":memory:")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return _open_sqlite_file(Path(parsed.database), writable, full_check)
    location = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(url)
        _upgrade_checked(engine, location)
    except ModuleNotFoundError as error:
        raise DatabaseUnavailable(location, f"no driver for this database ({error.name})") from error
    except ReadOnlyDatabase as error:
        if writable:
            raise
        return OpenedDatabase(engine, location, True, error.reason)
    except SQLAlchemyError as error:
        raise DatabaseUnavailable(location, _first_line(error)) from error
    return OpenedDatabase(engine, location)


def _open_sqlite_file(path: Path, writable: bool, full_check: bool | None) -> OpenedDatabase:
    location = str(path)
    try:
        folder_exists = path.parent.is_dir()
    except OSError as error:  # a folder on the way that may not be entered
        raise DatabaseUnavailable(location, f"cannot reach the folder: {error.strerror}") from error
    if not folder_exists:
        raise DatabaseUnavailable(location, f"the folder {path.parent} does not exist")
    _check_header(path)
    if full_check is None:
        small = not path.exists() or path.stat().st_size <= FULL_CHECK_MAX_BYTES
        full_check = small or _suspect_marker(location).exists()
    read_only_reason = _why_not_writable(path)
    if read_only_reason is None:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _sqlite_pragmas)
        try:
            _quick_check(engine, location, full_check)
            _upgrade_checked(engine, location)
            if full_check:
                _suspect_marker(location).unlink(missing_ok=True)
            return OpenedDatabase(engine, location, checked=full_check)
        except ReadOnlyDatabase as error:
            engine.dispose()
            read_only_reason = error.reason
    if writable:
        raise ReadOnlyDatabase(location, read_only_reason)
    if not path.exists():
        raise DatabaseUnavailable(location, read_only_reason)
    engine = _read_only_engine(path, location, full_check)
    return OpenedDatabase(engine, location, True, read_only_reason, checked=full_check)


def _read_only_engine(path: Path, location: str, full_check: bool) -> Engine:
    """mode=ro first; a WAL file in a folder nobody may write has no -shm to share, and is then
    read as immutable (nothing can be writing to it: nobody may)."""
    for options in ("mode=ro", "immutable=1"):
        engine = create_engine(
            f"sqlite:///file:{path.as_posix()}?{options}&uri=true", connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _read_only_pragmas)
        try:
            _quick_check(engine, location, full_check)
        except (ReadOnlyDatabase, DatabaseUnavailable):
            engine.dispose()
            continue
        return engine
    raise DatabaseUnavailable(location, "the database cannot be opened, not even to read")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError as error:
        raise DatabaseUnavailable(str(path), "this is a folder, not a database file") from error
    except OSError as error:
        raise DatabaseUnavailable(str(path), f"cannot read the file: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise CorruptDatabase(str(path), "the file is not a session database (no SQLite header)")


def _why_not_writable(path: Path) -> str | None:
    """Why the file cannot be written, checked before SQLite tries (None: it can, as far as we know)."""
    folder = path.parent
    try:
        # SQLite writes -wal and -shm files beside the database: the folder must take new files.
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError:
        return "the folder is read-only: history can be read, new sessions cannot be saved"
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except OSError:
            return "the file is read-only: history can be read, new sessions cannot be saved"
    return None


def _quick_check(engine: Engine, location: str, full: bool) -> None:
    """The file's structure (its pages all there, its schema readable) and, when ``full``, every
    page (PRAGMA quick_check)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar() or 0
            page_size = connection.exec_driver_sql("PRAGMA page_size").scalar() or 0
            verdict = connection.exec_driver_sql("PRAGMA quick_check").scalar() if full else "ok"
    except OperationalError as error:
        if "readonly" in str(error).lower():
            raise ReadOnlyDatabase(location, "the database is read-only") from error
        raise DatabaseUnavailable(location, _first_line(error)) from error
    except DatabaseError as error:  # "file is not a database", "database disk image is malformed"
        raise CorruptDatabase(location, f"the database is damaged ({_first_line(error)})") from error
    if verdict != "ok":
        raise CorruptDatabase(location, f"the database is damaged (quick_check: {str(verdict)[:120]})")
    path = Path(location)
    wal = path.with_name(path.name + "-wal")
    in_wal = wal.exists() and wal.stat().st_size > 0
    if not in_wal and path.exists() and path.stat().st_size < pages * page_size:
        # Pages the file says it has are missing from it (a copy cut short), and no WAL holds them.
        raise CorruptDatabase(location, "the database is damaged (the file is shorter than its pages)")


def _first_line(error: Exception) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.splitlines()[0][:200] if message else type(error).__name__


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # First, so that everything after it waits for another program's lock instead of failing.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Two app windows on one file: readers never block the writer, a writer waits its turn.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _read_only_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


# Alembic keeps its migration context in module globals: one upgrade at a time in a process.
_UPGRADE_LOCK = threading.Lock()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with _UPGRADE_LOCK:
        _upgrade(engine, revision)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, DatabaseError) as error:
            if "alembic_version" in str(error) or "does not exist" in str(error):
                return None  # a new, empty database
            raise


def _upgrade_checked(engine: Engine, location: str) -> None:
    """Up to date, migrating under a cross-process lock; ReadOnlyDatabase for a newer version's file."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    current = _current_revision(engine)
    if current == head:
        return  # the common case: no lock, no Alembic
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise ReadOnlyDatabase(
            location,
            f"written by a newer version of the simulator (schema {current}; this version knows up to "
            f"{head}): history can be read, new sessions cannot be saved",
        )
    with _migration_lock(engine, location):
        try:
            upgrade(engine)
        except OperationalError as error:
            if "readonly" in str(error).lower():
                raise ReadOnlyDatabase(location, "the database is read-only") from error
            raise


@contextmanager
def _migration_lock(engine: Engine, location: str) -> Iterator[None]:
    """Held while migrating, by one process at a time; released by the system if the holder dies."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(7707001)"))
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(7707001)"))
        return
    if engine.dialect.name != "sqlite" or location == ":memory:":
        yield
        return
    # A tiny SQLite file beside the database, held with BEGIN EXCLUSIVE: SQLite's own file locks
    # work the same on Windows and Linux and vanish with a killed process, unlike a pid file.
    lock = sqlite3.connect(f"{location}.migration-lock", timeout=MIGRATION_WAIT_S, isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        lock.close()


def _upgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
