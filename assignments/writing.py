"""An `Assignment` written back as the text of an assignment file, in the layout of the files in
this folder (top-level texts, `goals`, `[hints]`, one `[rubric.criteria.<id>]` table per criterion,
`[rubric.stage_words]`). Reading the text with `parse_assignment` gives the same assignment.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader import Rubric

    from . import Assignment

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def to_toml(assignment: Assignment) -> str:
    """The assignment as the text of `<id>.toml`."""
    lines = [
        f"id = {_string(assignment.id)}",
        f"title = {_string(assignment.title)}",
        f"order = {assignment.order}",
        f"summary = {_string(assignment.summary)}",
        f"target_group = {_string(assignment.target_group)}",
        f"scenario = {_multiline(assignment.scenario)}",
        "goals = [",
        *(f"  {_string(goal)}," for goal in assignment.goals),
        "]",
        "",
        "[hints]",
        *(f"{_key(step)} = {_string(text)}" for step, text in assignment.hints.items()),
    ]
    return "\n".join(lines + rubric_lines(assignment.rubric)) + "\n"


def rubric_lines(rubric: Rubric) -> list[str]:
    """The rubric as an assignment file's `[rubric.criteria.<id>]` tables and its own stage words
    in `[rubric.stage_words]`, each table after an empty line (also the class export's rubric file)."""
    lines: list[str] = []
    config = rubric.to_config()
    for criterion_id, settings in config["criteria"].items():
        lines += ["", f"[rubric.criteria.{_key(criterion_id)}]"]
        lines += [f"{_key(key)} = {_value(value)}" for key, value in settings.items()]
    if config.get("stage_words"):
        lines += ["", "[rubric.stage_words]"]
        lines += [f"{_key(stage)} = {_value(words)}" for stage, words in config["stage_words"].items()]
    return lines


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _escape(text: str, keep_newlines: bool = False) -> str:
    out = []
    for char in text:
        if keep_newlines and char == "\n":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _string(text: str) -> str:
    return f'"{_escape(text)}"'


def _multiline(text: str) -> str:
    """A multi-line string as in the files: the text between lines of three quotes."""
    return f'"""\n{_escape(text, keep_newlines=True)}\n"""'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
