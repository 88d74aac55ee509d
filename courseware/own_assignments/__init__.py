"""Teachers' own assignments: make one (from scratch or as a copy), edit it, preview it as a
student, publish it to classes, archive it, attach a model journey, export and import it as an
assignment file. Teachers (and admins), their own assignments only."""
from flask import Blueprint

bp = Blueprint("own_assignments", __name__)

from . import routes  # noqa: E402,F401
