"""Fixtures of the site tests beyond tests/conftest.py: the `world` of two classes that the
authorisation, CSRF, escaping and security-header tests share, and logging in as one of its roles."""
from __future__ import annotations

import pytest

from courseware.security import limiter

from .world import World, build_world


@pytest.fixture
def world(make) -> World:
    return build_world(make)


@pytest.fixture
def as_role(login, world):
    """as_role("teacher") logs the client in as that user of the world ("anonymous": logged out)."""

    def do(role: str):
        login(world.user(role))

    return do


@pytest.fixture
def limited(app):
    """The rate limits on, as in production, with empty counters (login, registration, stash)."""
    app.config["RATELIMIT_ENABLED"] = True
    limiter.init_app(app)
    limiter.reset()
    yield app
    limiter.reset()
