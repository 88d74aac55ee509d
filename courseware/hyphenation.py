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
# A review table with more rubric parts than this does not fit 1280 px with whole words; with fewer,
# soft hyphens would only make the browser break words it has room for ('Contactmo-menten').
WIDE_TABLE_COLUMNS = 6


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=EDGE, right=EDGE)


@functools.lru_cache(maxsize=1024)
def breakable(text: str) -> str:
    """`text` with soft hyphens in its words of LONG letters or more; a word with a hyphen of its own
    ("After-salesfase") already breaks there and stays as it is."""
    return " ".join(
        _dictionary().inserted(word, hyphen=SOFT_HYPHEN) if len(word) >= LONG and "-" not in word else word
        for word in text.split(" "))
