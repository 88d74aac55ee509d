"""Downloads of a class's results: the grade sheet (CSV for Dutch Excel and the school's student
administration) and a ZIP of the latest journeys: a printable map per journey, the grade sheet,
and the klantreis/1 files that the pytest autograder can grade again."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import gettext as _
from markupsafe import Markup

from assignments.writing import rubric_lines
from grader import FORMAT, Rubric, parse_journey, safe_cell

from ..formatting import format_moment, local_zone
from ..journeymap import build_map, report_stages
from ..models.accounts import utcnow
from .deadlines import to_local
from .results import ClassResults, StudentRow

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


def grade_sheet(results: ClassResults, decimal: str = DEFAULT_DECIMAL, deadline: datetime | None = None) -> bytes:
    """UTF-8 with a BOM, `;` between cells, CRLF: Dutch Excel opens it as it is. A row per student
    of the class, handed in or not; every cell is safe from formula injection. `deadline` (UTC)
    is the class's deadline, for the column "te laat"."""
    mark = DECIMALS.get(decimal, DECIMALS[DEFAULT_DECIMAL])
    items = results.rubric.items
    zone = local_zone()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [_("naam"), _("gebruikersnaam"), _("cijfer"), *(item.criterion.title for item in items),
              _("opmerking docent"), _("status"), _("ingeleverd op"), _("te laat"), _("aantal pogingen"),
              _("beoordeeld door docent"), _("groep"), _("groepscijfer"), _("reden correctie")]
    writer.writerow([safe_cell(cell) for cell in header])
    for row in results.rows:
        result = row.result
        grade = f"{result.grade:.1f}".replace(".", mark) if result else ""
        levels = [row.level(item.id) for item in items]
        comment = result.review.comment if result and result.review else ""
        cells = [row.student.display_name, row.student.username, grade,
                 *("" if level is None else level for level in levels), comment, row.status_label,
                 *hand_in_cells(row, deadline, zone), *group_cells(row, mark)]
        writer.writerow([safe_cell(cell) for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def group_cells(row: StudentRow, mark: str) -> list[str]:
    """The group (its name or code; empty for individual work), the group's grade (group work
    only; "cijfer" is the student's own, with the teacher's individuele correctie) and the reason
    of that correction (empty without one)."""
    if not row.group_name or row.result is None:
        return [row.group_name, "", ""]
    corrected = row.result.corrected
    return [row.group_name, f"{row.result.final.grade:.1f}".replace(".", mark),
            row.result.correction.reason if corrected else ""]


def hand_in_cells(row: StudentRow, deadline: datetime | None, zone) -> list[str | int]:
    """Hand-in time (local, as Dutch Excel reads it), "te laat" (ja/nee; empty without deadline),
    the number of attempts and whether a teacher reviewed it (marked it done)."""
    attempt = row.attempt
    if attempt is None:
        return ["", "", row.attempts, ""]
    submitted = attempt.submitted
    late = "" if deadline is None else (_("ja") if submitted > deadline else _("nee"))
    review = row.result.review if row.result else None
    reviewed = _("ja") if review is not None and (review.is_done or review.is_released) else _("nee")
    return [to_local(submitted, zone).strftime("%d-%m-%Y %H:%M"), late, row.attempts, reviewed]


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
    assignment's own stage words in `[rubric.stage_words]` (assignments.writing.rubric_lines)."""
    return "\n".join([f"# {_CONTROL.sub(' ', title)}", *rubric_lines(rubric)]) + "\n"


def class_rubric_differs(results: ClassResults) -> bool:
    return results.rubric.version != results.assignment.rubric.version


JOURNEY_FOLDER = "klantreizen"  # the klantreis/1 files: for the automatic check, or to open again
MAP_FOLDER = "kaarten"  # a printable map per journey (HTML: opens in any browser)
GRADES_FILE = "cijfers.csv"  # the grade sheet, as the site's "Cijferlijst" download


def readme(results: ClassResults, count: int, now: datetime) -> str:
    assignment = results.assignment
    differs = class_rubric_differs(results)
    klas = _CONTROL.sub(" ", results.klas.name)
    parts = [
        _("Klantreizen van klas %(klas)s, opdracht ‘%(title)s’ (%(id)s)",
          klas=klas, title=assignment.title, id=assignment.id),
        _("Gedownload op %(when)s.", when=format_moment(now)),
        "",
        _("Wat staat er in deze zip?"),
        _("Van elke leerling en elke groep die heeft ingeleverd staat hier de laatste klantreis: "
          "%(num)d klantreizen. Elk bestand heet naar de gebruikersnaam van de leerling, bijvoorbeeld sanne. "
          "Een groep heeft één bestand, dat begint met ‘groep-’. In %(file)s staat elke leerling op een "
          "eigen regel, met de groep.", num=count, file=GRADES_FILE),
        "",
        _("- De map ‘%(folder)s’: de klantreizen als kaart. Dubbelklik op een bestand: het opent in je "
          "browser (Edge, Chrome, Firefox of Safari). Je hebt geen internet nodig. Printen kan met Ctrl+P; "
          "elke kaart past op één A4 liggend.", folder=MAP_FOLDER),
        _("- Het bestand ‘%(file)s’: de cijferlijst van de site. Open het met Excel. Je ziet per leerling "
          "het cijfer, het niveau per onderdeel, je opmerking, wanneer de leerling inleverde, of dat te laat "
          "was, hoeveel pogingen er waren en of je het werk al hebt beoordeeld.", file=GRADES_FILE),
        _("- De map ‘%(folder)s’: dezelfde klantreizen als bestand in het formaat klantreis/1 "
          "(.journey.json). Bewaar deze bestanden als bewijs, of laat ze opnieuw nakijken (zie onder).",
          folder=JOURNEY_FOLDER),
        "",
        _("Wat je als docent hebt aangepast"),
        _("De niveaus die je zelf hebt aangepast en je opmerkingen staan in %(file)s. Op de kaarten en in "
          "de map ‘%(folder)s’ staat alleen wat de leerling maakte.", file=GRADES_FILE, folder=JOURNEY_FOLDER),
        "",
        _("Voor de ICT-afdeling: opnieuw nakijken met de automatische controle"),
        _("Dit is niet nodig voor het gewone gebruik. Op een computer waarop Klantreislab is geïnstalleerd, "
          "kan de ICT-afdeling alle klantreizen in één keer opnieuw laten nakijken. Pak de zip uit, open "
          "een opdrachtprompt (terminal) in de uitgepakte map en typ:"),
        f"       pytest --journeys {JOURNEY_FOLDER} --grades-csv nakijker-cijfers.csv",
        _("   Of met het nakijkprogramma zelf:"),
        f"       python -m grader {JOURNEY_FOLDER} --format csv --output nakijker-cijfers.csv",
        _("pytest toont een F bij elk onderdeel dat nog niet voldoende is. Dat is geen fout van het programma."),
        _("De automatische controle gebruikt de rubric van de opdracht. Elk bestand noemt de opdracht bij "
          "‘assignment’."),
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
    parts.append("")
    return "\r\n".join(parts)


def export_css() -> str:
    """The site's and the map's style sheets, to inline in a downloaded map."""
    folder = Path(current_app.static_folder or "") / "css"
    return "\n".join((folder / name).read_text("utf-8") for name in ("site.css", "map.css"))


def design_stem(row: StudentRow) -> str:
    """The file name (without extension) of a design: the username, or "groep-<name>" for a group."""
    return f"groep-{slugify(row.group_name, 'groep')}" if row.group_name else row.student.username


def design_author(results: ClassResults, row: StudentRow) -> str:
    """Who made the design: the student's name, or the group with its members (by name)."""
    if not row.group_name:
        return row.student.display_name
    members = [other.student.display_name for other in results.rows
               if other.attempt is not None and other.attempt.id == row.attempt.id]
    return _("Groep %(name)s: %(members)s", name=row.group_name, members=", ".join(members))


def map_html(results: ClassResults, row: StudentRow, css: str) -> str:
    """One student's latest journey as a self-contained page: the site's map, inline CSS, no scripts."""
    attempt = row.attempt
    report = row.result.final if row.result else None
    stages = report_stages(report) if report is not None else ()
    jmap = build_map(parse_journey(attempt.journey_data), *stages)
    return render_template(
        "class_assignments/map_export.html", jmap=jmap, css=Markup(css), assignment=results.assignment,
        student_name=design_author(results, row), klas_name=results.klas.name, attempt_number=attempt.number,
        submitted=format_moment(attempt.submitted))


def journeys_zip(results: ClassResults, deadline: datetime | None = None) -> bytes:
    """README.txt, cijfers.csv (a row per student), and per design (the latest hand-in of a student
    working alone, or of a group: once, not a copy per member) a printable map in kaarten/ and the
    klantreis/1 file in klantreizen/; the class's rubric when it is not the assignment's."""
    handed_in = results.designs
    zone = local_zone()
    now = utcnow()
    css = export_css()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write(archive, README_FILE, readme(results, len(handed_in), now), to_local(now, zone))
        _write_bytes(archive, GRADES_FILE, grade_sheet(results, DEFAULT_DECIMAL, deadline), to_local(now, zone))
        designs = results.designs  # a group's design once, not a copy per member
        names = journey_file_names([design_stem(row) for row in designs])
        for name, row in zip(names, designs, strict=False):
            attempt = row.attempt
            moment = to_local(attempt.submitted, zone)
            _write(archive, f"{JOURNEY_FOLDER}/{name}",
                   journey_document(attempt.journey_data, results.assignment.id), moment)
            stem = name[: -len(JOURNEY_SUFFIX)]
            _write(archive, f"{MAP_FOLDER}/{stem}.html", map_html(results, row, css), moment)
        if class_rubric_differs(results):
            title = _("De rubric van klas %(klas)s voor de opdracht %(id)s",
                      klas=results.klas.name, id=results.assignment.id)
            _write(archive, RUBRIC_FILE, rubric_toml(results.rubric, title), to_local(now, zone))
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, name: str, text: str, moment: datetime) -> None:
    _write_bytes(archive, name, text.encode("utf-8"), moment)


def _write_bytes(archive: zipfile.ZipFile, name: str, data: bytes, moment: datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
