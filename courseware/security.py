"""Security headers on every response, the login throttle (Flask-Limiter), and 413 as JSON for
the builder's autosave.

The Content-Security-Policy allows nothing inline: no <script> blocks, no on*= handlers, no
style="..." attributes and no <style> blocks. Scripts and styles come from /static only
(tests/courseware/test_security_headers.py renders every page and checks that).
"""
from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_limiter import Limiter, RequestLimit
from werkzeug.exceptions import RequestEntityTooLarge

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

TOO_MANY_TRIES = "Te veel pogingen. Wacht een minuut en probeer het opnieuw."


def _too_many(request_limit: RequestLimit) -> Response:
    """The site's own 429 page (Dutch), whichever limit was hit."""
    response = Response(render_template("errors/429.html", message=TOO_MANY_TRIES), status=429)
    response.headers["Retry-After"] = "60"
    return response


def client_address() -> str:
    """The browser's address. Behind the reverse proxy on this machine (gunicorn listens on
    127.0.0.1) every request comes from the proxy: then the address the proxy appended last to
    X-Forwarded-For counts, so one school's failed logins do not lock out every other school.
    Trusted proxies: FORWARDED_ALLOW_IPS, as for gunicorn ("*": any)."""
    remote = request.remote_addr or ""
    trusted = {ip.strip() for ip in current_app.config["RATELIMIT_TRUSTED_PROXIES"].split(",")}
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and ("*" in trusted or remote in trusted):
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:64]
    return remote


# Limits are only set on the views that need them (auth.login); nothing is limited by default.
# Storage: Redis when REDIS_URL is set (RATELIMIT_STORAGE_URI in Config), memory otherwise.
limiter = Limiter(key_func=client_address, on_breach=_too_many)


def login_username_key() -> str:
    """The account a login post is for (lowercased), so failed tries count per account."""
    return "login-user:" + (request.form.get("username") or "").strip().lower()[:80]


def _set_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


# Posts answered with JSON (fetch from the static JS): their errors are JSON as well.
JSON_ENDPOINTS = {"builder.autosave"}


def _too_large(error: RequestEntityTooLarge):
    """413: the Dutch page, or JSON with the same message for the builder's autosave."""
    if request.endpoint in JSON_ENDPOINTS or request.accept_mimetypes.best == "application/json":
        response = jsonify({"ok": False, "too_large": True,
                            "message": "Dat is te groot. Een klantreis mag hoogstens 1 MB zijn."})
        response.status_code = 413
        return response
    return render_template("errors/error.html", error=error), 413


def init_app(app: Flask) -> None:
    if app.debug or app.testing:  # local http: a Secure cookie would never come back
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config["REMEMBER_COOKIE_SECURE"] = False
    # Always set explicitly: the Limiter object is shared and would keep the last app's value.
    app.config.setdefault("RATELIMIT_ENABLED", not app.testing)
    limiter.init_app(app)
    app.after_request(_set_headers)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
