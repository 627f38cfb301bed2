"""Who holds an unfinished session: a lease (owner, heartbeat) so a second window never takes it.

The owner names the host, the process and the window (``host|pid|random``). A lease is alive while
its heartbeat is recent and, on this machine, while its process runs: a window killed a moment ago
frees its session at once for the resume offer, a window still open keeps it.
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from datetime import datetime, timedelta

LEASE_SECONDS = 90  # no heartbeat for this long: the holder is gone (another machine, or pid reused)
HEARTBEAT_SECONDS = 20  # a session renews its lease this often while it is open


def new_owner() -> str:
    return f"{machine()}|{os.getpid()}|{uuid.uuid4().hex[:12]}"


def machine() -> str:
    """This machine: the host name and the hardware address, since classroom PCs cloned from one
    image often share a host name (and would otherwise judge each other's windows by their pids)."""
    return f"{socket.gethostname()}/{uuid.getnode():012x}"


def held_elsewhere(owner: str | None, heartbeat: datetime | None, me: str, now: datetime) -> bool:
    """Whether another live window holds the session."""
    if owner is None or owner == me:
        return False
    if heartbeat is None or now - heartbeat > timedelta(seconds=LEASE_SECONDS):
        return False
    host, _, rest = owner.partition("|")
    pid_text = rest.partition("|")[0]
    if host == machine() and pid_text.isdigit():
        return process_alive(int(pid_text))
    return True


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it runs, under another user
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
