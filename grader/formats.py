"""Report output: Dutch text, JSON, Gradescope's results.json and a CSV grade sheet."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from .batch import FileError, Outcome
from .criteria import LEVEL_NAMES
from .report import Report, grade_words
from .stages import STAGE_TITLES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_text(outcomes: Sequence[Outcome]) -> str:
    blocks = []
    for outcome in outcomes:
        if isinstance(outcome, FileError):
            blocks.append(f"{outcome.file}: niet beoordeeld\n  {outcome.error.replace(chr(10), chr(10) + '  ')}")
            continue
        verdict = grade_words(outcome.grade)
        head = f"{outcome.file or 'klantreis'}" + (f" (opdracht {outcome.assignment})" if outcome.assignment else "")
        lines = [head, f"Cijfer: {_grade(outcome.grade)} ({verdict}) – "
                       f"{_dutch(outcome.points)} van {_dutch(outcome.max_points)} punten", ""]
        lines += _phase_lines(outcome.phases)
        for c in outcome.criteria:
            lines.append(f"{c.title}: niveau {c.level} van {c.max_level} ({LEVEL_NAMES[c.level]})")
            lines.append(f"  {c.feedback}")
            if c.tip:
                lines.append(f"  {c.tip_line}")
            lines.append(f"  Les: {c.lesson}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _phase_lines(phases) -> list[str]:
    """'Welke fase is wat?' as on the site: each phase's stage, 'of …?' where the grader doubts, and why."""
    if not phases:
        return []
    lines = ["Welke fase is wat?"]
    for number, p in enumerate(phases, start=1):
        stage = STAGE_TITLES[p.stage] if p.stage else "niet herkend"
        lines.append(f"  {number}. {p.name}: {stage}" + (f" (of {STAGE_TITLES[p.other]}?)" if p.other else ""))
        lines.append(f"     {p.evidence}")
    return [*lines, ""]


def _dutch(number: float) -> str:
    text = f"{number:.1f}" if not float(number).is_integer() else str(int(number))
    return text.replace(".", ",")


def _grade(grade: float) -> str:
    return f"{grade:.1f}".replace(".", ",")


def _json_document(objects: list[dict]) -> str:
    """One object, indented; or an array with one compact object per line (fast for 10,000 files)."""
    if len(objects) == 1:
        return json.dumps(objects[0], ensure_ascii=False, indent=2) + "\n"
    return "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n]\n"


def to_json(outcomes: Sequence[Outcome]) -> str:
    """One object for one file; a JSON array for several."""
    return _json_document([o.to_dict() for o in outcomes])


def gradescope(outcome: Outcome) -> dict:
    """Gradescope's results.json shape for one submission."""
    if isinstance(outcome, FileError):
        return {"score": 0, "output": f"Je klantreis kon niet worden beoordeeld.\n{outcome.error}", "tests": []}
    data = outcome.to_dict()
    return {
        "score": data["points"],
        "max_score": data["max_points"],
        "output": "\n".join([f"Cijfer: {_grade(outcome.grade)} ({grade_words(outcome.grade)})", "",
                             *_phase_lines(outcome.phases)]).rstrip(),
        "tests": [
            {
                "name": c.title,
                "score": c.to_dict()["points"],
                "max_score": c.to_dict()["max_points"],
                "output": f"Niveau {c.level} van {c.max_level} ({LEVEL_NAMES[c.level]}).\n{c.feedback}"
                + (f"\n{c.tip_line}" if c.tip else ""),
            }
            for c in outcome.criteria
        ],
    }


def to_gradescope(outcomes: Sequence[Outcome]) -> str:
    return _json_document([gradescope(o) for o in outcomes])


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def grade_sheet(outcomes: Iterable[Outcome], delimiter: str = ";", decimal: str = ",") -> str:
    """A CSV grade sheet: a row per file, a column per criterion level, and how many phases the grader
    doubts (where a teacher looks first, as in the site's review table). Opens in Dutch Excel
    when written as UTF-8 with a BOM (see write_grade_sheet)."""
    outcomes = list(outcomes)
    criteria: list[str] = []
    for o in outcomes:
        if isinstance(o, Report):
            criteria.extend(c.id for c in o.criteria if c.id not in criteria)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["bestand", "opdracht", "cijfer", "punten", "max_punten", *criteria, "fasen_met_twijfel", "fout"])
    for o in outcomes:
        if isinstance(o, FileError):
            writer.writerow([safe_cell(o.file), "", "", "", "", *[""] * len(criteria), "", safe_cell(o.error)])
            continue
        levels = {c.id: c.level for c in o.criteria}
        writer.writerow([
            safe_cell(o.file), safe_cell(o.assignment or ""), f"{o.grade:.1f}".replace(".", decimal),
            _num(o.points, decimal), _num(o.max_points, decimal),
            *[levels.get(cid, "") for cid in criteria], len(o.doubted), "",
        ])
    return buffer.getvalue()


def _num(value: float, decimal: str) -> str:
    return (str(int(value)) if float(value).is_integer() else f"{value:.2f}").replace(".", decimal)


def write_grade_sheet(path, outcomes: Iterable[Outcome]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(grade_sheet(outcomes))


FORMATTERS = {"text": to_text, "json": to_json, "gradescope": to_gradescope, "csv": grade_sheet}
