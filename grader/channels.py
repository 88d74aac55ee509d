"""Channel recognition: is a touchpoint's channel online, offline, unknown or missing?"""
from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from .text import fold

ONLINE = "online"
OFFLINE = "offline"

_SPLIT = re.compile(r"[\s/,;+&()]+|\bof\b|\ben\b")


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    raw = resources.files("grader").joinpath("data/channels.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {key: frozenset(fold(word) for word in words) for key, words in data.items()}


def is_placeholder(channel: str | None) -> bool:
    """True for an empty channel or one that is only a placeholder such as '-', '?' or 'n.v.t.'."""
    folded = fold(channel or "").strip()
    return not folded or folded in _lexicon()["placeholders"] or not any(ch.isalnum() for ch in folded)


def _kind_of_word(word: str) -> str | None:
    lex = _lexicon()
    if word in lex["online"]:
        return ONLINE
    if word in lex["offline"]:
        return OFFLINE
    # Dutch compounds are judged by their last part: "schoolwebsite", "groepsapp", "infobalie".
    for size in range(len(word) - 2, 2, -1):
        tail = word[-size:]
        if tail in lex["online"]:
            return ONLINE
        if tail in lex["offline"]:
            return OFFLINE
    return None


@functools.lru_cache(maxsize=4096)
def channel_kinds(channel: str | None) -> frozenset[str]:
    """The kinds ('online', 'offline') a channel text names; empty when unknown or a placeholder.

    "E-mail en brief" names both; "Teams-gesprek" is a video call, so online.
    """
    if is_placeholder(channel):
        return frozenset()
    folded = fold(channel or "")
    overrides = _lexicon()["online_overrides"]
    kinds: set[str] = set()
    for part in _SPLIT.split(folded):
        part = part.strip(" .!?:'\"-")
        if not part:
            continue
        pieces = [p for p in part.split("-") if p]
        if any(any(p.startswith(o) or p.endswith(o) for o in overrides) for p in pieces):
            kinds.add(ONLINE)
            continue
        kind = _kind_of_word(part.replace("-", "")) or _kind_of_word(part)
        if kind is None and pieces:
            kind = _kind_of_word(pieces[-1])
        if kind:
            kinds.add(kind)
    return frozenset(kinds)


def channel_kind(channel: str | None) -> str | None:
    """'online', 'offline', or None when unknown, mixed or missing."""
    kinds = channel_kinds(channel)
    return next(iter(kinds)) if len(kinds) == 1 else None
