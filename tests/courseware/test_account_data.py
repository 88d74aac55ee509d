"""AVG: a student downloads all their own data at /mijn-gegevens (JSON): account, lesson progress,
drafts, kept changes, attempts with reports, released teacher reviews only, and tops en tips
written and (released) received. Nothing of other people."""
from __future__ import annotations

import json

import pytest

from courseware.extensions import db
from courseware.models import OwnAssignment, Role

from .journeys import peer, peer_round, seed_student


@pytest.fixture
def world(make):
    teacher = make.user(Role.TEACHER, name="Meester Jansen")
    klas = make.school_class(teacher, name="MBO-1A")
    sanne, s1, s2 = seed_student(make, klas, "Sanne Visser", "SANNE")
    milan, m1, _m2 = seed_student(make, klas, "Milan de Vries", "MILAN")
    released = peer_round(klas, released=True)
    peer(released, sanne, m1, "SANNE schreef deze top", "SANNE schreef deze tip")
    peer(released, milan, s1, "MILAN gaf deze top", "MILAN gaf deze tip")
    peer(released, milan, s2, "VERBORGEN top", "VERBORGEN tip", hidden=True)
    unreleased = peer_round(klas, released=False)
    peer(unreleased, milan, s2, "NOG NIET vrijgegeven top", "NOG NIET vrijgegeven tip")
    return {"teacher": teacher, "klas": klas, "sanne": sanne, "milan": milan, "s1": s1, "s2": s2}


def download(client, login, user):
    login(user)
    response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json(), response.get_data(as_text=True)


def test_a_student_downloads_all_their_data(client, world, login):
    data, raw = download(client, login, world["sanne"])
    assert data["formaat"] == "klantreislab-gegevens/1"
    account = data["account"]
    assert account["weergavenaam"] == "Sanne Visser" and account["gebruikersnaam"] == world["sanne"].username
    assert account["klas"] == "MBO-1A" and account["aangemaakt_op"]
    assert "password" not in raw and "pbkdf2" not in raw and "wachtwoord" not in json.dumps(account)
    assert data["lessen"][0]["les"] == "wat-is-een-klantreis" and data["lessen"][0]["beste_score"] == 3
    assert len(data["concepten"]) == 1 and data["concepten"][0]["klantreis"]["title"] == "SANNE twee"
    kept = {item["stap"]: item for item in data["niet_bewaarde_wijzigingen"]}
    assert set(kept) == {"trigger", "persona"}
    assert kept["persona"]["velden"] == [["name", "SANNE: conflict"]]

    first, second = data["pogingen"]
    assert (first["nummer"], second["nummer"]) == (1, 2)
    assert first["klantreis"]["trigger"].startswith("SANNE") and first["rapport"]["criteria"]
    assert first["cijfer_grader"] == world["s1"].grade and first["rubric"]["criteria"]
    teacher = first["beoordeling_docent"]
    assert teacher["opmerking"] == "SANNE: vrijgegeven opmerking" and teacher["opnieuw_beoordeeld"] is True
    assert any(level["opmerking_docent"] == "SANNE: goed gedaan" for level in teacher["niveaus"])
    assert second["beoordeling_docent"] is None  # not released yet
    assert "GEHEIM" not in raw

    tops = data["tops_en_tips"]
    assert [(t["top"], t["tip"]) for t in tops["geschreven"]] == [("SANNE schreef deze top", "SANNE schreef deze tip")]
    assert [(t["top"], t["tip"]) for t in tops["ontvangen"]] == [("MILAN gaf deze top", "MILAN gaf deze tip")]
    assert "VERBORGEN" not in raw and "NOG NIET" not in raw


def test_the_download_holds_nothing_of_other_people(client, world, login):
    _data, raw = download(client, login, world["sanne"])
    assert "MILAN" not in raw.replace("MILAN gaf deze", "")  # only the tops and tips Sanne received
    assert "Milan" not in raw and world["milan"].username not in raw
    assert "Meester Jansen" not in raw and world["teacher"].username not in raw


def test_each_student_gets_only_their_own_data(client, world, login):
    data, raw = download(client, login, world["milan"])
    assert data["account"]["weergavenaam"] == "Milan de Vries"
    assert "SANNE: vrijgegeven" not in raw and "Sanne Visser" not in raw
    assert [t["top"] for t in data["tops_en_tips"]["geschreven"]] == [
        "MILAN gaf deze top", "VERBORGEN top", "NOG NIET vrijgegeven top"]  # what they wrote themselves
    assert [t["top"] for t in data["tops_en_tips"]["ontvangen"]] == ["SANNE schreef deze top"]


def test_a_new_student_gets_an_almost_empty_download(client, login, make):
    student = make.student()
    data, _raw = download(client, login, student)
    assert data["pogingen"] == [] and data["concepten"] == [] and data["lessen"] == []
    assert data["tops_en_tips"] == {"geschreven": [], "ontvangen": []}


def test_staff_get_their_own_account_only(client, world, login):
    data, raw = download(client, login, world["teacher"])
    assert data["account"]["weergavenaam"] == "Meester Jansen" and data["pogingen"] == []
    assert "SANNE" not in raw


def test_a_teacher_gets_their_classes_and_own_assignments(client, world, login, make):
    other = make.user(Role.TEACHER)
    make.school_class(other, name="MBO-2B")
    db.session.add(OwnAssignment(slug="open-dag", owner_id=world["teacher"].id, toml='id = "open-dag"\n'))
    db.session.add(OwnAssignment(slug="kapper", owner_id=other.id, toml='id = "kapper"\n'))
    db.session.commit()
    data, raw = download(client, login, world["teacher"])
    assert [row["klas"] for row in data["klassen_als_docent"]] == ["MBO-1A"]
    own = [(row["opdracht"], row["bestand"]) for row in data["eigen_opdrachten"]]
    assert own == [("open-dag", 'id = "open-dag"\n')]
    assert "MBO-2B" not in raw and "kapper" not in raw


def test_a_student_has_no_teacher_parts(client, world, login):
    data, _raw = download(client, login, world["sanne"])
    assert data["klassen_als_docent"] == [] and data["eigen_opdrachten"] == []


def test_the_student_start_page_links_to_the_download(client, login, make):
    login(make.student())
    page = client.get("/").get_data(as_text=True)
    assert 'href="/mijn-gegevens"' in page and "Download al mijn gegevens" in page
