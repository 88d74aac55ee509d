"""Everything that holds for the whole site, registered by `create_app`: one `init_*` function per
concern (template globals, request hooks, error pages). Blueprints register only their own routes.
"""
from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from grader import LEVEL_NAMES, grade_words

from .builder.expired import csrf_error, restore_stashed_changes
from .builder.steps import STAGE_LABELS
from .formatting import format_deadline, format_grade, format_moment, format_number, format_when
from .lessons.loader import lesson_title
from .navigation import nav_items


def init_template_globals(app: Flask) -> None:
    """Helpers every template (and every macro, imported with or without context) can use."""
    app.jinja_env.globals.update(
        nav_items=nav_items,
        level_names=LEVEL_NAMES,
        stage_labels=STAGE_LABELS,
        lesson_title=lesson_title,
        format_grade=format_grade,
        grade_words=grade_words,
        format_number=format_number,
        format_deadline=format_deadline,
        format_moment=format_moment,
        format_when=format_when,
    )


def init_request_hooks(app: Flask) -> None:
    # Builder changes stashed while the session had expired come back after the next login.
    app.before_request(restore_stashed_changes)


def init_error_pages(app: Flask) -> None:
    for code in (403, 404, 413):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, csrf_error)


def _error_page(error):
    return render_template("errors/error.html", error=error), error.code
