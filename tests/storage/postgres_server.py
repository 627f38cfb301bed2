"""A throw-away PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder, listening on
a Unix socket only, run as the `postgres` user when the tests run as root (PostgreSQL refuses root).
`.ci/run` installs the server package when it is missing; a machine without it skips these tests."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    return _binary("initdb") is not None and _binary("pg_ctl") is not None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *command]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a base SQLAlchemy URL (postgresql+psycopg://…/postgres over the socket); stopped after."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    assert initdb and pg_ctl
    folder = Path(tempfile.mkdtemp(prefix="simulator-pg-"))
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(socket, "postgres", "postgres")
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    subprocess.run(
        _as_server_user([initdb, "-D", str(data), "-U", "tester", "--auth=trust", "-E", "UTF8"]), **run
    )  # type: ignore[call-overload]
    options = f"-k {socket} -c listen_addresses='' -c fsync=off -c max_connections=60"
    log = folder / "server.log"
    subprocess.run(
        _as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]), **run
    )  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://tester@/postgres?host={socket}"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(base_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    host = base_url.split("host=", 1)[1]
    with psycopg.connect(host=host, user="tester", dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return base_url.replace("/postgres?", f"/{name}?")
