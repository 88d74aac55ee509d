"""Teachers' own assignments: make (from scratch or as a copy), edit, preview, publish, archive,
model journey, export and import; and that an exported file grades like the site."""
from __future__ import annotations

import copy
import csv
import io
import json
from datetime import timedelta

import pytest

from assignments import BUILDER_STEPS, load_assignment
from courseware import catalogue
from courseware.builder import handin, journey_data, store
from courseware.extensions import db
from courseware.models import Attempt, ClassAssignment, OwnAssignment, Role
from courseware.models.accounts import utcnow
from courseware.own_assignments import editing
from grader.cli import main as grader_main

from .journeys import FULL_JOURNEY, plain, text_of

pytest_plugins = ["pytester"]

COPY_URL = "/mijn-opdrachten/nieuw?van=eerste-lesdag"
SLUG = "de-eerste-werkdag-in-de-winkel"


def form_data(assignment, **changes) -> dict:
    """What the browser posts for the form filled in with `assignment`, then `changes`
    (a criterion's field as "<criterion>-<key>"; False leaves a checkbox unticked)."""
    data: dict = {}
    for key, value in editing.initial(assignment).items():
        if isinstance(value, dict):
            for sub, item in value.items():
                data[f"{key}-{sub}"] = item
        else:
            data[key] = value
    data.update(changes)
    return {key: ("y" if value is True else value) for key, value in data.items() if value is not False}


@pytest.fixture
def school(make, login):
    teacher = make.user(Role.TEACHER, name="Juf Bakker")
    klas = make.school_class(teacher, name="Retail 1A")
    student = make.student(klas, name="Sam")
    other_teacher = make.user(Role.TEACHER, name="Meester Visser")
    other_klas = make.school_class(other_teacher, name="Zorg 2B")
    other_student = make.student(other_klas)
    login(teacher)
    return teacher, klas, student, other_teacher, other_klas, other_student


def copy_strict(client) -> OwnAssignment:
    """The teacher copies "De eerste lesdag" with a stricter after-sales rule."""
    base = catalogue.builtin("eerste-lesdag")
    stricter = {"after_sales-weight": "3", "after_sales-good_touchpoints": "5"}
    response = client.post(COPY_URL, data=form_data(base, title="De eerste werkdag in de winkel", **stricter))
    assert response.status_code == 302, plain(response)
    return OwnAssignment.by_slug(SLUG)


def publish(client, klas, day="2099-06-30", time="17:00"):
    return client.post(f"/mijn-opdrachten/{SLUG}/publiceren",
                       data={"class_id": klas.id, "deadline_date": day, "deadline_time": time})


def test_copy_makes_a_concept_with_the_changed_rubric(client, school):
    teacher = school[0]
    page = text_of(client.get(COPY_URL))
    assert 'value="Kopie van De eerste lesdag"' in page
    row = copy_strict(client)
    assert row.owner_id == teacher.id and row.state == "concept"
    assignment = catalogue.read(row)
    after_sales = next(item for item in assignment.rubric.items if item.id == "after_sales")
    assert after_sales.weight == 3 and after_sales.params["good_touchpoints"] == 5
    assert assignment.goals == catalogue.builtin("eerste-lesdag").goals
    # The built-in one did not change.
    assert catalogue.builtin("eerste-lesdag").rubric.version != assignment.rubric.version


def test_errors_are_dutch_next_to_the_field_and_nothing_typed_is_lost(client, school):
    base = catalogue.builtin("eerste-lesdag")
    data = form_data(base, title="", scenario="Mijn eigen situatie die ik net typte.",
                     **{"phases-sufficient_phases": "5", "phases-good_phases": "3"})
    response = client.post(COPY_URL, data=data)
    assert response.status_code == 200
    html = text_of(response)
    assert 'id="title-error">Vul een titel in.' in html
    assert "Mijn eigen situatie die ik net typte." in html
    assert 'id="phases-good_phases-error"' in html and "mag niet kleiner zijn dan" in html
    assert OwnAssignment.query.count() == 0


def test_a_new_assignment_from_scratch(client, school):
    data = form_data(editing.blank(), title="Klantreis bij de autogarage", summary="Je maakt een reis.",
                     target_group="Automonteurs in opleiding.", scenario="Een klant brengt de auto.",
                     goals="Je maakt een persona.\nJe kiest fasen.",
                     **{f"hint_{step}": f"Tip {step}." for step in BUILDER_STEPS},
                     words_experience="werkplaats, garage")
    response = client.post("/mijn-opdrachten/nieuw", data=data)
    assert response.status_code == 302, plain(response)
    assignment = catalogue.get_assignment("klantreis-bij-de-autogarage")
    assert assignment.goals == ("Je maakt een persona.", "Je kiest fasen.")
    assert dict(assignment.rubric.stage_words) == {"experience": ("werkplaats", "garage")}


def test_preview_shows_the_student_pages_and_stores_nothing(client, school):
    copy_strict(client)
    page = plain(client.get(f"/mijn-opdrachten/{SLUG}/voorbeeld"))
    assert "De eerste werkdag in de winkel" in page and "Zo wordt je klantreis beoordeeld" in page
    step = client.get(f"/mijn-opdrachten/{SLUG}/voorbeeld/persona")
    assert step.status_code == 200
    assert "Kies één nieuwe student" in plain(step)  # the assignment's hint for the step
    assert client.get(f"/mijn-opdrachten/{SLUG}/voorbeeld/bestaat-niet").status_code == 404
    for step in ("persona", "trigger", "phases", "touchpoints", "moments", "check"):
        assert client.get(f"/mijn-opdrachten/{SLUG}/voorbeeld/{step}").status_code == 200, step
    from courseware.models import Draft
    assert Draft.query.count() == 0


def test_publish_to_a_class_with_a_deadline_and_the_student_builds_it(client, school, login):
    teacher, klas, student, _t, other_klas, other_student = school
    copy_strict(client)
    # Not published yet: students do not see it.
    login(student)
    assert SLUG not in plain(client.get("/opdrachten"))
    assert client.get(f"/opdrachten/{SLUG}").status_code == 404
    login(teacher)
    # Another teacher's class cannot be chosen.
    response = publish(client, other_klas)
    assert "Kies een van je klassen." in plain(response)
    assert publish(client, klas).status_code == 302
    row = OwnAssignment.by_slug(SLUG)
    assert row.state == "published"
    assert ClassAssignment.find(klas.id, SLUG).deadline_utc.year == 2099
    login(student)
    assert "De eerste werkdag in de winkel" in plain(client.get("/opdrachten"))
    assert "Deadline" in plain(client.get(f"/opdrachten/{SLUG}"))
    assert client.get(f"/opdrachten/{SLUG}/bouwen/persona").status_code == 200
    login(other_student)
    assert "De eerste werkdag in de winkel" not in plain(client.get("/opdrachten"))
    assert client.get(f"/opdrachten/{SLUG}").status_code == 404
    assert client.get(f"/opdrachten/{SLUG}/bouwen/persona").status_code == 404


def _hand_in(student, slug, value):
    assignment = catalogue.get_assignment(slug)
    draft = store.save(student, assignment, journey_data.normalise(copy.deepcopy(value), assignment), step="check",
                        loaded_version=None).draft
    return handin.hand_in(student, assignment, draft)


def test_archive_hides_it_from_the_list_and_keeps_the_hand_ins(client, school, login):
    teacher, klas, student = school[:3]
    copy_strict(client)
    publish(client, klas)
    attempt = _hand_in(student, SLUG, FULL_JOURNEY)
    client.post(f"/mijn-opdrachten/{SLUG}/archiveren")
    assert OwnAssignment.by_slug(SLUG).state == "archived"
    assert client.get(f"/klassen/{klas.id}/opdrachten/{SLUG}/beoordelen").status_code == 200
    login(student)
    assert "De eerste werkdag in de winkel" not in plain(client.get("/opdrachten"))
    assert client.get(f"/opdrachten/{SLUG}/bouwen/persona").status_code == 404
    assert client.get(f"/opdrachten/{SLUG}/pogingen/1").status_code == 200
    assert db.session.get(Attempt, attempt.id) is not None
    login(teacher)
    client.post(f"/mijn-opdrachten/{SLUG}/terugzetten")
    assert OwnAssignment.by_slug(SLUG).state == "published"


def test_texts_change_freely_but_a_rubric_change_after_hand_ins_asks_first(client, school):
    _teacher, klas, student = school[:3]
    copy_strict(client)
    publish(client, klas)
    attempt = _hand_in(student, SLUG, FULL_JOURNEY)
    current = catalogue.get_assignment(SLUG)
    url = f"/mijn-opdrachten/{SLUG}/bewerken"
    assert client.post(url, data=form_data(current, title="De eerste werkdag")).status_code == 302
    assert catalogue.get_assignment(SLUG).title == "De eerste werkdag"
    current = catalogue.get_assignment(SLUG)
    response = client.post(url, data=form_data(current, **{"persona-weight": "4"}))
    assert response.status_code == 200
    assert "Zet een vinkje als je het beoordelingsmodel echt wilt veranderen." in plain(response)
    assert catalogue.get_assignment(SLUG).rubric.version == current.rubric.version
    response = client.post(url, data=form_data(current, confirm_rubric=True, **{"persona-weight": "4"}))
    assert response.status_code == 302
    assert catalogue.get_assignment(SLUG).rubric.version != current.rubric.version
    # The attempt keeps the rubric it was graded with; the class settings offer the regrade.
    assert db.session.get(Attempt, attempt.id).rubric_version == current.rubric.version
    settings = plain(client.get(f"/klassen/{klas.id}/opdrachten/{SLUG}/instellingen"))
    assert "Alles opnieuw beoordelen" in settings


def test_model_journey_is_shown_only_after_the_deadline(client, school, login, tmp_path):
    _teacher, klas, student = school[:3]
    copy_strict(client)
    publish(client, klas)
    empty = client.post(f"/mijn-opdrachten/{SLUG}/voorbeeldreis", data={"visibility": "never"})
    assert empty.status_code == 200 and "Kies eerst een bestand met de voorbeeldreis." in plain(empty)
    body = json.dumps(FULL_JOURNEY).encode()
    response = client.post(f"/mijn-opdrachten/{SLUG}/voorbeeldreis", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(body), "voorbeeld.json"), "visibility": "after_deadline"})
    assert response.status_code == 302
    bad = client.post(f"/mijn-opdrachten/{SLUG}/voorbeeldreis", content_type="multipart/form-data",
                      data={"file": (io.BytesIO(b"{kapot"), "kapot.json"), "visibility": "never"})
    assert bad.status_code == 200 and "JSON" in plain(bad)
    assert OwnAssignment.by_slug(SLUG).model_visibility == "after_deadline"
    login(student)
    assert client.get(f"/opdrachten/{SLUG}/voorbeeldreis").status_code == 403
    assert "voorbeeldreis" not in plain(client.get(f"/opdrachten/{SLUG}"))
    setting = ClassAssignment.find(klas.id, SLUG)
    setting.deadline = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert client.get(f"/opdrachten/{SLUG}/voorbeeldreis").status_code == 200
    assert "Bekijk de voorbeeldreis van je docent" in plain(client.get(f"/opdrachten/{SLUG}"))


def test_another_teacher_cannot_reach_it_and_students_get_no_teacher_pages(client, school, login):
    _teacher, _klas, student, other_teacher = school[:4]
    copy_strict(client)
    login(other_teacher)
    for url in (f"/mijn-opdrachten/{SLUG}", f"/mijn-opdrachten/{SLUG}/bewerken", f"/mijn-opdrachten/{SLUG}/exporteren",
                f"/mijn-opdrachten/{SLUG}/voorbeeld", f"/mijn-opdrachten/nieuw?van={SLUG}"):
        assert client.get(url).status_code == 403, url
    assert publish(client, school[4]).status_code == 403
    assert OwnAssignment.by_slug(SLUG).state == "concept"
    login(student)
    assert client.get("/mijn-opdrachten").status_code == 403
    assert client.get(f"/mijn-opdrachten/{SLUG}").status_code == 403


def test_import_makes_a_concept_or_names_the_field(client, school):
    copy_strict(client)
    exported = client.get(f"/mijn-opdrachten/{SLUG}/exporteren")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{SLUG}.toml"'
    text = exported.get_data(as_text=True)
    response = client.post("/mijn-opdrachten/importeren", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(text.encode()), f"{SLUG}.toml")})
    assert response.status_code == 302
    again = catalogue.get_assignment(f"{SLUG}-2")
    assert again.rubric.version == catalogue.get_assignment(SLUG).rubric.version
    assert OwnAssignment.by_slug(f"{SLUG}-2").state == "concept"
    broken = text.replace("good_touchpoints = 5", 'good_touchpoints = "veel"')
    response = client.post("/mijn-opdrachten/importeren", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(broken.encode()), "kapot.toml")})
    assert response.status_code == 200
    assert "Dit bestand klopt niet: kapot.toml: rubric.criteria.after_sales.good_touchpoints" in plain(response)
    assert OwnAssignment.query.count() == 2  # nothing half-imported


def test_an_exported_assignment_grades_the_same_in_the_site_the_cli_and_the_plugin(
        client, school, pytester, tmp_path):
    _teacher, klas, student = school[:3]
    copy_strict(client)
    publish(client, klas)
    attempt = _hand_in(student, SLUG, FULL_JOURNEY)
    path = tmp_path / f"{SLUG}.toml"
    path.write_bytes(client.get(f"/mijn-opdrachten/{SLUG}/exporteren").get_data())
    loaded = load_assignment(path)  # the built-in loader
    assert loaded.rubric.version == attempt.rubric_version
    folder = tmp_path / "inleveringen"
    folder.mkdir()
    (folder / "sam.journey.json").write_text(json.dumps(FULL_JOURNEY), "utf-8")
    site_grade = f"{attempt.grade:.1f}".replace(".", ",")
    cli_csv = tmp_path / "cli.csv"
    assert grader_main([str(folder / "sam.journey.json"), "--assignment", str(path), "--format", "csv",
                        "--output", str(cli_csv)]) in (0, 1)
    cli_rows = list(csv.DictReader(io.StringIO(cli_csv.read_text("utf-8-sig")), delimiter=";"))
    plugin_csv = tmp_path / "plugin.csv"
    pytester.runpytest("--journeys", str(folder), "--journeys-assignment", str(path),
                       "--grades-csv", str(plugin_csv), "-p", "no:cacheprovider")
    plugin_rows = list(csv.DictReader(io.StringIO(plugin_csv.read_text("utf-8-sig")), delimiter=";"))
    assert [row["cijfer"] for row in cli_rows] == [site_grade]
    assert [row["cijfer"] for row in plugin_rows] == [site_grade]
    assert {row["opdracht"] for row in cli_rows + plugin_rows} == {SLUG}


def test_a_broken_exported_file_is_a_dutch_error_with_exit_2_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "kapot.toml"
    path.write_text('id = "kapot"\ntitle = 3\n', "utf-8")
    journey = tmp_path / "sam.journey.json"
    journey.write_text(json.dumps(FULL_JOURNEY), "utf-8")
    with pytest.raises(SystemExit) as stopped:  # argparse's usage error
        grader_main([str(journey), "--assignment", str(path)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "opdrachtbestand klopt niet" in err and "Traceback" not in err


def test_the_site_finds_assignments_only_through_the_catalogue():
    """One way to look an assignment up: no module of the site but courseware.catalogue reads the
    built-in ones itself (it would miss the teachers' own)."""
    import re
    from pathlib import Path

    import courseware

    direct = re.compile(r"(?<!catalogue\.)\b(get_assignment|load_assignments)\(")
    root = Path(courseware.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "catalogue.py" and direct.search(path.read_text("utf-8"))]
    assert offenders == []


def test_who_sees_an_own_assignment_in_each_state(client, school):
    teacher, klas, student, other_teacher, other_klas, other_student = school
    copy_strict(client)
    row = OwnAssignment.by_slug(SLUG)
    assert catalogue.for_user(teacher, SLUG) is not None
    assert [catalogue.for_user(user, SLUG) for user in (student, other_teacher, other_student)] == [None] * 3
    assert catalogue.for_class(klas, SLUG) is None
    publish(client, klas)
    assert catalogue.for_class(klas, SLUG) is not None and catalogue.for_class(other_klas, SLUG) is None
    assert catalogue.for_student_to_build(student, SLUG) is not None
    assert SLUG in catalogue.open_for_student(student) and SLUG not in catalogue.open_for_student(other_student)
    assert SLUG in catalogue.of_class(klas) and SLUG not in catalogue.of_class(other_klas)
    assert "De eerste werkdag in de winkel" in plain(client.get(f"/klassen/{klas.id}"))
    row.state = "archived"
    db.session.commit()
    assert catalogue.for_student_to_build(student, SLUG) is None
    assert catalogue.for_student_to_read(student, SLUG) is not None
    assert SLUG not in catalogue.open_for_student(student)
    assert SLUG in catalogue.of_class(klas)  # the teacher's class pages keep it
    # The built-in assignments stay there for everyone.
    assert all(catalogue.for_student_to_build(user, "eerste-lesdag") for user in (student, other_student))


def test_model_journey_after_release_and_never(client, school, login):
    from courseware.grading import result_for
    from courseware.review import reviews

    teacher, klas, student = school[:3]
    copy_strict(client)
    publish(client, klas)
    row = OwnAssignment.by_slug(SLUG)
    row.model_journey, row.model_visibility = json.dumps(FULL_JOURNEY), "after_release"
    db.session.commit()
    attempt = _hand_in(student, SLUG, FULL_JOURNEY)
    assert not catalogue.model_journey_visible(student, row)
    review = reviews.review_of(result_for(attempt))
    review.done_at = utcnow()
    assert reviews.release(review)
    db.session.commit()
    assert catalogue.model_journey_visible(student, row)
    login(student)
    assert client.get(f"/opdrachten/{SLUG}/voorbeeldreis").status_code == 200
    row.model_visibility = "never"
    db.session.commit()
    assert client.get(f"/opdrachten/{SLUG}/voorbeeldreis").status_code == 403
    assert catalogue.model_journey_visible(teacher, row)  # the owner always


def test_what_a_teacher_types_is_shown_escaped(client, school, login):
    evil = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    _teacher, klas, student = school[:3]
    base = catalogue.builtin("eerste-lesdag")
    response = client.post(COPY_URL, data=form_data(
        base, title="Veilig", summary=evil, target_group=evil, scenario=evil, goals=evil, hint_persona=evil,
        words_experience="winkel"))
    assert response.status_code == 302, plain(response)
    slug = "veilig"
    publish_data = {"class_id": klas.id, "deadline_date": "", "deadline_time": ""}
    assert client.post(f"/mijn-opdrachten/{slug}/publiceren", data=publish_data).status_code == 302
    urls = [f"/mijn-opdrachten/{slug}", f"/mijn-opdrachten/{slug}/bewerken", f"/mijn-opdrachten/{slug}/voorbeeld",
            f"/mijn-opdrachten/{slug}/voorbeeld/persona", "/mijn-opdrachten", "/opdrachten"]
    for url in urls:
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
    login(student)
    for url in (f"/opdrachten/{slug}", f"/opdrachten/{slug}/bouwen/persona", "/opdrachten"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)" in html, url  # it is there, as text


def test_the_scenario_is_markdown_shown_safely(client, school, login):
    _teacher, klas, student = school[:3]
    scenario = ("Sam begint in de **winkel**.\n\nDit doet Sam:\n\n- kassa\n- vakken vullen\n\n"
                "[klik](javascript:alert(1)) <b>hallo</b>")
    response = client.post(COPY_URL, data=form_data(catalogue.builtin("eerste-lesdag"), title="Markdown",
                                                    scenario=scenario))
    assert response.status_code == 302, plain(response)
    assert client.post("/mijn-opdrachten/markdown/publiceren",
                       data={"class_id": klas.id, "deadline_date": "", "deadline_time": ""}).status_code == 302
    login(student)
    html = client.get("/opdrachten/markdown").get_data(as_text=True)
    assert "<p>Sam begint in de <strong>winkel</strong>.</p>" in html
    assert "<li>kassa</li>" in html and "<li>vakken vullen</li>" in html
    assert 'href="javascript' not in html and "<b>hallo</b>" not in html and "&lt;b&gt;hallo&lt;/b&gt;" in html


def test_a_built_in_scenario_keeps_its_paragraphs(client, school):
    html = client.get("/opdrachten/eerste-lesdag").get_data(as_text=True)
    first = catalogue.builtin("eerste-lesdag").scenario.split("\n\n")[0]
    assert f"<p>{' '.join(first.split())}" in " ".join(html.split())
