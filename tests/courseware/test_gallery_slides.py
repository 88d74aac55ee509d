"""How presentation mode cuts a design into slides that fit a projector (courseware/gallery/slides.py)."""
from __future__ import annotations

from types import SimpleNamespace

from courseware.gallery.slides import CARDS_PER_SLIDE, PHASES_PER_SLIDE, phase_parts, phase_slides


def phases(*sizes: int) -> list:
    return [SimpleNamespace(name=f"Fase {i}", touchpoints=tuple(range(size))) for i, size in enumerate(sizes, 1)]


def test_a_long_phase_is_cut_into_pieces_that_say_they_continue():
    parts = phase_parts(phases(CARDS_PER_SLIDE * 2 + 1))
    assert [len(p.touchpoints) for p in parts] == [CARDS_PER_SLIDE, CARDS_PER_SLIDE, 1]
    assert [(p.continued, p.continues) for p in parts] == [(False, True), (True, True), (True, False)]
    assert {p.number for p in parts} == {1}


def test_a_phase_without_touchpoints_still_gets_a_place():
    parts = phase_parts(phases(0, 2))
    assert [(p.number, len(p.touchpoints)) for p in parts] == [(1, 0), (2, 2)]


def test_slides_hold_a_few_phases_and_cards_each():
    slides = phase_slides(phase_parts(phases(1, 1, 1, 1, 4, 3, 3)))
    assert [[p.number for p in slide] for slide in slides] == [[1, 2, 3], [4, 5], [6, 7]]
    for slide in slides:
        assert len(slide) <= PHASES_PER_SLIDE
        assert sum(len(p.touchpoints) for p in slide) <= CARDS_PER_SLIDE
