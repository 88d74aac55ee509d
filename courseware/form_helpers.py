"""Pieces the site's forms share: a filter that trims typed text, select choices in the shape the
installed WTForms wants, the password length rules, and a cheaper way to build forms that a page
repeats many times."""
from __future__ import annotations

import functools

from babel import support
from flask import g
from flask_babel import get_locale
from wtforms import BooleanField, FieldList, FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.core import Flags, Label
from wtforms.i18n import messages_path

PASSWORD_MIN, PASSWORD_MAX = 8, 128
USERNAME_MIN, USERNAME_MAX = 3, 30
DISPLAY_NAME_MIN, DISPLAY_NAME_MAX = 2, 40
USERNAME_RE = r"^[A-Za-z0-9._-]+$"


def strip(value: str | None) -> str | None:
    """A field filter: typed text without spaces around it."""
    return value.strip() if isinstance(value, str) else value


try:  # WTForms 3.3 deprecates (value, label) tuples as choices
    from wtforms.fields.choices import SelectChoice

    def choices(pairs):
        """(value, label) pairs as a field's choices."""
        return [SelectChoice(value=value, label=label) for value, label in pairs]
except ImportError:  # WTForms 3.1 and 3.2
    def choices(pairs):
        """(value, label) pairs as a field's choices."""
        return list(pairs)


class BindByCopy:
    """A WTForms `Meta` for forms that a page builds many times (the builder's step forms: 8 fields for
    every touchpoint). WTForms makes every field with its full constructor (label, flags, checking the
    validators: about 25 µs a field); this makes each field once per declared field and then copies it,
    with the name, id, label and meta of its place (about 4 µs); a list's entries too. Fields without a
    label (WTForms translates one made from the name), with their own id or a datalist are made the
    usual way. tests/courseware/test_form_helpers.py checks that a copy equals a field made the usual
    way, for every field, list and entry of every step form.

    Also WTForms' own messages come from a catalogue loaded once per process for the request's locale,
    not once per request (Flask-WTF loads it again for every request whose form uses it)."""

    def bind_field(self, form, unbound_field, options):
        made = _made_fields.get(unbound_field, _UNSEEN)
        keys = options.keys()
        if made is None or (keys != _FORM_OPTIONS and keys != _ENTRY_OPTIONS):
            return unbound_field.bind(form=form, **options)
        if made is _UNSEEN:
            field = unbound_field.bind(form=form, **options)
            _made_fields[unbound_field] = _copyable_state(unbound_field, field)
            return field
        state, label, flags, render_kw = made
        field = object.__new__(unbound_field.field_class)
        field.__dict__ = state = state.copy()
        if keys == _FORM_OPTIONS:  # a field of a form
            state["name"] = state["id"] = options["prefix"] + options["name"]
            state["meta"] = form.meta
        else:  # an entry of a list: its own id, the list's meta
            state["name"] = options["name"]
            state["id"] = options["id"]
            state["meta"] = options["_meta"]
        state["label"] = Label(state["id"], label)
        state["flags"] = copied_flags = Flags()
        copied_flags.__dict__.update(flags)
        if render_kw is not None:  # each field its own, as WTForms makes it
            state["render_kw"] = dict(render_kw)
        state["_form"] = form
        translations = options.get("translations")
        if translations is not None:
            state["_translations"] = translations
        return field

    def get_translations(self, form):
        if not g:  # outside an application context
            return _wtforms_translations(str(get_locale()))
        found = g.get("_wtforms_translations")  # asked for by every form, sub-forms too: 21 on a 5x3 step
        if found is None:
            found = g._wtforms_translations = _wtforms_translations(str(get_locale()))
        return found


@functools.cache
def _wtforms_translations(locale: str):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


# Field classes whose constructor keeps nothing that depends on the field's place but its name, id
# and label (a list and a sub-form make their entries and form later, in process()).
_COPYABLE = frozenset({StringField, TextAreaField, SelectField, HiddenField, BooleanField, FieldList, FormField})
_UNSEEN = object()
_FORM_OPTIONS = {"name", "prefix", "translations"}  # what a form binds its fields with
_ENTRY_OPTIONS = {"name", "id", "_meta", "translations"}  # what a list binds its entries with
# UnboundField -> (the state of a field made from it the usual way, without what depends on the field's
# place or form; its label text; its flags; its render_kw), or None when it is made the usual way.
_made_fields: dict = {}


def _copyable_state(unbound_field, field):
    kwargs = unbound_field.kwargs
    labelled = kwargs.get("label") is not None or (unbound_field.args and unbound_field.args[0] is not None)
    if (unbound_field.field_class not in _COPYABLE or not labelled or "id" in kwargs or "datalist" in kwargs
            or "_translations" not in vars(field)):
        return None
    state = {key: value for key, value in vars(field).items()
             if key not in ("name", "id", "label", "flags", "_form", "meta", "_translations")}
    return state, field.label.text, dict(vars(field.flags)), field.render_kw
