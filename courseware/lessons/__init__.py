from flask import Blueprint

bp = Blueprint("lessons", __name__)

from . import routes  # noqa: E402,F401
