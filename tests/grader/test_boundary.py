"""The grader is a library with one public face (`grader/__init__.py`) and no dependencies on
what builds on it: no web framework, no database, no `assignments`, no site."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import grader

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_GRADER = ("flask", "flask_", "sqlalchemy", "werkzeug", "jinja2", "courseware", "assignments")


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module, line) for every import in a file; relative imports are left out."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


def _python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))]


@pytest.mark.parametrize("path", _python_files("grader"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_grader_imports_nothing_that_builds_on_it(path):
    bad = [f"{module} (line {line})" for module, line in _imports(path)
           if module.split(".")[0] in FORBIDDEN_IN_GRADER or module.startswith("flask_")]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", _python_files("courseware", "assignments", "loadtest"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_site_uses_only_the_graders_public_api(path):
    inner = [f"{module} (line {line})" for module, line in _imports(path) if module.startswith("grader.")]
    assert not inner, f"{path.relative_to(ROOT)} reaches past `grader`: {inner}; export it in grader/__init__.py"


def test_everything_exported_exists_once():
    assert len(set(grader.__all__)) == len(grader.__all__)
    missing = [name for name in grader.__all__ if not hasattr(grader, name)]
    assert not missing
