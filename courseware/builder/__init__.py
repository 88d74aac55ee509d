from flask import Blueprint

bp = Blueprint("builder", __name__)

from . import routes  # noqa: E402,F401
