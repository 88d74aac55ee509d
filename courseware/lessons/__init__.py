"""The lessons on the site: an overview with each student's status, a lesson page with its check.
The lessons themselves (Markdown files in this folder) are read and marked by `loader.py`."""
from flask import Blueprint

bp = Blueprint("lessons", __name__)

from . import routes  # noqa: E402,F401
