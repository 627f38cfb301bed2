"""The exit codes of every command (shared/spec/cli.md): one place, so no two commands disagree."""

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (lint, detect --check, test)
EXIT_USAGE = 2  # the command could not run as asked: bad arguments, a bad file, an unusable database


def database_message(command: str, location: str, reason: str, corrupt: bool = False) -> str:
    """One line naming the database and what to do about it."""
    advice = " (move the file away to start a fresh one, or give another --db)" if corrupt else ""
    return f"simulator {command}: cannot use the database {location}: {reason}{advice}"
