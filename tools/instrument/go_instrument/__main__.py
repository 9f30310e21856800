"""`python3 -m go_instrument <subcommand> ...` or `--persistent_worker`."""

from __future__ import annotations

import sys


def run() -> int:
    """Entry point: the persistent worker with --persistent_worker, else one CLI command."""
    argv = sys.argv[1:]
    if "--persistent_worker" in argv:
        from .worker import serve

        return serve(sys.stdin, sys.stdout)
    from .cli import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run())
