"""Advice kinds, one module each, and the registry that the loader and engine use."""

from __future__ import annotations

from .add_blank_import import AddBlankImport
from .add_field import AddField
from .append_args import AppendArgs
from .base import AdviceKind, Origin, Planned, Site
from .context import function_context, template_context
from .defer import Defer
from .inject_declarations import InjectDeclarations
from .prepend_statements import PrependStatements
from .replace_expression import ReplaceExpression
from .replace_function import ReplaceFunction
from .wrap_argument import WrapArgument
from .wrap_expression import WrapExpression

KINDS: dict[str, AdviceKind] = {
    k.name: k
    for k in (
        PrependStatements(),
        Defer(),
        WrapExpression(),
        WrapArgument(),
        AppendArgs(),
        ReplaceFunction(),
        ReplaceExpression(),
        AddField(),
        InjectDeclarations(),
        AddBlankImport(),
    )
}

__all__ = [
    "KINDS",
    "AdviceKind",
    "Origin",
    "Planned",
    "Site",
    "function_context",
    "template_context",
]
