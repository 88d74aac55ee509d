"""Teachers review and grade: who may see what, the dashboard (statuses, grades, levels, sorting,
the filter), the review page (overrides with who/when/why, comment required, no row when nothing
changed, recomputed grade, history, warnings), the stable shuffled queue, releasing, and the
assignments on the class page. What the student sees is in test_review_student.py."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import event, select

from assignments import load_assignments
from courseware.extensions import db
from courseware.grading import override, result_for
from courseware.models import Attempt, LevelOverride, Review, Role
from courseware.models.accounts import utcnow
from courseware.review.queue import queue_key
from grader import Report

from .journeys import CLOSE_CALL, SHORT_JOURNEY, A, hand_in, plain, save_draft, text_of
from .reviewing import CRITERION, attempt_url, base, class_with_one_hand_in, current_form, grader_level, other_level

# --------------------------------------------------------------------------- helpers


def overrides_of(attempt) -> list[LevelOverride]:
    db.session.expire_all()
    return list(db.session.scalars(select(LevelOverride).where(LevelOverride.attempt_id == attempt.id)
                                   .order_by(LevelOverride.id)))


def review_of(attempt) -> Review | None:
    db.session.expire_all()
    return db.session.scalar(select(Review).where(Review.attempt_id == attempt.id))


def set_review(attempt, done: bool = True, released: bool = False, comment: str = "") -> Review:
    review = review_of(attempt) or Review(attempt_id=attempt.id, comment=comment)
    review.comment = comment
    review.done_at = utcnow() if done else None
    review.released_at = utcnow() if released else None
    db.session.add(review)
    db.session.commit()
    return review


def dashboard_rows(html: str) -> list[tuple[str, str, str]]:
    """(name, status, the row's HTML) of every row of the dashboard table, in order."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row">(?:<a [^>]*>)?([^<]+)', tr).group(1)
        status = re.search(r'class="status status-([a-z-]+)"', tr).group(1)
        rows.append((unescape(name).strip(), status, tr))
    return rows


def names(response) -> list[str]:
    return [name for name, _status, _tr in dashboard_rows(response.get_data(as_text=True))]


def field_block(html: str, field_id: str) -> str:
    at = html.index(f'id="{field_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start:html.index("</div>", at)]


@pytest.fixture
def setup(make):
    """A teacher with a class; one student in it has handed in."""
    return class_with_one_hand_in(make)


@pytest.fixture
def teacher(setup, login):
    login(setup[0])
    return setup[0]


def routes(klas, attempt) -> list[tuple[str, str]]:
    b = base(klas)
    return [
        ("GET", b), ("GET", f"{b}/{attempt.id}"), ("POST", f"{b}/{attempt.id}"), ("GET", f"{b}/volgende"),
        ("POST", f"{b}/{attempt.id}/vrijgeven"), ("GET", f"{b}/vrijgeven"), ("POST", f"{b}/vrijgeven"),
    ]


# --------------------------------------------------------------------------- who may see what


def test_visitors_are_sent_to_login(client, setup):
    _, klas, _, attempt = setup
    for method, url in routes(klas, attempt):
        response = client.open(url, method=method)
        assert response.status_code == 302, url
        assert response.location.startswith("/inloggen"), url


def test_students_get_403_even_for_their_own_attempt(client, setup, login):
    _, klas, student, attempt = setup
    login(student)
    for method, url in routes(klas, attempt):
        assert client.open(url, method=method).status_code == 403, url


def test_a_teacher_of_another_class_gets_403(client, make, setup, login):
    _, klas, _, attempt = setup
    login(make.user(Role.TEACHER))
    for method, url in routes(klas, attempt):
        assert client.open(url, method=method).status_code == 403, url
    assert review_of(attempt) is None


def test_an_admin_may_review_every_class(client, make, setup, login):
    _, klas, _, attempt = setup
    login(make.user(Role.ADMIN))
    b = base(klas)
    assert client.get(b).status_code == 200
    assert client.get(f"{b}/{attempt.id}").status_code == 200
    assert client.get(f"{b}/volgende").status_code == 302
    assert client.get(f"{b}/vrijgeven").status_code == 200
    assert client.post(f"{b}/{attempt.id}", data=current_form(attempt, done="y")).status_code == 302
    assert review_of(attempt).is_done


def test_unknown_ids_are_404(client, make, setup, teacher):
    _, klas, _, attempt = setup
    other_klas = make.school_class(teacher)
    elsewhere = hand_in(make.student(other_klas))
    b = base(klas)
    for url in [
        f"/klassen/99999/opdrachten/{A}/beoordelen", f"/klassen/99999/opdrachten/{A}/beoordelen/{attempt.id}",
        base(klas, "bestaat-niet"), f"{base(klas, 'bestaat-niet')}/{attempt.id}",
        f"{base(klas, 'bestaat-niet')}/volgende",
        f"{base(klas, 'bestaat-niet')}/vrijgeven", f"{b}/99999",
        f"{b}/{elsewhere.id}",  # an attempt of another class (of the same teacher)
        f"{base(klas, 'eerste-lesdag')}/{attempt.id}",  # the attempt belongs to another assignment
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"{b}/99999/vrijgeven").status_code == 404
    assert client.post(f"{b}/{elsewhere.id}", data=current_form(elsewhere)).status_code == 404


def test_posting_without_a_csrf_token_is_refused(csrf_app, client, setup, login):
    teacher, klas, _, attempt = setup
    login(teacher)
    level = other_level(grader_level(attempt))
    data = current_form(attempt, **{f"level_{CRITERION}": level, f"comment_{CRITERION}": "Zo is het beter."})
    assert client.post(attempt_url(klas, attempt), data=data).status_code == 400
    assert client.post(f"{attempt_url(klas, attempt)}/vrijgeven").status_code == 400
    assert client.post(f"{base(klas)}/vrijgeven").status_code == 400
    assert overrides_of(attempt) == []
    # The pages themselves carry the token.
    assert 'name="csrf_token"' in client.get(attempt_url(klas, attempt)).get_data(as_text=True)


# --------------------------------------------------------------------------- the dashboard


def test_dashboard_shows_every_student_with_status_grade_levels_and_attempts(client, make, setup, teacher):
    _, klas, _cas, cas_attempt = setup
    make.student(klas, name="Anna")  # nothing yet
    save_draft(make.student(klas, name="Bram"))  # a draft only
    daan = make.student(klas, name="Daan")
    hand_in(daan, SHORT_JOURNEY)
    daan_attempt = hand_in(daan)  # two attempts: the latest counts
    set_review(daan_attempt, done=True)
    eva_attempt = hand_in(make.student(klas, name="Eva"))
    set_review(eva_attempt, done=True, released=True)
    level = other_level(grader_level(cas_attempt))
    override(cas_attempt, CRITERION, level, "Beter dan de grader denkt.", teacher)
    db.session.commit()

    html = client.get(base(klas)).get_data(as_text=True)
    rows = {name: (status, tr) for name, status, tr in dashboard_rows(html)}
    assert {name: status for name, (status, _tr) in rows.items()} == {
        "Anna": "niet-begonnen", "Bram": "concept", "Cas": "ingeleverd", "Daan": "beoordeeld", "Eva": "vrijgegeven",
    }
    labels = re.findall(r'class="status status-[a-z-]+">([^<]+)<', html)
    assert {"niet begonnen", "concept", "ingeleverd", "beoordeeld", "vrijgegeven"} <= set(labels)
    result = result_for(cas_attempt)
    cas_row = unescape(rows["Cas"][1])
    assert result.final.grade != result.grader.grade
    assert f"{result.final.grade:.1f}".replace(".", ",") in cas_row
    assert f"(automatisch: {result.grader.grade:.1f})".replace(".", ",") in cas_row
    # The overridden criterion: the teacher's level with the grader's in brackets.
    assert f'<span class="level level-{level}">{level}<span class="visually-hidden">' in rows["Cas"][1]
    # Every coloured level cell carries its number (never colour alone).
    cells = re.findall(r'<span class="level level-(\d)">(\d)', html)
    assert cells and all(colour == number for colour, number in cells)
    assert re.search(r"<td>2</td>\s*$", rows["Daan"][1].strip()), "Daan handed in twice"
    assert "(automatisch" not in rows["Eva"][1]
    # A student who handed in links to the review of the latest attempt.
    assert f'href="{base(klas)}/{daan_attempt.id}"' in rows["Daan"][1]


def test_dashboard_marks_the_hand_ins_whose_stages_the_grader_doubts(client, make, setup, teacher):
    _, klas, _cas, _ = setup
    fenna = hand_in(make.student(klas, name="Fenna"), CLOSE_CALL)  # one phase is a close call between two stages
    html = client.get(base(klas)).get_data(as_text=True)
    rows = {name: tr for name, _status, tr in dashboard_rows(html)}
    assert "twijfel over 1 fase" in rows["Fenna"] and "twijfel" not in rows["Cas"]
    assert "‘Twijfel over een fase’" in unescape(html)  # the note under the table says what it means
    html = client.get(f"{base(klas)}?filter=te-beoordelen").get_data(as_text=True)  # still to review: still marked
    assert "twijfel over 1 fase" in html
    set_review(fenna, done=True)  # once the teacher has reviewed it, the mark has done its work
    db.session.commit()
    html = client.get(base(klas)).get_data(as_text=True)
    assert "twijfel over" not in html and "‘Twijfel over een fase’" not in unescape(html)


def test_dashboard_sorts_without_javascript(client, make, setup, teacher):
    _, klas, _cas, cas_attempt = setup
    make.student(klas, name="Anna")
    bram_attempt = hand_in(make.student(klas, name="Bram"), SHORT_JOURNEY)
    daan_attempt = hand_in(make.student(klas, name="Daan"))
    override(daan_attempt, CRITERION, 0, "Deze fasen kloppen niet.", teacher)
    override(cas_attempt, CRITERION, 3, "Prima fasen.", teacher)
    db.session.commit()
    grades = {name: result_for(a).final.grade for name, a in
              (("Bram", bram_attempt), ("Cas", cas_attempt), ("Daan", daan_attempt))}

    assert names(client.get(base(klas))) == ["Anna", "Bram", "Cas", "Daan"]
    assert names(client.get(f"{base(klas)}?sort=name&dir=desc")) == ["Daan", "Cas", "Bram", "Anna"]
    by_grade = sorted(grades, key=lambda n: (-grades[n], n))
    assert names(client.get(f"{base(klas)}?sort=grade&dir=desc")) == [*by_grade, "Anna"]  # no grade: last
    ascending = sorted(grades, key=lambda n: (grades[n], n))
    assert names(client.get(f"{base(klas)}?sort=grade&dir=asc")) == [*ascending, "Anna"]
    levels = {name: result_for(a).final.criterion(CRITERION).level for name, a in
              (("Bram", bram_attempt), ("Cas", cas_attempt), ("Daan", daan_attempt))}
    assert names(client.get(f"{base(klas)}?sort={CRITERION}&dir=desc")) == \
        [*sorted(levels, key=lambda n: (-levels[n], n)), "Anna"]
    assert names(client.get(f"{base(klas)}?sort={CRITERION}&dir=asc"))[-2:] == ["Cas", "Anna"]
    assert names(client.get(f"{base(klas)}?sort=status&dir=desc"))[-1] == "Anna"

    html = client.get(f"{base(klas)}?sort=grade&dir=desc").get_data(as_text=True)
    assert len(re.findall(r"aria-sort=", html)) == 1
    header = re.search(r'<th scope="col" aria-sort="descending">(.*?)</th>', html, re.S).group(1)
    assert "Cijfer" in header and "sort=grade&amp;dir=asc" in header  # clicking again sorts the other way
    # Unknown sort keys fall back to the name, without an error.
    assert names(client.get(f"{base(klas)}?sort=wachtwoord&dir=omhoog")) == ["Anna", "Bram", "Cas", "Daan"]


def test_filter_shows_only_who_still_needs_a_review(client, make, setup, teacher):
    _, klas, _, _ = setup
    make.student(klas, name="Anna")
    save_draft(make.student(klas, name="Bram"))
    set_review(hand_in(make.student(klas, name="Daan")), done=True)
    hand_in(make.student(klas, name="Eva"))
    response = client.get(f"{base(klas)}?filter=te-beoordelen&sort=name&dir=desc")
    assert names(response) == ["Eva", "Cas"]
    page = text_of(response)
    assert "Toon alle leerlingen" in page
    # The sort links keep the filter; the filter link keeps the sort.
    assert "filter=te-beoordelen" in re.search(r'<th scope="col"[^>]*>(.*?)</th>', response.get_data(as_text=True),
                                               re.S).group(1)
    assert "sort=name&amp;dir=desc&amp;filter=te-beoordelen" in client.get(f"{base(klas)}?sort=name&dir=desc") \
        .get_data(as_text=True)


def test_dashboard_links_the_other_teacher_pages(app, client, setup, login):
    teacher, klas, _, _ = setup
    pages = ["class_assignments.settings", "class_assignments.overview", "class_assignments.export_csv",
             "class_assignments.export_zip", "gallery.index"]
    for endpoint in pages:  # until the other areas have landed, stand-ins with the same parameters
        if endpoint not in app.view_functions:
            app.add_url_rule(f"/nep/<int:class_id>/<assignment_id>/{endpoint}", endpoint=endpoint,
                             view_func=lambda class_id, assignment_id: "")
    login(teacher)
    html = client.get(base(klas)).get_data(as_text=True)
    from flask import url_for

    with app.test_request_context():
        for endpoint in pages:
            assert f'href="{url_for(endpoint, class_id=klas.id, assignment_id=A)}"' in html, endpoint
    assert f'href="{base(klas)}/volgende"' in html  # Begin met beoordelen
    assert f'href="{base(klas)}/vrijgeven"' in html  # Alles vrijgeven


def test_dashboard_queries_do_not_grow_with_the_class(client, make, setup, teacher):
    _, klas, _, _ = setup

    def count_queries() -> int:
        statements = []

        def note(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", note)
        try:
            assert client.get(base(klas)).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        return len(statements)

    hand_in(make.student(klas, name="Bram"))
    small = count_queries()
    for name in ("Daan", "Eva", "Fleur", "Gijs"):
        attempt = hand_in(make.student(klas, name=name))
        override(attempt, CRITERION, 1, "Te weinig.", teacher)
        set_review(attempt, done=True)
    save_draft(make.student(klas, name="Hanna"))
    assert count_queries() == small


# --------------------------------------------------------------------------- the review page


def test_review_page_shows_the_map_beside_the_graders_report(client, setup, teacher):
    _, klas, _, attempt = setup
    html = client.get(attempt_url(klas, attempt)).get_data(as_text=True)
    page = unescape(html)
    assert 'class="review-layout"' in html and 'class="jm jm-full' in html
    report = Report.from_dict(attempt.report_data)
    for c in report.criteria:
        assert c.title in page and c.feedback in page
        assert f'name="level_{c.id}" type="radio" value="{c.level}"' in html.replace("checked ", "")
        # The grader's level is the one chosen until the teacher changes it.
        assert re.search(rf'<input checked id="level_{c.id}-{c.level}"', html)
    for word in ("ontbreekt", "onvoldoende", "voldoende", "goed"):
        assert word in page
    assert "Beoordeling klaar" in page and "Eindcijfer" in page


def test_review_page_names_the_phases_the_grader_doubts(client, make, setup, teacher):
    _, klas, student, attempt = setup
    page = plain(client.get(attempt_url(klas, attempt)))
    assert not any(p.other for p in Report.from_dict(attempt.report_data).phases)
    assert "twijfelt over de soort fase" not in page
    doubted = hand_in(student, CLOSE_CALL)
    report = Report.from_dict(doubted.report_data)
    assert [(p.name, p.stage, p.other) for p in report.phases if p.other] == [
        ("Uitzoeken wat er aan de hand is", "purchase", "consideration")]
    page = plain(client.get(attempt_url(klas, doubted)))
    assert ("De automatische controle twijfelt over de soort fase bij: ‘Uitzoeken wat er aan de hand is’ "
            "(aankoop of overweging). Kijk zelf of dat klopt") in page


def test_an_override_keeps_who_when_why_and_the_graders_level(client, setup, teacher):
    _, klas, _, attempt = setup
    before = grader_level(attempt)
    level = other_level(before)
    response = client.post(attempt_url(klas, attempt), data=current_form(
        attempt, **{f"level_{CRITERION}": level, f"comment_{CRITERION}": "  Vier fasen zijn er eigenlijk.  "}))
    assert response.status_code == 302 and response.location.endswith(attempt_url(klas, attempt))

    [row] = overrides_of(attempt)
    assert (row.criterion_id, row.level, row.comment, row.teacher_id) == (
        CRITERION, level, "Vier fasen zijn er eigenlijk.", teacher.id)
    assert utcnow() - row.created < timedelta(minutes=1)
    db.session.expire_all()
    assert grader_level(db.session.get(Attempt, attempt.id)) == before  # the hand-in never changes
    result = result_for(attempt)
    assert result.grader.criterion(CRITERION).level == before
    assert result.final.criterion(CRITERION).level == level
    expected = result.grader.with_levels({CRITERION: level}).grade
    assert result.final.grade == expected != result.grader.grade

    page = text_of(client.get(attempt_url(klas, attempt)))
    assert re.search(r"Eindcijfer:\s*" + re.escape(f"{expected:.1f}".replace(".", ",")), re.sub(r"<[^>]+>", "", page))
    assert f"De automatische controle gaf {result.grader.grade:.1f}".replace(".", ",") in page
    assert re.search(
        rf"Mevrouw De Boer zette dit op {level} op \d\d-\d\d \d\d:\d\d: Vier fasen zijn er eigenlijk\.", page)
    # The grader's level and feedback stay visible next to the teacher's choice.
    assert f"Niveau {before} van 3" in page


def test_a_different_level_needs_a_comment_and_typed_work_is_kept(client, setup, teacher):
    _, klas, _, attempt = setup
    level = other_level(grader_level(attempt))
    data = current_form(attempt, done="y", comment="Mijn opmerking over alles.",
                        comment_persona="Sanne is goed uitgewerkt.", **{f"level_{CRITERION}": level})
    response = client.post(attempt_url(klas, attempt), data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    block = unescape(field_block(html, f"comment_{CRITERION}"))
    assert "Je geeft een ander niveau dan de automatische controle. Schrijf erbij waarom." in block
    assert f'aria-describedby="comment_{CRITERION}-hint comment_{CRITERION}-error"' in html
    assert "Er is iets niet goed ingevuld." in unescape(html)
    assert f'<li><a href="#comment_{CRITERION}">' in html  # the summary at the top links to the field
    # Everything typed is still there.
    assert re.search(rf'<input checked id="level_{CRITERION}-{level}"', html)
    assert "Mijn opmerking over alles." in unescape(field_block(html, "comment"))
    assert "Sanne is goed uitgewerkt." in unescape(field_block(html, "comment_persona"))
    assert 'checked id="done"' in html
    # The grade with the chosen levels is shown, and nothing was stored.
    preview = result_for(attempt).grader.with_levels({CRITERION: level}).grade
    assert f"wordt het cijfer {preview:.1f}".replace(".", ",") in unescape(html)
    assert overrides_of(attempt) == []
    review = review_of(attempt)
    assert review is None or (review.comment == "" and not review.is_done)


def test_an_invalid_level_is_refused_in_dutch(client, setup, teacher):
    _, klas, _, attempt = setup
    for bad in ("7", "drie"):
        response = client.post(attempt_url(klas, attempt), data=current_form(attempt, **{f"level_{CRITERION}": bad}))
        assert response.status_code == 200
        assert "Kies een niveau." in text_of(response)
    data = current_form(attempt)
    del data[f"level_{CRITERION}"]
    assert "Kies een niveau." in text_of(client.post(attempt_url(klas, attempt), data=data))
    assert overrides_of(attempt) == []


def test_no_override_row_when_nothing_changed(client, setup, teacher):
    _, klas, _, attempt = setup
    response = client.post(attempt_url(klas, attempt), data=current_form(attempt))
    assert response.status_code == 302
    assert overrides_of(attempt) == []
    assert "Er was niets veranderd." in text_of(client.get(response.location))

    # A comment without another level is stored (with the grader's level) ...
    client.post(attempt_url(klas, attempt), data=current_form(attempt, comment_persona="Mooie persona!"))
    [row] = overrides_of(attempt)
    assert (row.criterion_id, row.level, row.comment) == ("persona", grader_level(attempt, "persona"), "Mooie persona!")
    # ... once: saving the same again, or only other criteria, adds nothing for it.
    client.post(attempt_url(klas, attempt), data=current_form(attempt))
    level = other_level(grader_level(attempt))
    client.post(attempt_url(klas, attempt), data=current_form(
        attempt, **{f"level_{CRITERION}": level, f"comment_{CRITERION}": "Meer fasen nodig."}))
    assert [(o.criterion_id, o.comment) for o in overrides_of(attempt)] == [
        ("persona", "Mooie persona!"), (CRITERION, "Meer fasen nodig.")]
    # Changing only the comment of an override adds a row: the history keeps both.
    client.post(attempt_url(klas, attempt), data=current_form(attempt, **{f"comment_{CRITERION}": "Vijf fasen."}))
    comments = [o.comment for o in overrides_of(attempt) if o.criterion_id == CRITERION]
    assert comments == ["Meer fasen nodig.", "Vijf fasen."]
    page = text_of(client.get(attempt_url(klas, attempt)))
    assert "Meer fasen nodig." in page and "Vijf fasen." in page


def test_back_to_the_graders_level_needs_no_comment(client, setup, teacher):
    _, klas, _, attempt = setup
    before = grader_level(attempt)
    override(attempt, CRITERION, other_level(before), "Eerst anders gezien.", teacher)
    db.session.commit()
    response = client.post(attempt_url(klas, attempt), data=current_form(
        attempt, **{f"level_{CRITERION}": before, f"comment_{CRITERION}": ""}))
    assert response.status_code == 302
    assert overrides_of(attempt)[-1].level == before
    assert result_for(attempt).final.grade == result_for(attempt).grader.grade


def test_overall_comment_and_done(client, setup, teacher):
    _, klas, _, attempt = setup
    client.post(attempt_url(klas, attempt), data=current_form(attempt, comment="Goed gewerkt, Cas.", done="y"))
    review = review_of(attempt)
    assert review.comment == "Goed gewerkt, Cas." and review.is_done and review.done_by == teacher.id
    assert dashboard_rows(client.get(base(klas)).get_data(as_text=True))[0][1] == "beoordeeld"
    client.post(attempt_url(klas, attempt), data=current_form(attempt, done=False))
    assert not review_of(attempt).is_done


def test_save_and_next_goes_through_the_queue(client, make, setup, teacher):
    _, klas, _, attempt = setup
    other = hand_in(make.student(klas, name="Bram"))
    response = client.post(attempt_url(klas, attempt), data=current_form(attempt, action="next", done="y"))
    assert response.location.endswith(f"{base(klas)}/volgende?na={attempt.id}")
    assert client.get(response.location).location.endswith(attempt_url(klas, other))


def test_warning_when_another_teacher_opened_it_recently(client, make, setup, login):
    teacher, klas, _, attempt = setup
    login(teacher)
    assert "Let op" not in text_of(client.get(attempt_url(klas, attempt)))
    review = review_of(attempt)
    assert review.opened_by == teacher.id and utcnow() - review.opened < timedelta(minutes=1)

    admin = make.user(Role.ADMIN, name="Meneer Bakker")
    login(admin)
    page = text_of(client.get(attempt_url(klas, attempt)))
    assert "Let op: Mevrouw De Boer heeft deze beoordeling in de laatste 10 minuten ook geopend." in page
    assert review_of(attempt).opened_by == admin.id

    login(teacher)
    assert "Let op: Meneer Bakker heeft" in text_of(client.get(attempt_url(klas, attempt)))
    review = review_of(attempt)
    review.opened_by, review.opened_at = admin.id, utcnow() - timedelta(minutes=11)
    db.session.commit()
    assert "Let op" not in text_of(client.get(attempt_url(klas, attempt)))


def test_an_older_attempt_links_to_the_newest(client, setup, teacher):
    _, klas, student, first = setup
    second = hand_in(student, SHORT_JOURNEY)
    html = client.get(attempt_url(klas, first)).get_data(as_text=True)
    assert "Dit is een oudere poging." in unescape(html)
    assert f'href="{attempt_url(klas, second)}">Naar de nieuwste poging (poging 2)' in html
    assert "Dit is een oudere poging." not in text_of(client.get(attempt_url(klas, second)))


def test_user_text_is_escaped(client, setup, teacher):
    _, klas, _, attempt = setup
    level = other_level(grader_level(attempt))
    client.post(attempt_url(klas, attempt), data=current_form(
        attempt, comment="<script>alert(1)</script>",
        **{f"level_{CRITERION}": level, f"comment_{CRITERION}": "<b>vet</b>"}))
    html = client.get(attempt_url(klas, attempt)).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>vet</b>" not in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


# --------------------------------------------------------------------------- the queue


def test_queue_order_is_a_stable_shuffle_not_alphabetical(client, make, setup, login):
    teacher, klas, _cas, cas_attempt = setup
    attempts = {"Cas": cas_attempt}
    for name in ("Anna", "Bram", "Daan", "Eva", "Fleur"):
        attempts[name] = hand_in(make.student(klas, name=name))
    expected = sorted(attempts, key=lambda n: queue_key(klas.id, A, attempts[n].user_id))
    assert expected != sorted(attempts), "this class happens to shuffle into alphabetical order"

    def walk() -> list[str]:
        seen, after = [], None
        by_id = {a.id: n for n, a in attempts.items()}
        for _ in attempts:
            url = f"{base(klas)}/volgende" + (f"?na={after}" if after else "")
            location = client.get(url).location
            after = int(location.rsplit("/", 1)[1])
            seen.append(by_id[after])
        return seen

    login(teacher)
    assert walk() == expected
    assert walk() == expected  # every visit the same
    login(make.user(Role.ADMIN))
    assert walk() == expected  # and for every teacher
    # Wrapping round: after the last comes the first.
    last, first = attempts[expected[-1]], attempts[expected[0]]
    assert client.get(f"{base(klas)}/volgende?na={last.id}").location.endswith(attempt_url(klas, first))
    # The review page links the previous one in the same order.
    html = client.get(attempt_url(klas, attempts[expected[1]])).get_data(as_text=True)
    assert f'href="{attempt_url(klas, first)}">&larr; Vorige' in html
    assert f"Inlevering 2 van {len(attempts)}" in unescape(html)


def test_queue_skips_done_reviews_and_says_when_all_are_done(client, make, setup, teacher):
    _, klas, _cas, cas_attempt = setup
    attempts = {"Cas": cas_attempt}
    for name in ("Anna", "Bram", "Daan"):
        attempts[name] = hand_in(make.student(klas, name=name))
    order = sorted(attempts.values(), key=lambda a: queue_key(klas.id, A, a.user_id))
    set_review(order[1], done=True)
    set_review(order[2], done=True, released=True)
    assert client.get(f"{base(klas)}/volgende?na={order[0].id}").location.endswith(attempt_url(klas, order[3]))
    assert client.get(f"{base(klas)}/volgende?na={order[3].id}").location.endswith(attempt_url(klas, order[0]))
    # Only the current one left: back to it, with a message.
    set_review(order[3], done=True)
    response = client.get(f"{base(klas)}/volgende?na={order[0].id}")
    assert response.location.endswith(attempt_url(klas, order[0]))
    assert "Alle andere beoordelingen zijn klaar." in text_of(client.get(response.location))
    set_review(order[0], done=True)
    response = client.get(f"{base(klas)}/volgende?na={order[0].id}")
    assert response.location.endswith(base(klas))
    assert "Alle beoordelingen zijn klaar." in text_of(client.get(response.location))
    # A nonsense `na` starts at the beginning; an empty class goes back with a message.
    assert client.get(f"{base(klas)}/volgende?na=abc").location.endswith(base(klas))
    empty = make.school_class(teacher)
    response = client.get(f"{base(empty)}/volgende")
    assert response.location.endswith(base(empty))
    assert "Er is nog niets ingeleverd" in text_of(client.get(response.location))


def test_queue_uses_the_latest_attempt(client, setup, teacher):
    _, klas, student, first = setup
    second = hand_in(student, SHORT_JOURNEY)
    assert client.get(f"{base(klas)}/volgende").location.endswith(attempt_url(klas, second))
    set_review(second, done=True)
    assert client.get(f"{base(klas)}/volgende?na={first.id}").location.endswith(base(klas))


# --------------------------------------------------------------------------- release


def test_release_one_needs_a_done_review(client, setup, teacher):
    _, klas, _, attempt = setup
    response = client.post(f"{attempt_url(klas, attempt)}/vrijgeven")
    assert response.location.endswith(attempt_url(klas, attempt))
    assert "Zet de beoordeling eerst op klaar." in text_of(client.get(response.location))
    review = review_of(attempt)
    assert review is None or review.released_at is None

    client.post(attempt_url(klas, attempt), data=current_form(attempt, done="y"))
    client.post(f"{attempt_url(klas, attempt)}/vrijgeven")
    review = review_of(attempt)
    assert review.is_released
    released_at = review.released_at
    client.post(f"{attempt_url(klas, attempt)}/vrijgeven")
    assert review_of(attempt).released_at == released_at  # releasing twice changes nothing


def test_a_released_review_can_still_change_with_a_notice(client, setup, teacher):
    _, klas, _, attempt = setup
    set_review(attempt, done=True, released=True)
    page = text_of(client.get(attempt_url(klas, attempt)))
    assert "Cas ziet hem al. Als je nu nog iets verandert, ziet Cas dat meteen." in page
    assert 'id="done"' not in client.get(attempt_url(klas, attempt)).get_data(as_text=True)
    level = other_level(grader_level(attempt))
    response = client.post(attempt_url(klas, attempt), data=current_form(
        attempt, done=False, **{f"level_{CRITERION}": level, f"comment_{CRITERION}": "Toch beter."}))
    assert "ziet de nieuwe beoordeling meteen" in text_of(client.get(response.location))
    review = review_of(attempt)
    assert review.is_done and review.is_released  # a released review stays done
    assert result_for(attempt).final.criterion(CRITERION).level == level


def test_release_all_releases_only_done_reviews(client, make, setup, teacher):
    _, klas, _cas, cas_attempt = setup  # Cas: handed in, no review
    daan = hand_in(make.student(klas, name="Daan"))
    set_review(daan, done=True)
    eva = hand_in(make.student(klas, name="Eva"))
    set_review(eva, done=False, comment="Half af.")
    fleur = hand_in(make.student(klas, name="Fleur"))
    set_review(fleur, done=True, released=True)
    fleur_released = review_of(fleur).released_at

    page = text_of(client.get(f"{base(klas)}/vrijgeven"))
    assert "Daan" in page and "Eva" not in page and "Cas" not in page and "Fleur" not in page
    assert "Ja, geef 1 beoordeling vrij" in page
    assert review_of(daan).released_at is None  # GET only asks

    response = client.post(f"{base(klas)}/vrijgeven")
    assert response.location.endswith(base(klas))
    assert "1 beoordeling is vrijgegeven." in text_of(client.get(response.location))
    assert review_of(daan).is_released
    assert not review_of(eva).is_released
    assert review_of(cas_attempt) is None
    assert review_of(fleur).released_at == fleur_released
    assert "Er was geen beoordeling om vrij te geven." in text_of(
        client.get(client.post(f"{base(klas)}/vrijgeven").location))


# --------------------------------------------------------------------------- the class page


def test_class_page_lists_the_assignments_with_counts(client, make, setup, teacher):
    _, klas, cas, _cas_attempt = setup
    hand_in(cas, SHORT_JOURNEY)  # a second attempt counts once
    set_review(hand_in(make.student(klas, name="Daan")), done=True)
    make.student(klas, name="Eva")
    html = client.get(f"/klassen/{klas.id}").get_data(as_text=True)
    page = unescape(html)
    assert "Opdrachten" in page
    for assignment in load_assignments().values():
        assert assignment.title in page
        assert f'href="{base(klas, assignment.id)}"' in html
    [row] = [unescape(chunk) for chunk in html.split("<tr>") if f'href="{base(klas)}"' in chunk]
    assert re.search(r"Ingeleverd[^>]*>2 van 3<", row) and re.search(r"Beoordeeld[^>]*>1 van 2<", row)


# --------------------------------------------------------------------------- the journey stays in view


def test_review_page_keeps_the_journey_next_to_the_criteria(client, setup, teacher):
    _teacher, klas, _student, attempt = setup
    html = client.get(f"{base(klas)}/{attempt.id}").get_data(as_text=True)
    # Narrow screens: a switch (plain links, no JavaScript) between the journey and the assessment.
    switch = re.search(r'<nav class="review-switch"[^>]*>(.*?)</nav>', html, re.S)
    assert switch and re.findall(r'href="#(\w+)"', switch.group(1)) == ["klantreis", "beoordeling"]
    assert '<section class="review-map" id="klantreis"' in html
    assert '<section class="review-side" id="beoordeling"' in html
    assert html.index('id="klantreis"') < html.index('class="jm jm-full') < html.index('id="beoordeling"')
    css = client.get("/static/css/site.css").get_data(as_text=True)
    wide = css[css.index("@media (min-width: 64rem)", css.index(".review-switch")):]
    assert re.search(r"\.review-map \{ position: sticky; top: [^;]+; max-height: calc\(100vh", wide)
    assert ".review-switch { display: none; }" in wide
    assert ".review-layout:has(#klantreis:target) .review-side" in css
