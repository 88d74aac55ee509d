"""Who may see what. Every view states its rule with one of these decorators or helpers; views
that anyone may open (login, register, the welcome page) have none."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort
from flask_login import current_user, login_required

from .models import Role

T = TypeVar("T")


def role_required(*roles: Role) -> Callable:
    """Only logged-in users with one of `roles`; others get 403 (anonymous users go to login)."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


user_required = role_required(*Role)  # any logged-in user, whatever the role
student_required = role_required(Role.STUDENT)
teacher_required = role_required(Role.TEACHER, Role.ADMIN)
admin_required = role_required(Role.ADMIN)


def found(thing: T | None) -> T:
    """`thing`, or 404 when there is no such thing (an unknown assignment, lesson or step)."""
    if thing is None:
        abort(404)
    return thing


def require(condition: bool) -> None:
    """403 unless `condition` holds: for checks on a loaded object (own class, own draft)."""
    if not condition:
        abort(403)
