"""Security headers on every response, and no inline script or style anywhere, so the strict
Content-Security-Policy cannot break a page. Also: production cookies, the SECRET_KEY check, and
the size limits on uploads and posted forms (the Dutch 413 page, JSON for the autosave)."""
from __future__ import annotations

import io
import re

import pytest

from courseware import create_app
from courseware.config import DEV_SECRET_KEY
from courseware.security import CONTENT_SECURITY_POLICY

from .world import ROLES, rules_with, url_of

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
INLINE = {
    "inline <script> block": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
}
IN_TAG = {
    "on*= event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.I),
}


def inline_problems(html: str) -> list[str]:
    problems = [f"{what}: {m.group(0)[:80]}" for what, rx in INLINE.items() for m in rx.finditer(html)]
    for tag in TAG.findall(html):
        problems += [f"{what}: {tag[:100]}" for what, rx in IN_TAG.items() if rx.search(tag)]
    return problems


def check_headers(response, where: str) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CSP, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert "camera=()" in headers.get("Permissions-Policy", ""), where


def test_the_policy_is_the_agreed_one():
    assert CONTENT_SECURITY_POLICY == CSP


def test_every_page_for_every_role_has_the_headers_and_no_inline_script_or_style(app, client, world, as_role):
    problems: list[str] = []
    pages = 0
    for rule in rules_with(app, "GET"):
        url = url_of(app, world, rule)
        for role in ROLES:
            as_role(role)
            response = client.get(url)
            check_headers(response, f"{url} as {role}")
            if response.mimetype == "text/html":
                pages += 1
                problems += [f"{rule.endpoint} as {role}: {p}" for p in inline_problems(response.text)]
    assert pages > 100
    assert not problems, "\n".join(sorted(set(problems)))


def test_error_pages_redirects_json_and_static_files_have_the_headers(app, client, world, as_role):
    as_role("student")
    for url in ("/bestaat-niet", "/klassen", "/static/css/site.css", "/static/js/builder.js"):
        response = client.get(url)
        check_headers(response, url)
        if response.mimetype == "text/html":
            assert not inline_problems(response.text), url
    autosave = client.post("/opdrachten/open-dag/bouwen/persona/opslaan", data={"name": "Sanne"})
    assert autosave.mimetype == "application/json"
    check_headers(autosave, "autosave")
    as_role("anonymous")
    check_headers(client.get("/wachtwoord"), "redirect to login")


def test_pages_shown_after_a_post_have_no_inline_script_or_style(app, client, world, as_role):
    as_role("anonymous")
    failed = client.post("/inloggen", data={"username": "x", "password": "y"})
    register = client.post("/registreren", data={"username": "x"})
    as_role("teacher")
    new_password = client.post(f"/klassen/{world.klas.id}/leerlingen/{world.student.id}/wachtwoord/maken")
    for response in (failed, register, new_password):
        check_headers(response, response.request.path)
        assert not inline_problems(response.text), response.request.path


def test_the_session_expired_page_has_no_inline_script_or_style(csrf_app, client, world, as_role):
    as_role("teacher")
    response = client.post(f"/klassen/{world.klas.id}/klascode")
    assert response.status_code == 400
    check_headers(response, "session expired")
    assert not inline_problems(response.text)


def test_the_scanner_finds_what_it_looks_for():
    for html in ("<script>alert(1)</script>", '<a href="#" onclick="x()">', '<span style="width: 3%">',
                 "<style>p{}</style>", '<a href="javascript:alert(1)">', "<svg><rect style='fill:red'/></svg>"):
        assert inline_problems(html), html
    assert not inline_problems('<script src="/static/js/builder.js" defer></script><p>onderdeel=3 style=x</p>')


# --------------------------------------------------------------------------- cookies and the secret key


def production_app(tmp_path, **config):
    settings = {"SECRET_KEY": "een-echt-geheim", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"}
    settings.update(config)
    return create_app(settings)


def test_production_cookies_are_secure_httponly_and_lax(tmp_path, app):
    prod = production_app(tmp_path)
    assert not prod.testing and not prod.debug
    for prefix in ("SESSION", "REMEMBER"):
        assert prod.config[f"{prefix}_COOKIE_SECURE"] is True
        assert prod.config[f"{prefix}_COOKIE_HTTPONLY"] is True
        assert prod.config[f"{prefix}_COOKIE_SAMESITE"] == "Lax"
    assert prod.config["RATELIMIT_ENABLED"] is True
    with prod.test_request_context():
        from flask import session
        session["x"] = 1
        response = prod.response_class()
        prod.session_interface.save_session(prod, session, response)
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_not_secure_when_testing(app):
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False


def test_insecure_cookies_for_local_http(app):
    import subprocess
    import sys
    code = "from courseware.config import Config; print(Config.SESSION_COOKIE_SECURE, Config.REMEMBER_COOKIE_SECURE)"
    local = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"INSECURE_COOKIES": "1", "PATH": ""})
    assert local.stdout.split() == ["False", "False"]
    default = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""})
    assert default.stdout.split() == ["True", "True"]


def test_the_development_secret_key_is_refused_in_production(tmp_path, app):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        production_app(tmp_path, SECRET_KEY=DEV_SECRET_KEY)
    assert production_app(tmp_path, SECRET_KEY=DEV_SECRET_KEY, DEBUG=True).debug
    assert production_app(tmp_path, SECRET_KEY=DEV_SECRET_KEY, TESTING=True).testing


# --------------------------------------------------------------------------- size limits


def test_a_too_large_upload_gets_the_dutch_413_page(app, client, world, as_role):
    as_role("student")
    big = io.BytesIO(b"{" + b" " * (app.config["MAX_CONTENT_LENGTH"] + 10) + b"}")
    response = client.post("/opdrachten/open-dag/uploaden", data={"file": (big, "reis.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Dat is te groot" in response.text and "hoogstens 1 MB" in response.text
    assert '<html lang="nl">' in response.text
    check_headers(response, "413")
    assert not inline_problems(response.text)


def test_a_too_large_form_post_gets_the_dutch_413_page(app, client, world, as_role):
    as_role("teacher")
    response = client.post(f"/klassen/{world.klas.id}/opdrachten/open-dag/instellingen",
                           data={"deadline_date": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413
    assert "Dat is te groot" in response.text


def test_a_too_large_autosave_gets_a_json_error(app, client, world, as_role):
    as_role("student")
    response = client.post("/opdrachten/open-dag/bouwen/persona/opslaan",
                           data={"name": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False and "te groot" in body["message"]
