"""The journey builder: steps, autosave, feedback, hand-in, attempts, map, download and upload.

The draft, layer by layer: `journey_data` (its shape, normalise, export, limits), `form_mapping`
(step forms <-> data), `actions` (add, remove, move, undo), `store` (the compare-and-swap write) and
`saving.save_step`, the one save use case of the step page's POST and the autosave.
"""
from flask import Blueprint

bp = Blueprint("builder", __name__)

from . import group_routes, routes  # noqa: E402,F401
