"""Entry point of the headless commands (`python main.py SUBCOMMAND` or the `simulator` script)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.app import ContentPaths, build_detector, load_library, load_model_for
from simulator.cli.detect_command import iter_byte_lines, open_input, run_detect
from simulator.cli.exit_codes import EXIT_USAGE, database_message
from simulator.cli.history_command import (
    history_command,
    history_export_command,
    history_import_command,
    history_session_command,
)
from simulator.cli.lint_command import events_command, lint_command
from simulator.cli.session_commands import chat_command, list_command, play_command, read_transcript_source
from simulator.cli.test_command import persona_tests_command
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.scenario_loader import load_scenario
from simulator.content.yaml_source import ContentError
from simulator.domain.scenario import Scenario
from simulator.storage.database import CorruptDatabase, DatabaseProblem

DEFAULT_SEED = 1


def _scenario_for_detect(content: ContentPaths, scenario_id: str) -> Scenario | None:
    """The one scenario `detect --scenario` reads numbers in; None (and a message) when it cannot."""
    known = sorted(path.stem for path in content.scenarios.glob("*.yaml"))
    if scenario_id not in known:
        print(
            f"simulator detect: unknown scenario {scenario_id!r}; scenarios: {', '.join(known)}",
            file=sys.stderr,
        )
        return None
    try:
        return load_scenario(content.scenarios / f"{scenario_id}.yaml")
    except ContentError as error:
        print(f"simulator detect: the scenario file is broken:\n{error}", file=sys.stderr)
        return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simulator",
        description="网店客服陪练: the headless commands. Run without a command to open the desktop app.",
    )
    parser.add_argument(
        "--db", metavar="URL", help="desktop app: keep sessions in this database (SQLAlchemy URL)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    detect = commands.add_parser(
        "detect",
        help="find the course's techniques in messages, one JSON line per input line",
        description=(
            'Reads FILE (or standard input). Each line is plain text or a JSON object with a "text" '
            "field. Writes one JSON object per line: text, techniques, spans. Exit status 1 if any "
            'line could not be read (that line carries "error"); the other lines are still processed.'
        ),
    )
    detect.add_argument(
        "file", nargs="?", metavar="FILE", help="input file; standard input when omitted or -"
    )
    detect.add_argument(
        "--explain",
        action="store_true",
        help='add "evidence": the rule and word-class words, or the scorer and its nearest example',
    )
    detect.add_argument(
        "--scenario",
        metavar="ID",
        help='read the numbers in that shop too: add "facts" (offer_price, shipping_fee, other_price)',
    )

    for name, help_text in (
        ("play", "run a whole session from a transcript (one trainee message per line)"),
        ("chat", "chat with a buyer in the terminal"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--persona", required=True, metavar="ID", help="persona id (see `list`)")
        command.add_argument(
            "--scenario", metavar="ID", help="scenario id; the persona's default when omitted"
        )
        command.add_argument(
            "--seed", type=_seed, default=DEFAULT_SEED, metavar="N", help="random seed (default 1)"
        )
        command.add_argument(
            "--db",
            metavar="URL",
            help="store the session in this database (any SQLAlchemy URL)"
            + ("" if name == "play" else "; the default database in the user's data folder otherwise"),
        )
        command.add_argument(
            "--trainee", default="学员", metavar="NAME", help="the trainee's name the session is stored under"
        )
        if name == "play":
            command.add_argument(
                "--transcript", metavar="FILE", help="transcript file; standard input when omitted or -"
            )
            command.add_argument("--json", action="store_true", help="print the session as one JSON object")
            command.add_argument("--report", metavar="FILE.html", help="also write a printable HTML report")

    lint = commands.add_parser("lint", help="check persona, scenario and catalogue files")
    lint.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; all shipped files by default"
    )
    lint.add_argument("--events", action="store_true", help="list the events and values scripts may use")

    history = commands.add_parser("history", help="the stored sessions, newest first")
    history.add_argument(
        "--db", metavar="URL", help="database URL; the default one in the user's data folder"
    )
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument(
        "--session",
        type=int,
        nargs="+",
        action="extend",
        metavar="ID",
        help="one stored session, as it was stored; with --export, the sessions to export (repeatable)",
    )
    history.add_argument(
        "--rebuild", action="store_true", help="with --session: compute it again from its stored inputs"
    )
    files = history.add_mutually_exclusive_group()
    files.add_argument(
        "--export",
        type=Path,
        metavar="FILE",
        help="write the stored sessions (all, or those of --session) to a session file (.json or .json.gz)",
    )
    files.add_argument(
        "--import",
        dest="import_files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="add the sessions of session files to the database (duplicates are skipped)",
    )

    test = commands.add_parser(
        "test",
        help="run the authored persona tests",
        description="Runs the persona tests in PATH (files or folders), or those in personas/tests.",
    )
    test.add_argument(
        "paths", nargs="*", metavar="PATH", help="test files or folders; all shipped ones by default"
    )

    listing = commands.add_parser("list", help="the personas and scenarios available")
    listing.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _history_usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with a `history` command line ('' when nothing): the options that go together."""
    if args.import_files is not None and (args.session or args.rebuild or args.json):
        return "--import takes only files (and --db)"
    if args.export is not None and (args.rebuild or args.json):
        return "--export takes only --session IDs (and --db)"
    if args.export is None and args.session is not None and len(args.session) > 1:
        return "--session names one session unless --export is given"
    if args.rebuild and args.session is None:
        return "--rebuild needs --session ID"
    return ""


MAX_SEED = 2**31 - 1  # what every database stores in an integer column


def _seed(text: str) -> int:
    """--seed: a whole number the database can keep (2**63 once overflowed after the session was played)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{value} is outside 0–{MAX_SEED}")
    return value


def _configure_streams() -> None:
    # A Windows console may default to a legacy code page: the contract is UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    # Bytes that are not UTF-8 on `chat` input become U+FFFD, which the session drops with a note:
    # a bad byte costs that character, not the session.
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _configure_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    content = ContentPaths()
    if args.command is None:
        from simulator.app import run_desktop

        return run_desktop(sys.argv[:1], args.db)
    if args.command == "lint" and not args.events:
        return lint_command(args.paths, content, sys.stdout, sys.stderr)
    if args.command == "history":
        problem = _history_usage_problem(args)
        if problem:
            print(f"simulator history: {problem}", file=sys.stderr)
            return EXIT_USAGE
        if args.export is not None:
            return history_export_command(args.db, args.session, args.export, sys.stdout, sys.stderr)
        if args.session is None and args.import_files is None:
            return history_command(args.db, args.json, sys.stdout, sys.stderr)
    try:
        catalogue = load_catalogue(content.catalogue) if args.command == "detect" else None
        if catalogue is None:
            library = load_library(content)
            catalogue = library.catalogue
        model, model_problem = load_model_for(catalogue, content)
        if model_problem:
            # Detection still works (rules only), but the trainee should know it is weaker.
            print(f"simulator: {model_problem}", file=sys.stderr)
        detector = build_detector(catalogue, model)
    except ContentError as error:
        print(f"simulator: the technique catalogue is broken:\n{error}", file=sys.stderr)
        return EXIT_USAGE

    if args.command == "detect":
        scenario = None
        if args.scenario is not None:
            scenario = _scenario_for_detect(content, args.scenario)
            if scenario is None:
                return EXIT_USAGE
        try:
            stream = open_input(args.file)
        except OSError as error:
            print(f"simulator detect: cannot open {args.file}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
        with stream:
            return run_detect(
                detector, iter_byte_lines(stream), sys.stdout, sys.stderr, args.explain, scenario
            )
    if args.command == "lint":
        return events_command(library.catalogue, sys.stdout)
    for problem in library.problems:
        print(f"simulator: skipped a broken file: {problem}", file=sys.stderr)
    if args.command == "list":
        return list_command(library, args.json, sys.stdout)
    if args.command == "test":
        return persona_tests_command(library, detector, args.paths, content.persona_tests, sys.stdout)
    if args.command == "history" and args.import_files is not None:
        return history_import_command(library, detector, args.db, args.import_files, sys.stdout, sys.stderr)
    if args.command == "history":
        return history_session_command(
            library, detector, args.db, args.session[0], args.rebuild, sys.stdout, sys.stderr
        )
    try:
        if args.command == "play":
            try:
                source = read_transcript_source(args.transcript)
            except OSError as error:
                print(f"simulator play: cannot open {args.transcript}: {error.strerror}", file=sys.stderr)
                return EXIT_USAGE
            with source:
                return play_command(
                    library,
                    detector,
                    args.persona,
                    args.scenario,
                    args.seed,
                    source,
                    args.json,
                    sys.stdout,
                    report=args.report,
                    db_url=args.db,
                    trainee=args.trainee,
                )
        return chat_command(
            library,
            detector,
            args.persona,
            args.scenario,
            args.seed,
            sys.stdin,
            sys.stdout,
            db_url=args.db or "",
            trainee=args.trainee,
        )
    except (LookupError, ValueError) as error:
        print(f"simulator {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DatabaseProblem as problem:
        corrupt = isinstance(problem, CorruptDatabase)
        print(database_message(args.command, problem.location, problem.reason, corrupt), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
