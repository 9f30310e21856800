"""`inject-declarations: {template, file?}`: top-level declarations, once per package."""

from __future__ import annotations

from typing import Any

from ..model import Advice
from .base import AdviceKind, Builder, template_advice


class InjectDeclarations(AdviceKind):
    """The advice kind `inject-declarations` (see the module docstring)."""

    name = "inject-declarations"
    applies_to = None
    package_level = True
    schema = {
        "description": "Top-level declarations appended once per package to one file: the "
        "first file (by path) that matched, or the first whose base name matches `file`.",
        "type": "object",
        "additionalProperties": False,
        "required": ["template"],
        "properties": {
            "template": {"$ref": "#/$defs/template"},
            "file": {
                "description": "Base name glob of the file to put them in.",
                "$ref": "#/$defs/glob",
            },
        },
    }

    def build(self, value: Any, b: Builder) -> Advice:
        return template_advice(self.name, value, b, file_glob=value.get("file"))
