"""Soft hyphens in long Dutch words, for the headers of narrow tables (the review table on a
Chromebook or a beamer, the overview on a phone): the browser then breaks "Bewust-wordingsfase" at a
Dutch hyphenation point instead of cutting the word anywhere or making the table scroll sideways.
Chromium on Linux has no Dutch hyphenation of its own without its component updater, so CSS
`hyphens: auto` alone does nothing there. The points come from the Dutch dictionary of Pyphen (the
LibreOffice hyphenation patterns)."""
from __future__ import annotations

import functools

import pyphen

SOFT_HYPHEN = "\u00ad"
LONG = 10  # letters: shorter words stay whole
EDGE = 4  # at least this many letters before and after a break ("fa-se" is not broken off)


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=EDGE, right=EDGE)


@functools.lru_cache(maxsize=1024)
def breakable(text: str) -> str:
    """`text` with soft hyphens in its words of LONG letters or more, between their parts: at the
    Dutch hyphenation point after a linking 'ings' ('Bewustwordings-fase'), else the one nearest the
    middle ('Contact-momenten', 'Verbeter-voorstel'), and again in a part that is still LONG
    ('Bewust-wordings-fase'), so a narrow column reads as parts, not as syllables. A word with a hyphen
    of its own ('After-salesfase') already breaks there and stays as it is."""
    return " ".join(_parts(word) if "-" not in word else word for word in text.split(" "))


def _parts(word: str) -> str:
    if len(word) < LONG:
        return word
    points = _dictionary().positions(word)
    if not points:
        return word
    linking = [point for point in points if word[:point].lower().endswith("ings")]
    point = linking[-1] if linking else min(points, key=lambda point: abs(len(word) / 2 - point))
    return _parts(word[:point]) + SOFT_HYPHEN + _parts(word[point:])
