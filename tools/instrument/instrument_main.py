"""Entry point of the Bazel py_binary: the package's own __main__ uses relative imports."""

import platform
import sys

# @rgi_python_deps holds the binary packages for CPython 3.10 and newer, as far as
# PyPI has wheels for them: say so rather than fail with an ImportError deep inside.
try:
    import rpds  # noqa: F401
    import tree_sitter  # noqa: F401
except ImportError as error:
    sys.exit(
        f"rules_go_instrument: the instrumenter cannot run on {platform.python_implementation()} "
        f"{platform.python_version()} ({sys.executable}, {platform.system()} "
        f"{platform.machine()}): {error}. It needs CPython >= 3.10 with a wheel of the locked "
        "binary packages (tools/instrument/python_deps.json); pick another Python toolchain."
    )

from go_instrument.__main__ import run

if __name__ == "__main__":
    sys.exit(run())
