"""courseware/repeated_html.py: light_fields() gives the same HTML as the field() macro of macros/forms.html
for every touchpoint field (label, hint, aria-describedby, aria-invalid, the Dutch error next to the
field, escaped values), and item_button() escapes its texts as the macro it replaced did."""
from __future__ import annotations

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from courseware.builder.forms import TouchpointForm

EVIL = '"><img src=x onerror=alert(1)><script>alert(1)</script> & \'quote\''
CLASSES = {"emotion": "field-short"}
BOTH = """{% from "macros/forms.html" import field %}
{%- for f in form %}{{ field(f, hint=f.description, class_=classes.get(f.short_name, '')) }}{% endfor -%}
@@@
{{- light_fields(form, classes) -}}"""

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
def test_light_fields_is_field_without_the_cost(app, case):
    with app.test_request_context():
        form = TouchpointForm(formdata=MultiDict({f"tp-{k}": v for k, v in POSTED[case].items()}), prefix="tp")
        form.validate()
        rendered = render_template_string(BOTH, form=form, classes=CLASSES)
        heavy, light = (" ".join(part.split()) for part in rendered.split("@@@"))
        assert light == heavy
        assert light.count('<div class="field') == 8
        assert "<img" not in light and "<script" not in light
        if case == "wrong":
            for name in ("name", "description", "emotion", "source"):
                assert f'aria-describedby="tp-{name}-hint tp-{name}-error" aria-invalid="true"' in light


def test_item_button_escapes_what_it_is_given(app):
    with app.test_request_context():
        html = render_template_string(
            "{{ item_button('remove_touchpoint:0:1', '↑ ' ~ _('Omhoog'), what, 'danger', question) }}|"
            "{{ item_button('up_phase:2', _('Omhoog'), _('fase %(number)d', number=3)) }}",
            what=EVIL, question=EVIL)
    evil = EVIL.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace(
        '"', "&#34;")
    assert html == (
        f'<button type="submit" name="action" value="remove_touchpoint:0:1" class="small danger" data-confirm="{evil}">'
        f'↑ Omhoog<span class="visually-hidden">: {evil}</span></button>|'
        '<button type="submit" name="action" value="up_phase:2" class="small secondary">'
        'Omhoog<span class="visually-hidden">: fase 3</span></button>')
