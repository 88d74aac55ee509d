from flask import Blueprint

bp = Blueprint("class_assignments", __name__)

from . import routes  # noqa: E402,F401
