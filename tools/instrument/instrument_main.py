"""Entry point of the Bazel py_binary: the package's own __main__ uses relative imports."""

import sys

from go_instrument.__main__ import run

if __name__ == "__main__":
    sys.exit(run())
