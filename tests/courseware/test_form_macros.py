"""macros/forms.html: light_field() gives the same HTML as field() for the touchpoint fields it renders
(label, hint, aria-describedby, aria-invalid, the Dutch error next to the field, escaped values)."""
from __future__ import annotations

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from courseware.builder.forms import TouchpointForm

EVIL = '"><img src=x onerror=alert(1)><script>alert(1)</script> & \'quote\''
BOTH = """{% from "macros/forms.html" import field, light_field %}
{{- field(f, hint=f.description, class_=class_) -}}
@@@
{{- light_field(f, label, hint, class_=class_, options=options) -}}"""

POSTED = {
    "fine": {"name": "Website", "channel": "website", "description": "Regel 1\nRegel 2", "emotion": "6",
             "pain": "", "gain": "Snel", "service": "", "source": "interview"},
    "evil": {"name": EVIL, "channel": EVIL, "description": EVIL, "emotion": EVIL, "pain": EVIL, "gain": EVIL,
             "service": EVIL, "source": EVIL},
    "wrong": {"name": "x" * 200, "channel": "", "description": "y" * 1200, "emotion": "11", "pain": "",
              "gain": "", "service": "", "source": "nergens"},
    "empty": {},
}


@pytest.mark.parametrize("case", POSTED)
def test_light_field_is_field_without_the_cost(app, case):
    with app.test_request_context():
        form = TouchpointForm(formdata=MultiDict({f"tp-{k}": v for k, v in POSTED[case].items()}), prefix="tp")
        form.validate()
        for f in form:
            options = [(c[0], str(c[1])) for c in f.iter_choices()] if f.type == "SelectField" else None
            rendered = render_template_string(
                BOTH, f=f, label=str(f.label.text), hint=str(f.description), options=options,
                class_="field-short" if f.short_name == "emotion" else "")
            heavy, light = (" ".join(part.split()) for part in rendered.split("@@@"))
            assert light == heavy, f.short_name
            assert "<img" not in light and "<script" not in light
            if case == "wrong" and f.short_name in ("name", "description", "emotion", "source"):
                assert 'aria-invalid="true"' in light and f'id="{f.id}-error"' in light
