"""Everything that holds for the whole site, registered by `create_app`: one `init_*` function per
concern (template globals, request hooks, error pages). Blueprints register only their own routes.
"""
from __future__ import annotations

from flask import Flask, g, render_template
from flask_babel import Domain, get_babel
from flask_wtf.csrf import CSRFError

from grader import LEVEL_NAMES, grade_words

from .builder.expired import csrf_error, restore_stashed_changes
from .builder.steps import STAGE_LABELS
from .formatting import format_deadline, format_grade, format_moment, format_number, format_when
from .lessons.loader import lesson_title
from .navigation import nav_items
from .repeated_html import item_button, light_fields


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
        light_fields=light_fields,
        item_button=item_button,
    )


class RequestDomain(Domain):
    """Flask-Babel's message domain, with the request's catalogue looked up once per request.

    Flask-Babel looks the catalogue up on every call (about 25 µs: the context, the locale, its
    name, the cache key), and a builder step translates a few hundred texts: the labels and hints of
    its forms (lazy strings), the step titles, the texts of its templates. The catalogue cannot change
    within a request (the site has one locale)."""

    def get_translations(self):
        if not g:  # outside an application context: Flask-Babel's own answer
            return super().get_translations()
        found = g.get("_translations")
        if found is None:
            found = g._translations = super().get_translations()
        return found


def init_translations(app: Flask) -> None:
    """Every translation, in Python (gettext, lazy_gettext) and in templates (`_()`), goes through
    one RequestDomain."""
    domain = RequestDomain(domain=get_babel(app).default_domain)
    get_babel(app).instance.domain_instance = domain  # what flask_babel.gettext and lazy_gettext use
    catalogue = domain.get_translations
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True,
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
