"""`add-blank-import: PATH`: `import _ "PATH"`, once per package."""

from __future__ import annotations

from typing import Any

from ..model import Advice
from .base import AdviceKind, Builder


class AddBlankImport(AdviceKind):
    """The advice kind `add-blank-import` (see the module docstring)."""

    name = "add-blank-import"
    applies_to = None
    package_level = True
    schema = {
        "description": '`import _ "PATH"` added once per package (first matched file by path) '
        "unless already imported that way.",
        "$ref": "#/$defs/importPath",
    }

    def build(self, value: Any, b: Builder) -> Advice:
        return Advice(self.name, b.at(), import_path=value)
