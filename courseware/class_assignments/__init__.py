from flask import Blueprint

bp = Blueprint("class_assignments", __name__)

from . import group_routes, routes  # noqa: E402,F401
