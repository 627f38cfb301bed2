"""Entry point of the headless commands (`python main.py SUBCOMMAND` or the `simulator` script)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from simulator.app import ContentPaths, load_detector
from simulator.cli.detect_command import iter_byte_lines, open_input, run_detect
from simulator.content.yaml_source import ContentError

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="simulator",
        description="网店客服陪练: the headless commands. Run without a command to open the desktop app.",
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
    return parser


def _configure_streams() -> None:
    # A Windows console may default to a legacy code page: the contract is UTF-8 JSON.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _configure_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # The desktop window is not built yet; until it is, say so instead of failing.
        print("网店客服陪练: the desktop app is not available yet; the headless commands are.\n")
        parser.print_help()
        return 0
    try:
        detector = load_detector(ContentPaths())
    except ContentError as error:
        print(f"simulator: the technique catalogue is broken:\n{error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "detect":
        try:
            stream = open_input(args.file)
        except OSError as error:
            print(f"simulator detect: cannot open {args.file}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
        with stream:
            return run_detect(detector, iter_byte_lines(stream), sys.stdout, sys.stderr)
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
