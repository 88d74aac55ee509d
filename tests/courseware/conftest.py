"""Fixtures of the site tests beyond tests/conftest.py: the `world` of two classes that the
authorisation, CSRF, escaping and security-header tests share, and logging in as one of its roles."""
from __future__ import annotations

import pytest

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
