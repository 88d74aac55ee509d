"""The journey builder: steps, autosave, feedback, hand-in, attempts, map, download and upload."""
from flask import Blueprint

bp = Blueprint("builder", __name__)

from . import routes  # noqa: E402,F401
