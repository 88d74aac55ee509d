"""Beheer: what only an admin may do, such as deleting all data of a student (AVG)."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes  # noqa: E402,F401
