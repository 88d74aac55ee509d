"""The assignments' pages: an overview with the student's status, and one page per assignment.
The blueprint is called "assignments" (its endpoints are assignments.*); the package has another
name so that it is never confused with the top-level `assignments` package that loads them."""
from flask import Blueprint

bp = Blueprint("assignments", __name__)

from . import routes  # noqa: E402,F401
