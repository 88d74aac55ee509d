"""Templates translate through the request's catalogue, looked up once per request (not once per
label: Flask-Babel's own callables cost about 25 µs a call, and a builder step has hundreds)."""
from __future__ import annotations

from courseware import initialization


def test_a_request_looks_its_catalogue_up_once(app, monkeypatch):
    calls = []
    real = initialization.get_translations

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(initialization, "get_translations", counting)
    template = app.jinja_env.from_string(
        "{% for n in range(1, 51) %}{{ _('Fase %(number)d', number=n) }} "
        "{{ ngettext('%(num)d fase', '%(num)d fasen', n) }};{% endfor %}")
    with app.test_request_context():
        text = template.render()
    assert text.startswith("Fase 1 1 fase;Fase 2 2 fasen;")
    assert len(calls) == 1
