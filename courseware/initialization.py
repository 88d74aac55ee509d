"""Everything that holds for the whole site, registered by `create_app`: one `init_*` function per
concern (template globals, request hooks, error pages). Blueprints register only their own routes.
"""
from __future__ import annotations

from flask import Flask, g, render_template
from flask_babel import Domain, get_babel
from flask_wtf.csrf import CSRFError
from jinja2 import pass_eval_context
from markupsafe import Markup

from grader import LEVEL_NAMES, grade_words

from .builder.expired import csrf_error, restore_stashed_changes
from .builder.steps import STAGE_LABELS
from .formatting import format_deadline, format_grade, format_moment, format_number, format_when
from .hyphenation import breakable
from .lessons.loader import lesson_title
from .navigation import nav_items
from .repeated_html import item_button, light_fields


def init_template_globals(app: Flask) -> None:
    """Helpers every template (and every macro, imported with or without context) can use."""
    app.jinja_env.globals.update(
        nav_items=nav_items,
        breakable=breakable,
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
    """Every translation, in Python (gettext, lazy_gettext) and in templates (`_()`, `ngettext()`),
    goes through one RequestDomain.

    The templates' callables behave as Jinja's "newstyle" gettext (the text is always a format string,
    its variables escaped when autoescaping is on), but a template calls them directly: Jinja's own go
    through three context calls for every text, about 20 µs, more than the lookup itself."""
    domain = RequestDomain(domain=get_babel(app).default_domain)
    get_babel(app).instance.domain_instance = domain  # what flask_babel.gettext and lazy_gettext use

    def catalogue():  # a template renders in an application context: one look in `g`
        return g.get("_translations") or domain.get_translations()

    def finish(eval_ctx, text: str, variables: dict):
        formatted = variables or "%" in text  # (`% {}` of a text without % is the text itself)
        if not eval_ctx.autoescape:
            return text % variables if formatted else text
        if not formatted:
            return Markup(text)
        for value in variables.values():
            if type(value) is not int:
                return Markup(text) % variables
        return Markup(text % variables)  # numbers need no escaping (Markup's own % costs about 4 µs)

    @pass_eval_context
    def gettext(eval_ctx, string, **variables):
        return finish(eval_ctx, catalogue().ugettext(string), variables)

    @pass_eval_context
    def ngettext(eval_ctx, singular, plural, num, **variables):
        variables.setdefault("num", num)
        return finish(eval_ctx, catalogue().ungettext(singular, plural, num), variables)

    @pass_eval_context
    def pgettext(eval_ctx, context, string, **variables):
        variables.setdefault("context", context)
        return finish(eval_ctx, catalogue().upgettext(context, string), variables)

    @pass_eval_context
    def npgettext(eval_ctx, context, singular, plural, num, **variables):
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        return finish(eval_ctx, catalogue().unpgettext(context, singular, plural, num), variables)

    app.jinja_env.newstyle_gettext = True  # what {% trans %} blocks expect of these
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext,
                                 npgettext=npgettext)


def init_request_hooks(app: Flask) -> None:
    # Builder changes stashed while the session had expired come back after the next login.
    app.before_request(restore_stashed_changes)


def init_error_pages(app: Flask) -> None:
    for code in (403, 404, 413):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, csrf_error)


def _error_page(error):
    return render_template("errors/error.html", error=error), error.code
