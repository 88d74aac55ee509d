"""Settings, read from the environment. Tests pass their own mapping to create_app."""
from __future__ import annotations

import os
from typing import ClassVar

DEV_SECRET_KEY = "dev-only-not-secret"


def database_url(url: str | None) -> str | None:
    """The SQLAlchemy URL for `url`, with PostgreSQL always on the psycopg (3) driver.

    Hosting platforms hand out `postgres://...` (which SQLAlchemy no longer accepts) or
    `postgresql://...` (which SQLAlchemy maps to psycopg2, not installed): both become
    `postgresql+psycopg://...`. Other URLs (SQLite, or an explicit driver) are left alone.
    """
    if not url:
        return None
    url = url.strip()
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def is_postgresql(url: str | None) -> bool:
    return bool(url) and url.startswith("postgresql")


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    # DATABASE_URL selects PostgreSQL (postgresql+psycopg://user:password@host/db; postgres:// and
    # postgresql:// are normalised to that); SQLite in the instance folder otherwise.
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    # Uploaded journeys and posted forms: the grader refuses journeys over 1 MB anyway.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Cookies only over https; courseware.security turns this off in debug and testing, and
    # INSECURE_COOKIES=1 turns it off for a local http server that is not in debug mode.
    SESSION_COOKIE_SECURE = os.environ.get("INSECURE_COOKIES") != "1"
    REMEMBER_COOKIE_SECURE = os.environ.get("INSECURE_COOKIES") != "1"
    # Login throttle (Flask-Limiter): failed logins per address and per username. Shared between
    # workers in Redis when REDIS_URL is set (flask-limiter[redis] in pyproject), in memory otherwise.
    # RATELIMIT_ENABLED is left to courseware.security: on, except when testing.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_KEY_PREFIX = "klantreislab"
    RATELIMIT_SWALLOW_ERRORS = True  # Redis down: logins still work (unthrottled), logged as errors
    LOGIN_LIMIT_PER_ADDRESS = "10 per minute"  # per browser address (see security.client_address)
    RATELIMIT_TRUSTED_PROXIES = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    LOGIN_LIMIT_PER_USERNAME = "5 per minute"
    # Registrations with a wrong join code, per address (docs/security.md): a class of 30 behind one
    # school address can each mistype the code once in 10 minutes; guessing one of 31^6 codes cannot.
    REGISTER_LIMIT_PER_ADDRESS = "30 per 10 minutes"
    PASSWORD_HASH_METHOD = "scrypt"
    WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session: no lost work after a long lesson
