"""Every translation of a request, in templates and in Python (gettext, lazy_gettext), goes through the
request's catalogue, looked up once per request (not once per text: Flask-Babel's own lookup costs
about 25 µs a call, and a builder step has hundreds)."""
from __future__ import annotations

import flask_babel
from flask_babel import gettext, lazy_gettext, ngettext


def test_a_request_looks_its_catalogue_up_once(app, monkeypatch):
    calls = []
    real = flask_babel.Domain.get_translations

    def counting(self):
        calls.append(1)
        return real(self)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", counting)
    template = app.jinja_env.from_string(
        "{% for n in range(1, 51) %}{{ _('Fase %(number)d', number=n) }} "
        "{{ ngettext('%(num)d fase', '%(num)d fasen', n) }};{% endfor %}{{ label }}")
    with app.test_request_context():
        text = template.render(label=lazy_gettext("Naam"))
        python = [gettext("Fase %(number)d", number=n) for n in range(1, 4)]
        python += [ngettext("%(num)d fase", "%(num)d fasen", 2)]
        python += [str(lazy_gettext("Kanaal")) for _ in range(3)]
    assert text.startswith("Fase 1 1 fase;Fase 2 2 fasen;") and text.endswith("Naam")
    assert python == ["Fase 1", "Fase 2", "Fase 3", "2 fasen", "Kanaal", "Kanaal", "Kanaal"]
    assert len(calls) == 1


def test_the_catalogue_is_kept_per_request_not_per_process(app, monkeypatch):
    """It is kept in `g`: a request in production has its own application context."""
    calls = []
    real = flask_babel.Domain.get_translations
    monkeypatch.setattr(flask_babel.Domain, "get_translations", lambda self: calls.append(1) or real(self))
    for _ in range(3):
        with app.app_context(), app.test_request_context():
            assert gettext("Opslaan") == "Opslaan"
    assert len(calls) == 3


def test_templates_translate_as_jinja_newstyle_gettext(app):
    """A text is always a format string; with autoescaping its variables are escaped, without not."""
    template = app.jinja_env.from_string(
        "{{ _('100%% klaar') }}|{{ _('Hoi %(name)s', name=who) }}|{{ ngettext('%(num)d fase', '%(num)d fasen', 1) }}|"
        "{{ _('Opslaan') }}|{% autoescape false %}{{ _('Hoi %(name)s', name=who) }}{% endautoescape %}")
    with app.test_request_context():
        assert template.render(who="<b>") == "100% klaar|Hoi &lt;b&gt;|1 fase|Opslaan|Hoi <b>"
