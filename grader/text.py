"""Small text helpers shared by the journey parser, stage recognition and the criteria.

Everything here works on plain Unicode strings and never raises on odd input.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from .compiled import data_file

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# For counting, a hyphenated word is one word: "e-mail", "Teams-gesprek".
_COUNTED_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; newline and tab are kept.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Strip control characters (keeping newlines), turn tabs into spaces and trim."""
    return _CONTROL_RE.sub("", text).replace("\t", " ").strip()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and remove diacritics: 'Oriëntatie' -> 'orientatie', 'Zoë' -> 'zoe'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words in a text, in their original spelling ("Luca's" stays one word)."""
    return _WORD_RE.findall(text or "")


@functools.lru_cache(maxsize=16384)
def word_count(text: str | None) -> int:
    return len(_COUNTED_WORD_RE.findall(text or ""))


def is_filled(text: str | None, min_words: int = 3) -> bool:
    """A text 'is filled' when it has at least `min_words` words."""
    return word_count(text) >= min_words


@functools.lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Dutch Snowball stem of a folded word."""
    return _stemmer().stemWord(fold(word))


# Words whose stems show which Snowball stemmer is installed (Snowball 3 changed the Dutch one).
_PROBE_WORDS = ("afrekenen", "examen", "betalingen")


def stemmer_probe() -> list[str]:
    """The stems of a few words: stored with the stage model (a model is only read with the stemmer
    it was trained with) and part of the key of every compiled word list (grader/compiled.py)."""
    return [stem(word) for word in _PROBE_WORDS]


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    raw = data_file("stopwords.txt").read_text("utf-8")
    return frozenset(
        fold(line.strip()) for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@functools.lru_cache(maxsize=16384)
def folded_words(text: str) -> frozenset[str]:
    """The distinct words of a text, folded (lower case, no diacritics)."""
    return frozenset(words(fold(text)))


@functools.lru_cache(maxsize=16384)
def content_stems(text: str | None) -> frozenset[str]:
    """Stems of the content words of a text: stop words and one-letter words left out."""
    stops = stop_words()
    return frozenset(
        stem(word) for word in folded_words(text or "")
        if len(word) > 1 and word not in stops and not word.isdigit()
    )


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution
    or swap of two neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer than a: find the one extra letter.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def shorten(text: str | None, limit: int = 60) -> str:
    """`text` on one line, at most `limit` characters: cut after a whole word, with '…'."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    if limit < 2:
        return "…"
    cut = text[:limit - 1]
    if text[limit - 1] != " ":  # the cut falls inside a word: end before it, unless that leaves too little
        space = cut.rfind(" ")
        cut = cut[:space] if space >= limit // 2 else cut
    return cut.rstrip(" ,;:.…") + "…"


def join_list(items: list[str], limit: int = 6, last: str = "en") -> str:
    """'A, B en C' ('A, B of C' with last="of"), shortened with 'nog N' after `limit` items (never
    'nog 1': one more item is shown)."""
    if len(items) > limit + 1:
        items = [*items[:limit], f"nog {len(items) - limit}" + (" andere" if last == "of" else "")]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def quote_list(items: list[str], limit: int = 6, last: str = "en") -> str:
    """`join_list` of the items in quotes: '‘A’, ‘B’ en ‘C’'."""
    return join_list([f"‘{item}’" for item in items], limit, last)
