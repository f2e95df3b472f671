"""What the tests read from the source: the string constants a module writes, docstrings left out."""
from __future__ import annotations

import ast
from pathlib import Path


def code_strings(path: Path) -> list[str]:
    """String constants of a module that are not docstrings (examples in docstrings are documentation)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
