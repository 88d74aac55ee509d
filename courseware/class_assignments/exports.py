"""Downloads of a class's results: the grade sheet (CSV for Dutch Excel and the school's student
administration) and a ZIP of the latest journeys that the pytest autograder can grade again."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from datetime import datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import gettext as _

from grader import FORMAT, Rubric, safe_cell

from ..models.accounts import utcnow
from .deadlines import local_zone, to_local
from .results import ClassResults

DECIMALS = {"komma": ",", "punt": "."}
DEFAULT_DECIMAL = "komma"
RUBRIC_FILE = "klas-rubric.toml"  # not .json: `python -m grader map` grades every .json file in the map
README_FILE = "README.txt"
JOURNEY_SUFFIX = ".journey.json"
# Names Windows will not use for a file, whatever its extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def slugify(text: str, fallback: str) -> str:
    """"4B Ondernemen & Retail" -> "4b-ondernemen-retail": safe in a file name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:60].strip("-") or fallback


def download_name(results: ClassResults, suffix: str) -> str:
    return f"{slugify(results.klas.name, 'klas')}-{slugify(results.assignment.id, 'opdracht')}-{suffix}"


# --------------------------------------------------------------------------- grade sheet


def grade_sheet(results: ClassResults, decimal: str = DEFAULT_DECIMAL) -> bytes:
    """UTF-8 with a BOM, `;` between cells, CRLF: Dutch Excel opens it as it is. A row per student
    of the class, handed in or not; every cell is safe from formula injection."""
    mark = DECIMALS.get(decimal, DECIMALS[DEFAULT_DECIMAL])
    items = results.rubric.items
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [_("naam"), _("gebruikersnaam"), _("cijfer"), *(item.criterion.title for item in items),
              _("opmerking docent"), _("status")]
    writer.writerow([safe_cell(cell) for cell in header])
    for row in results.rows:
        result = row.result
        grade = f"{result.grade:.1f}".replace(".", mark) if result else ""
        levels = [row.level(item.id) for item in items]
        comment = result.review.comment if result and result.review else ""
        cells = [row.student.display_name, row.student.username, grade,
                 *("" if level is None else level for level in levels), comment, row.status_label]
        writer.writerow([safe_cell(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- journeys ZIP


def journey_file_names(usernames: list[str]) -> list[str]:
    """`<username>.journey.json` for each, safe on every computer and unique even where case
    does not count (Windows, macOS)."""
    names, taken = [], set()
    for username in usernames:
        stem = re.sub(r"[^A-Za-z0-9._-]", "-", username).lstrip(".") or "leerling"
        if stem.split(".")[0].lower() in _WINDOWS_RESERVED:
            stem += "_"
        candidate, n = stem, 2
        while candidate.lower() in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate.lower())
        names.append(candidate + JOURNEY_SUFFIX)
    return names


def journey_document(journey: dict[str, Any], assignment_id: str) -> str:
    """The hand-in as a `klantreis/1` file that names its assignment, so the autograder uses
    that assignment's rubric."""
    value: dict[str, Any] = {"format": journey.get("format", FORMAT), "assignment": assignment_id}
    value.update({key: v for key, v in journey.items() if key not in ("format", "assignment")})
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def rubric_toml(rubric: Rubric, title: str) -> str:
    """The rubric in the form of an assignment file's `[rubric.criteria.<id>]` tables, with the
    assignment's own stage words in `[rubric.stage_words]`."""
    lines = [f"# {_CONTROL.sub(' ', title)}", ""]
    config = rubric.to_config()
    for cid, entry in config["criteria"].items():
        lines.append(f"[rubric.criteria.{cid}]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in entry.items())
        lines.append("")
    if config.get("stage_words"):
        lines.append("[rubric.stage_words]")
        lines.extend(f"{stage} = [{', '.join(_toml_value(w) for w in found)}]"
                     for stage, found in config["stage_words"].items())
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def class_rubric_differs(results: ClassResults) -> bool:
    return results.rubric.version != results.assignment.rubric.version


def readme(results: ClassResults, count: int, now: datetime) -> str:
    assignment = results.assignment
    differs = class_rubric_differs(results)
    klas = _CONTROL.sub(" ", results.klas.name)
    parts = [
        _("Klantreizen van klas %(klas)s, opdracht ‘%(title)s’ (%(id)s)",
          klas=klas, title=assignment.title, id=assignment.id),
        _("Gedownload op %(when)s.", when=format_datetime(now, "d MMMM yyyy 'om' HH:mm")),
        "",
        _("In deze zip staat de laatste klantreis die elke leerling heeft ingeleverd: %(num)d bestanden. "
          "Een bestand heet naar de gebruikersnaam van de leerling, bijvoorbeeld sanne.journey.json. "
          "Het is een klantreis in het formaat klantreis/1.", num=count),
        "",
        _("Zelf opnieuw laten nakijken"),
        _("1. Pak de zip uit in een nieuwe map, bijvoorbeeld ‘map’."),
        _("2. Open een opdrachtprompt (terminal) in de map daarboven, op een computer waarop Klantreislab is "
          "geïnstalleerd."),
        _("3. Kijk alles in één keer na met de nakijker voor pytest:"),
        "       pytest --journeys map --grades-csv cijfers.csv",
        _("   Of met het nakijkprogramma zelf:"),
        "       python -m grader map --format csv --output cijfers.csv",
        _("4. Open cijfers.csv in Excel. Je ziet per bestand het cijfer en het niveau per criterium."),
        _("pytest toont een F bij elk criterium dat nog niet voldoende is. Dat is geen fout van het programma."),
        "",
        _("Welke rubric gebruikt de nakijker?"),
        _("De nakijker gebruikt de rubric van de opdracht. Elk bestand noemt de opdracht bij ‘assignment’."),
    ]
    if differs:
        parts += [
            _("Let op: je klas gebruikt een eigen rubric. Die kent de nakijker niet. De cijfers van de "
              "nakijker kunnen daarom anders zijn dan de cijfers op de site."),
            _("De rubric van je klas staat in %(file)s, in dezelfde vorm als het rubric-deel van een "
              "opdrachtbestand. Zo zie je wat er anders is dan in de rubric van de opdracht.", file=RUBRIC_FILE),
        ]
    else:
        parts.append(_("Je klas gebruikt ook deze rubric. De nakijker geeft dus dezelfde cijfers als de "
                       "nakijker op de site."))
    parts += [
        "",
        _("Wat je als docent hebt aangepast"),
        _("Niveaus die je zelf hebt aangepast en je opmerkingen staan niet in deze bestanden. "
          "Die staan in de cijferlijst die je op de site downloadt."),
        "",
    ]
    return "\r\n".join(parts)


def journeys_zip(results: ClassResults) -> bytes:
    """README.txt, a `<username>.journey.json` per student who handed in (the latest hand-in),
    and the class's rubric when it is not the assignment's."""
    handed_in = results.handed_in
    zone = local_zone()
    now = utcnow()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write(archive, README_FILE, readme(results, len(handed_in), now), to_local(now, zone))
        names = journey_file_names([row.student.username for row in handed_in])
        for name, row in zip(names, handed_in, strict=False):
            attempt = row.attempt
            _write(archive, name, journey_document(attempt.journey_data, results.assignment.id),
                   to_local(attempt.submitted, zone))
        if class_rubric_differs(results):
            title = _("De rubric van klas %(klas)s voor de opdracht %(id)s",
                      klas=results.klas.name, id=results.assignment.id)
            _write(archive, RUBRIC_FILE, rubric_toml(results.rubric, title), to_local(now, zone))
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, name: str, text: str, moment: datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, text.encode("utf-8"))
