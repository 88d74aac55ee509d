"""HTML that one page repeats many times, written in Python instead of Jinja macros: the fields and
buttons of the builder's touchpoints step (8 fields and 3 buttons for each of up to 12 × 15
touchpoints). Template globals (courseware/initialization.py).

`light_fields` gives the same HTML as the `field()` macro of macros/forms.html with the field's
description as its hint (label, hint, aria-describedby, aria-invalid, the Dutch errors next to the
field): tests/courseware/test_form_macros.py compares them, also for values full of markup. Every
value is escaped the way Jinja's autoescaping does (markupsafe's entities). As a macro, a field cost
about 45 µs (an attribute lookup and a `markupsafe.escape` of 2–3 µs for every `{{ }}`); here it
costs a few µs. `item_button` is a move or remove button of a phase or touchpoint (a macro call
cost about 50 µs).
"""
from __future__ import annotations

from collections.abc import Mapping

from flask import g
from markupsafe import Markup, escape


def light_fields(form, classes: Mapping[str, str] | None = None) -> Markup:
    """Every field of `form` (text inputs, text areas and selects) with its label, hint and errors;
    `classes` holds extra classes of a field's <div>. The labels, hints and choices are translated and
    escaped once per request for each form class (_texts)."""
    texts = _texts(form)
    classes = classes or {}
    parts = []
    for f in form:
        name = f.short_name
        id_ = _escape(f.id)
        errors = f.errors
        kw = f.render_kw or {}
        label, hint, options = texts[name]
        extra = classes.get(name)
        parts.append(
            f'\n<div class="field{" has-error" if errors else ""} {_escape(extra) if extra else ""}">\n'
            f'  <label for="{id_}">{label}</label>\n'
            f'  <p class="hint" id="{id_}-hint">{hint}</p>\n  ')
        described = f'{id_}-hint {id_}-error" aria-invalid="true' if errors else f"{id_}-hint"
        params = (f'aria-describedby="{described}"{_attribute("autocomplete", kw.get("autocomplete"))} '
                  f'id="{id_}"{_attribute("inputmode", kw.get("inputmode"))} '
                  f'name="{id_ if f.name == f.id else _escape(f.name)}"')
        kind = f.type
        if kind == "SelectField":
            data = f.data
            parts.append(f"\n  <select {params}>")
            parts.extend(f'<option{" selected" if value == data else ""} value="{escaped}">{text}</option>'
                         for value, escaped, text in options)
            parts.append("</select>")
        elif kind == "TextAreaField":
            parts.append(f"\n  <textarea {params}>\r\n{_escape(f._value())}</textarea>")
        else:
            parts.append(f'\n  <input {params} type="text" value="{_escape(f._value())}">')
        parts.append("\n  ")
        if errors:
            parts.append(f'\n  <p class="error" id="{id_}-error">{" ".join(_escape(e) for e in errors)}</p>\n  ')
        parts.append("\n</div>")
    return Markup("".join(parts))


def item_button(value, label, what, class_: str = "secondary", confirm=None) -> Markup:
    """A button that moves or removes an item: a submit button of the step form, `what` read out to
    screen readers after the label; `confirm` (data-confirm) is asked first by builder.js."""
    asked = f' data-confirm="{_escape(confirm)}"' if confirm else ""
    return Markup(f'<button type="submit" name="action" value="{_escape(value)}" class="small {_escape(class_)}"'
                  f'{asked}>{_escape(label)}<span class="visually-hidden">: {_escape(what)}</span></button>')


def _texts(form) -> dict[str, tuple[str, str, list[tuple[str, str, str]]]]:
    """For each field of `form`: its label and hint, and for a select its choices as (value, escaped
    value, escaped label), translated and escaped; made once per request for each form class (a
    translation costs more than the HTML of a field). So every form of a class that is rendered with
    light_fields has the same labels, hints and choices, as the builder's forms have."""
    made = g.get("_light_field_texts")
    if made is None:
        made = g._light_field_texts = {}
    texts = made.get(type(form))
    if texts is None:
        texts = made[type(form)] = {
            f.short_name: (_escape(str(f.label.text)), _escape(str(f.description)),
                           [(c[0], _escape(c[0]), _escape(str(c[1]))) for c in f.iter_choices()]
                           if f.type == "SelectField" else [])
            for f in form}
    return texts


def _attribute(name: str, value) -> str:
    return f' {name}="{_escape(value)}"' if value else ""


def _escape(value) -> str:
    """`markupsafe.escape(value)` as a str. A plain str, the common case, is escaped here with the same
    entities: `markupsafe.escape` costs 2–3 µs a call (it makes a Markup twice), this under 1 µs."""
    if type(value) is not str:
        return str(escape(value))  # as a template does: numbers escaped, Markup (__html__) kept
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))
