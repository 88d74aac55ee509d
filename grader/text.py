"""Small text helpers shared by the journey parser, stage recognition and the criteria.

Everything here works on plain Unicode strings and never raises on odd input.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

import snowballstemmer

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_KEEP_CONTROL = {"\n", "\t"}


def clean(text: str) -> str:
    """Strip control characters (keeping newlines), turn tabs into spaces and trim."""
    kept = "".join(
        ch for ch in text if ch in _KEEP_CONTROL or unicodedata.category(ch) != "Cc"
    )
    return kept.replace("\t", " ").strip()


def fold(text: str) -> str:
    """Lower-case and remove diacritics: 'Oriëntatie' -> 'orientatie', 'Zoë' -> 'zoe'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words in a text, in their original spelling ("Luca's" stays one word)."""
    return _WORD_RE.findall(text or "")


def word_count(text: str | None) -> int:
    return len(words(text or ""))


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


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    raw = resources.files("grader").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        fold(line.strip()) for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def content_stems(text: str | None) -> set[str]:
    """Stems of the content words of a text: stop words and one-letter words left out."""
    stops = stop_words()
    result = set()
    for word in words(text or ""):
        folded = fold(word)
        if len(folded) > 1 and folded not in stops and not folded.isdigit():
            result.add(stem(folded))
    return result


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


def quote_list(items: list[str], limit: int = 6) -> str:
    """'A, B en C' with quotes, shortened with 'en nog N' after `limit` items."""
    quoted = [f"‘{item}’" for item in items]
    if len(quoted) > limit:
        rest = len(quoted) - limit
        quoted = quoted[:limit] + [f"nog {rest}"]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " en " + quoted[-1]
