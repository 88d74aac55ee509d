"""`python -m grader FILE... [--assignment ID] [--format text|json|gradescope|csv]`

Exit 0 when every file was graded, 2 when one or more could not be (the rest is still graded).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .batch import FileError, UnknownAssignment, grade_files
from .formats import FORMATTERS
from .sources import RubricSource, RubricSourceError, installed_sources


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m grader",
        description="Beoordeel klantreizen (klantreis/1, JSON of YAML) met de rubric.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="klantreisbestanden of mappen met klantreizen")
    parser.add_argument("--assignment", "-a", metavar="ID_OF_BESTAND",
                        help="beoordeel met de rubric van deze opdracht: een id, of een opdrachtbestand "
                             "(.toml) (anders: de opdracht in het bestand)")
    parser.add_argument("--format", "-f", choices=sorted(FORMATTERS), default="text", help="uitvoer (standaard: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="schrijf naar dit bestand in plaats van naar het scherm")
    return parser


def main(argv: Sequence[str] | None = None, source: RubricSource | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        outcomes = list(grade_files(args.files, args.assignment, source=source))
    except UnknownAssignment as exc:
        names = (source or installed_sources()).names()
        parser.error(f"onbekende opdracht '{exc.args[0]}'. Kies uit: {', '.join(names) or 'geen'}")
    except RubricSourceError as exc:
        parser.error(str(exc))
    if not outcomes:
        parser.error("geen klantreisbestanden gevonden")
    text = FORMATTERS[args.format](outcomes)
    if args.output:
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        with open(args.output, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 2 if any(isinstance(o, FileError) for o in outcomes) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
