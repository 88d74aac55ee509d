"""form_helpers.BindByCopy: a field copied from the one made first is the field WTForms would make
(every attribute, for every field of every builder step form, posted with wrong values too), and
WTForms' catalogue is loaded once per process, not once per request."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, StringField
from wtforms.meta import DefaultMeta

from courseware import form_helpers
from courseware.builder.forms import STEP_FORMS

POSTED = MultiDict({
    "version": "3", "persona": "x", "name": "Sanne", "age": "zeven", "goals": "a\r\nb", "trigger": "Een brief",
    **{f"phases-{i}-{key}": value for i in range(2) for key, value in (
        ("name", "Fase"), ("description", "x" * 1200), ("stage", "nergens"), ("present", "1"))},
    **{f"phases-{i}-touchpoints-{j}-{key}": value for i in range(2) for j in range(2) for key, value in (
        ("name", f"Contact {i}{j}"), ("channel", "<b>web</b>"), ("emotion", "11" if j else "6"),
        ("source", "interview"), ("present", "1"), ("moment_of_truth", "y"), ("desired_emotion", "x"))},
})


def every_field(form):
    """Every field of `form`, the lists, their entries and the entries' fields too."""
    for field in form:
        yield field
        if isinstance(field, FieldList):
            for entry in field.entries:
                yield entry
                if isinstance(entry, FormField):
                    yield from every_field(entry.form)
        elif isinstance(field, FormField):
            yield from every_field(field.form)


def state(field):
    """What a field is, without the objects that are its form's own."""
    found = {key: value for key, value in vars(field).items()
             if key not in ("_form", "meta", "label", "flags", "entries", "form")}  # those two: every_field
    found["label"] = (field.label.field_id, str(field.label.text))
    found["flags"] = vars(field.flags)
    found["_form"] = type(field._form)
    found["meta is its form's"] = field.meta is field._form.meta
    return found


@pytest.mark.parametrize("posted", [True, False], ids=["posted", "from-data"])
@pytest.mark.parametrize("step", STEP_FORMS)
def test_a_copied_field_is_the_field_wtforms_makes(app, monkeypatch, step, posted):
    with app.test_request_context(method="POST", data=POSTED):
        if posted:
            def build():
                return STEP_FORMS[step](formdata=POSTED, meta={"csrf": False})
        else:  # as a step page opens: the saved draft's data
            data = STEP_FORMS[step](formdata=POSTED, meta={"csrf": False}).data

            def build():
                return STEP_FORMS[step](formdata=None, data=data, meta={"csrf": False})
        for _ in range(2):  # the first form makes the fields, the second copies them
            copied = build()
        copied.validate()
        monkeypatch.setattr(form_helpers.BindByCopy, "bind_field", DefaultMeta.bind_field)
        made = build()
        made.validate()
    copied_fields, made_fields = list(every_field(copied)), list(every_field(made))
    assert len(copied_fields) == len(made_fields) > 0
    for a, b in zip(copied_fields, made_fields, strict=True):
        assert type(a) is type(b)
        assert state(a) == state(b), a.name
        if not isinstance(a, FieldList | FormField):
            assert a() == b()  # the same HTML
    assert copied.errors == made.errors and copied.data == made.data
    if step == "touchpoints":
        assert copied.errors  # the wrong values were checked


def test_wtforms_catalogue_is_loaded_once_per_process(app, monkeypatch):
    loads = []
    real = form_helpers.support.Translations.load
    monkeypatch.setattr(form_helpers.support.Translations, "load",
                        lambda *args, **kwargs: loads.append(1) or real(*args, **kwargs))
    form_helpers._wtforms_translations.cache_clear()
    for _ in range(3):
        with app.app_context(), app.test_request_context():
            STEP_FORMS["touchpoints"](formdata=POSTED, meta={"csrf": False})
    assert len(loads) == 1


def test_a_list_of_plain_fields_keeps_its_entries_ids(app):
    """A list binds its entries with their own id: those are made the usual way."""

    class Items(Form):
        class Meta(form_helpers.BindByCopy):
            pass

        items = FieldList(StringField("Item"), min_entries=2)

    with app.test_request_context():
        for _ in range(2):
            form = Items(formdata=MultiDict({"items-0": "a", "items-1": "<b>"}))
    assert [(e.id, e.name, e.data, e.label.text) for e in form.items] == [
        ("items-0", "items-0", "a", "Item"), ("items-1", "items-1", "<b>", "Item")]
