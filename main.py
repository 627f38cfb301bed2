"""网店客服陪练 launcher: with a subcommand, the headless CLI; without one, the desktop app."""

import sys

from simulator.cli.main import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader went away (`… | head`): nothing more to say, and no traceback.
        sys.stderr.close()
        sys.exit(0)
