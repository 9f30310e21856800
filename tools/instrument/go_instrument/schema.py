"""The rule-file JSON Schema, assembled from the fragments of the join point and advice
kinds (each kind's module owns its fragment). `python -m go_instrument schema` prints it;
aspects/schema.json is that output, checked in for editors (a test keeps it fresh)."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

_BASE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:rules_go_instrument:rule-file:v1",
    "title": "rules_go_instrument rule file",
    "description": (
        "A list of rules. Each rule is a join point (where) and advice (what to insert). "
        "Vocabulary follows Orchestrion's aspects, with typed, validated keys."
    ),
    "type": "object",
    "additionalProperties": False,
    "required": ["rules"],
    "properties": {
        "version": {"description": "Rule file format version. Only 1 exists.", "const": 1},
        "rules": {
            "description": (
                "Rules, applied in order (then in the order the files are given on the "
                "command line)."
            ),
            "type": "array",
            "items": {"$ref": "#/$defs/rule"},
        },
    },
    "$defs": {
        "rule": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "join-point", "advice"],
            "properties": {
                "id": {
                    "description": "Unique rule name, shown in reports and errors.",
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_.:-]+$",
                },
                "description": {"description": "Free text for humans.", "type": "string"},
                "join-point": {"$ref": "#/$defs/joinPoint"},
                "imports": {
                    "description": (
                        "Packages the advice templates may use, by template name: `{{ "
                        "imports.NAME }}` renders to a collision-free alias; the import is "
                        "added to a file only when rendered code in that file uses it."
                    ),
                    "type": "object",
                    "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                    "additionalProperties": {"$ref": "#/$defs/importPath"},
                },
                "advice": {
                    "description": "What to do at each match, in order.",
                    "type": "array",
                    "minItems": 1,
                    "items": {"$ref": "#/$defs/advice"},
                },
            },
        },
        "importPath": {
            "description": "A Go import path such as `net/http` or `go.opentelemetry.io/otel`.",
            "type": "string",
            "pattern": "^[A-Za-z0-9_.~+-]+(/[A-Za-z0-9_.~+-]+)*$",
        },
        "glob": {
            "description": "fnmatch-style pattern: `*` (also matches `/`), `?`, `[abc]`.",
            "type": "string",
            "minLength": 1,
        },
        "joinPoint": {
            "description": "Where advice applies. Exactly one key.",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": False,
            "properties": {},
        },
        "template": {
            "description": (
                "Jinja2 template producing Go code. Variables: see tools/instrument/README.md "
                "(function, call, literal, directive, package, file, position, rule, imports, "
                "expr)."
            ),
            "type": "string",
            "minLength": 1,
        },
        "advice": {
            "description": "One advice. Exactly one key.",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": False,
            "properties": {},
        },
    },
}


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of rule files."""
    from .advice import KINDS as ADVICE
    from .joinpoints import KINDS as JOIN_POINTS

    doc = copy.deepcopy(_BASE)
    doc["$defs"]["joinPoint"]["properties"] = {n: k.schema for n, k in JOIN_POINTS.items()}
    doc["$defs"]["advice"]["properties"] = {n: k.schema for n, k in ADVICE.items()}
    return doc


def schema_text() -> str:
    """schema() as aspects/schema.json holds it."""
    return json.dumps(schema(), indent=2) + "\n"
