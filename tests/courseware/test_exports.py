"""Downloads of a class's assignment: the grade sheet for Dutch Excel and the student
administration (BOM, `;`, CRLF, decimal comma or point, no formulas), and the ZIP of journeys
that the pytest autograder grades again to the same grades."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from datetime import UTC, datetime

import pytest
from markupsafe import escape

from assignments import get_assignment
from courseware.class_assignments.deadlines import to_local
from courseware.class_assignments.exports import journey_document, journey_file_names, slugify
from courseware.extensions import db
from courseware.formatting import local_zone
from courseware.grading import override, rubric_for_class
from courseware.models import Attempt, ClassAssignment, Review, Role
from grader import Rubric, load_journey
from grader.formats import safe_cell

from .journeys import FULL_JOURNEY, JOURNEY, NO_AFTER_SALES, A, hand_in, post_settings


def base(klas, assignment: str = A) -> str:
    return f"/klassen/{klas.id}/opdrachten/{assignment}"




@pytest.fixture
def klas_with_hand_ins(make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher, name="4B Ondernemen & Retail")
    names = ["Özlem Yıldız", "Anna de Groot", "Bram Ëlberg", "=HYPERLINK(\"http://evil.example\",\"klik\")",
             "Zoë Nog-niet"]
    students = [make.student(klas, name=name) for name in names]
    hand_in(students[0], FULL_JOURNEY)
    hand_in(students[1], NO_AFTER_SALES)
    hand_in(students[1], JOURNEY)  # the latest counts
    hand_in(students[2], NO_AFTER_SALES)
    hand_in(students[3], JOURNEY)
    login(teacher)
    return teacher, klas, students


def sheet(client, klas, query: str = "") -> tuple[bytes, list[list[str]]]:
    response = client.get(f"{base(klas)}/cijfers.csv{query}")
    assert response.status_code == 200
    body = response.data
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    return body, rows


def by_username(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header = rows[0]
    return {row[1]: dict(zip(header, row, strict=False)) for row in rows[1:]}


def latest(student) -> Attempt:
    db.session.expire_all()
    return Attempt.for_student(student.id, A)[-1]


# --------------------------------------------------------------------------- grade sheet


def test_grade_sheet_is_for_dutch_excel(client, klas_with_hand_ins):
    _, klas, students = klas_with_hand_ins
    response = client.get(f"{base(klas)}/cijfers.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="4b-ondernemen-retail-open-dag-cijfers.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    body, rows = sheet(client, klas)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM
    lines = body.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == "" and all("\n" not in line for line in lines)  # CRLF only
    rubric = get_assignment(A).rubric
    assert rows[0] == ["naam", "gebruikersnaam", "cijfer", *(item.criterion.title for item in rubric.items),
                       "opmerking docent", "status", "ingeleverd op", "te laat", "aantal pogingen",
                       "beoordeeld door docent", "groep", "groepscijfer", "reden correctie"]
    assert rows[0][3:10] == ["Fasen", "Contactmomenten", "Bewustwordingsfase", "After-salesfase",
                             "Momenten van de waarheid", "Persona en koppeling", "Serviceconcept"]
    assert len(rows) == 1 + len(students)
    assert all(len(row) == len(rows[0]) for row in rows)


def test_grade_sheet_rows_have_final_grades_and_levels(client, klas_with_hand_ins):
    teacher, klas, students = klas_with_hand_ins
    override(latest(students[2]), "after_sales", 3, "Nazorg staat in de tekst", teacher)
    db.session.add(Review(attempt_id=latest(students[0]).id, comment="Mooi gedaan!",
                          done_at=datetime(2025, 3, 1, tzinfo=UTC)))
    db.session.commit()
    _, rows = sheet(client, klas)
    data = by_username(rows)
    names = [row[0] for row in rows[1:]]
    assert names[:3] == ["'=HYPERLINK(\"http://evil.example\",\"klik\")", "Anna de Groot", "Bram Ëlberg"]
    assert "Özlem Yıldız" in names and "Zoë Nog-niet" in names  # diacritics intact
    ozlem = data[students[0].username]
    assert ozlem["naam"] == "Özlem Yıldız"
    assert ozlem["cijfer"] == f"{latest(students[0]).grade:.1f}".replace(".", ",")
    assert ozlem["opmerking docent"] == "Mooi gedaan!" and ozlem["status"] == "beoordeeld"
    anna = data[students[1].username]
    assert anna["cijfer"] == f"{latest(students[1]).grade:.1f}".replace(".", ",")
    assert anna["After-salesfase"] == "2" and anna["status"] == "ingeleverd"
    bram = data[students[2].username]
    assert bram["After-salesfase"] == "3"  # the teacher's level
    grader_grade = latest(students[2]).grade
    assert float(bram["cijfer"].replace(",", ".")) > grader_grade  # the final grade, with the override
    zoe = data[students[4].username]
    assert zoe["cijfer"] == "" and zoe["Fasen"] == "" and zoe["status"] == "niet begonnen"


@pytest.mark.parametrize("query, mark", [("", ","), ("?decimaal=komma", ","), ("?decimaal=punt", "."),
                                         ("?decimaal=iets", ",")])
def test_grade_sheet_decimal_comma_or_point(client, klas_with_hand_ins, query, mark):
    _, klas, students = klas_with_hand_ins
    _, rows = sheet(client, klas, query)
    grade = by_username(rows)[students[0].username]["cijfer"]
    assert grade == f"{latest(students[0]).grade:.1f}".replace(".", mark)
    other = "." if mark == "," else ","
    assert all(other not in row[2] for row in rows[1:])


def test_grade_sheet_neutralises_formulas(client, klas_with_hand_ins):
    _teacher, klas, students = klas_with_hand_ins
    attempt_id = latest(students[0]).id
    students[1].display_name = "+31 6 1234"
    students[2].display_name = "@SUM(A1:A9)"
    students[4].username = "-zoe"
    db.session.add(Review(attempt_id=attempt_id, comment="=1+1\nen nog iets"))
    db.session.commit()
    _, rows = sheet(client, klas)
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"klik\")" in cells
    assert "'+31 6 1234" in cells and "'@SUM(A1:A9)" in cells and "'-zoe" in cells
    assert "'=1+1\nen nog iets" in cells
    for cell in cells:
        assert safe_cell(cell) == cell  # nothing left that a spreadsheet would run
    # a student's own text never appears unescaped at the start of a cell
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_grade_sheet_uses_the_classes_rubric(client, klas_with_hand_ins):
    _, klas, students = klas_with_hand_ins
    post_settings(client, klas, **{"persona-enabled": None, "emotion_curve-enabled": "y"})
    _, rows = sheet(client, klas)
    assert "Persona en koppeling" not in rows[0] and rows[0][-10] == "Emotiecurve"
    assert by_username(rows)[students[0].username]["Emotiecurve"] == ""  # not graded on it yet
    client.post(f"{base(klas)}/opnieuw-beoordelen")
    _, rows = sheet(client, klas)
    assert by_username(rows)[students[0].username]["Emotiecurve"] in {"0", "1", "2", "3"}


def test_empty_class_has_a_header_only(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher, name="Leeg")
    login(teacher)
    _, rows = sheet(client, klas)
    assert len(rows) == 1 and rows[0][0] == "naam"


# --------------------------------------------------------------------------- journeys ZIP


def open_zip(client, klas) -> zipfile.ZipFile:
    response = client.get(f"{base(klas)}/klantreizen.zip")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="4b-ondernemen-retail-open-dag-klantreizen.zip"'
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_zip_holds_the_latest_journeys_maps_grades_and_a_readme(client, klas_with_hand_ins):
    _, klas, students = klas_with_hand_ins
    archive = open_zip(client, klas)
    handed_in = students[:4]
    expected = sorted(["README.txt", "cijfers.csv", *(f"klantreizen/{s.username}.journey.json" for s in handed_in),
                       *(f"kaarten/{s.username}.html" for s in handed_in)])
    assert sorted(archive.namelist()) == expected  # no rubric file: the class uses the assignment's
    for student in handed_in:
        raw = archive.read(f"klantreizen/{student.username}.journey.json").decode("utf-8")
        value = json.loads(raw)
        assert value["format"] == "klantreis/1" and value["assignment"] == A
        stored = latest(student).journey_data
        assert {k: v for k, v in value.items() if k != "assignment"} == \
            {k: v for k, v in stored.items() if k != "assignment"}
        load_journey(raw, "x.journey.json")  # a valid klantreis/1 file
    anna = json.loads(archive.read(f"klantreizen/{students[1].username}.journey.json"))
    assert len(anna["phases"]) == 3  # her latest hand-in, not the first
    assert archive.read("cijfers.csv") == client.get(f"{base(klas)}/cijfers.csv").get_data()
    readme = archive.read("README.txt").decode("utf-8")
    for folder in ("‘kaarten’", "‘klantreizen’", "‘cijfers.csv’"):
        assert folder in readme
    assert "Dubbelklik op een bestand" in readme and "Ctrl+P" in readme
    assert "Voor de ICT-afdeling" in readme and "Dit is niet nodig voor het gewone gebruik." in readme
    assert readme.index("Voor de ICT-afdeling") < readme.index("pytest --journeys klantreizen")
    assert readme.index("‘kaarten’") < readme.index("opdrachtprompt")  # no terminal before the maps
    assert "pytest --journeys klantreizen --grades-csv nakijker-cijfers.csv" in readme
    assert "python -m grader klantreizen --format csv --output nakijker-cijfers.csv" in readme
    assert "4 klantreizen" in readme and "4B Ondernemen & Retail" in readme
    assert "Je klas gebruikt ook deze rubric." in readme
    assert "\r\n" in readme


def test_zip_maps_are_self_contained_printable_pages(client, klas_with_hand_ins):
    _, klas, students = klas_with_hand_ins
    archive = open_zip(client, klas)
    html = archive.read(f"kaarten/{students[0].username}.html").decode("utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html
    assert "@page { size: A4 landscape" in html and ".jm-card" in html  # the map's own CSS, inline
    assert "<script" not in html and "<link" not in html and 'src="' not in html and " on" + "load=" not in html
    assert not re.search(r'href="/', html)  # nothing points back at the site
    assert 'class="jm jm-full' in html and "Özlem Yıldız" in html  # the site's map, with the name
    for phase in FULL_JOURNEY["phases"]:
        assert escape(phase["name"]) in html


def test_grade_sheet_has_hand_in_time_late_attempts_and_teacher_review(client, klas_with_hand_ins):
    _teacher, klas, students = klas_with_hand_ins
    first_attempt = latest(students[0])
    db.session.add(Review(attempt_id=first_attempt.id, done_at=datetime(2025, 3, 1, tzinfo=UTC)))
    setting = ClassAssignment.get_or_create(klas.id, A)
    setting.deadline = first_attempt.submitted  # on time at the deadline itself; later is late
    db.session.commit()
    data = by_username(sheet(client, klas)[1])
    first, anna, last = data[students[0].username], data[students[1].username], data[students[3].username]
    when = to_local(first_attempt.submitted, local_zone()).strftime("%d-%m-%Y %H:%M")
    assert first["ingeleverd op"] == when and re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", when)
    assert (first["te laat"], last["te laat"]) == ("nee", "ja")
    assert (first["aantal pogingen"], anna["aantal pogingen"]) == ("1", "2")
    assert (first["beoordeeld door docent"], anna["beoordeeld door docent"]) == ("ja", "nee")
    idle = data[students[4].username]
    assert [idle[key] for key in ("ingeleverd op", "te laat", "beoordeeld door docent")] == ["", "", ""]
    assert idle["aantal pogingen"] == "0"
    setting.deadline = None
    db.session.commit()
    assert by_username(sheet(client, klas)[1])[students[3].username]["te laat"] == ""  # no deadline


def test_zip_regrades_with_the_pytest_autograder_to_the_same_grades(client, klas_with_hand_ins, tmp_path):
    _, klas, students = klas_with_hand_ins
    open_zip(client, klas).extractall(tmp_path / "zip")
    folder = tmp_path / "zip" / "klantreizen"
    out = tmp_path / "cijfers.csv"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--journeys", str(folder), "--grades-csv", str(out),
         "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: some criteria below voldoende
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"), newline=""), delimiter=";"))
    graded = {row["bestand"].removesuffix(".journey.json"): float(row["cijfer"].replace(",", ".")) for row in rows}
    expected = {s.username: latest(s).grade for s in students[:4]}  # the grader's grades, no overrides
    assert graded == expected
    assert {row["opdracht"] for row in rows} == {A}
    # The command line grades the same folder without errors: nothing but journeys and text in it.
    cli = subprocess.run([sys.executable, "-m", "grader", str(folder), "--format", "csv"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stdout + cli.stderr


def test_zip_with_a_class_rubric_explains_that_grades_may_differ(client, klas_with_hand_ins):
    _, klas, _ = klas_with_hand_ins
    post_settings(client, klas, **{"touchpoints-good_touchpoints": "5", "emotion_curve-enabled": "y",
                                   "touchpoints-complete_share": "62,5"})
    archive = open_zip(client, klas)
    readme = archive.read("README.txt").decode("utf-8")
    assert "je klas gebruikt een eigen rubric" in readme
    assert "kunnen daarom anders zijn" in readme and "klas-rubric.toml" in readme
    toml = tomllib.loads(archive.read("klas-rubric.toml").decode("utf-8"))
    rubric = Rubric.from_config(toml["rubric"])
    assert rubric.version == rubric_for_class(klas.id, get_assignment(A)).version
    assert toml["rubric"]["criteria"]["touchpoints"]["complete_share"] == 0.625


def test_zip_when_nobody_handed_in(client, make, login):
    teacher = make.user(Role.TEACHER)
    klas = make.school_class(teacher)
    make.student(klas)
    login(teacher)
    response = client.get(f"{base(klas)}/klantreizen.zip")
    assert response.status_code == 302 and response.location.endswith(f"{base(klas)}/overzicht")
    assert "nog geen klantreizen om te downloaden" in client.get(response.location).get_data(as_text=True)


def test_journey_file_names_are_safe_and_unique():
    names = journey_file_names(["sanne", "Sanne", "con", "..stiekem", "a/b", "piet.jan"])
    assert names == ["sanne.journey.json", "Sanne-2.journey.json", "con_.journey.json", "stiekem.journey.json",
                     "a-b.journey.json", "piet.jan.journey.json"]


def test_journey_document_names_the_assignment_first():
    text = journey_document({"format": "klantreis/1", "title": "X", "assignment": "iets-anders", "phases": []}, A)
    value = json.loads(text)
    assert list(value)[:3] == ["format", "assignment", "title"] and value["assignment"] == A


@pytest.mark.parametrize("name, slug", [("4B Ondernemen & Retail", "4b-ondernemen-retail"),
                                        ("Zoë's klas", "zoe-s-klas"),
                                        ("???", "klas"), ("  MBO-2  ", "mbo-2")])
def test_slugify(name, slug):
    assert slugify(name, "klas") == slug
