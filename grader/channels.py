"""Channel recognition: is a touchpoint's channel online, offline, both, or no channel at all?

A channel is online when it names a digital medium: a website, an app, e-mail, chat, social
media, a named platform, a video call, a digital form, a web address. Everything else that names
something is offline: a place, a person, a printed thing, an event, a spoken contact, in Dutch
or English ("reception", "de monteur", "printed letter"). A word list of offline things could
never be complete, so offline is what a named channel is when nothing in it is digital. Only
placeholders ("-", "?", "n.v.t.", "geen", "onbekend") are no channel.
"""
from __future__ import annotations

import functools
import re
import tomllib

from .compiled import compiled, data_file
from .text import edit_distance_at_most_one, fold

ONLINE = "online"
OFFLINE = "offline"

# A channel text can name several ways ("E-mail en brief"): each alternative is judged alone.
# Not inside a hyphenated name ("track-and-trace"), and not the English "of" ("page of the railway").
# One after another names both as well: "telefoontje, daarna een mail", "call followed by an email".
_ALTERNATIVES = re.compile(
    r"[/,;+&()]+|(?<!-)\b(?:of(?!\s+(?:the|a|an|my|your|his|her|its|our|their|this|that)\b)|en|or|and|plus"
    r"|daarna|then|followed\s+by|gevolgd\s+door|afterwards)\b(?!-)")
# In "Website van de school" the words after the preposition only say whose channel it is;
# after "via" or "per" they name the channel itself ("Gesprek via Teams", "Uitnodiging per mail").
_PREPOSITIONS = frozenset(
    ["van", "met", "op", "in", "bij", "aan", "uit", "door", "naar", "voor", "tijdens", "over", "vanuit", "na", "om",
     "tot", "onder", "from", "at", "by", "with", "on", "to", "of"]
)
_MEDIUM = frozenset({"via", "per", "through"})
# A web address or a domain: "www.school.nl", "booking.com", "https://…", "info@school.nl".
_WEB_ADDRESS = re.compile(r"(?:^|[^\w])(?:www\.|https?:)|\w\.(?:com|nl|be|org|net|eu|io|app)\b|\w@\w")
# "track & trace", "bed & breakfast": '&' between two words that name no channel on their own
# joins them into one name, which the words after it may qualify ("track & trace link").
_AMPERSAND_NAME = re.compile(r"(\w+)\s*&\s*(\w+)")
# "Mijn DUO", "MijnOverheid", "Mijn Ziggo": the Dutch name of a personal online portal (a name after it).
_MY_PORTAL = re.compile(r"(?:^|[^\w])Mijn\s*[A-Z]")
# "Poster met een QR-code naar de website", "flyer with a link to the webshop": a printed or
# physical thing that leads online names both.
_WITH = frozenset({"met", "with"})
# ... and the other way round: "QR-code op de bon", "link on the poster" (not "link in de mail").
_ON = frozenset({"op", "on", "in", "aan", "onder", "under"})
_POINTERS = frozenset({"qr", "qr-code", "qrcode", "link", "url", "hyperlink"})
# A page that is on a screen or on paper ("rooster", "formulier", "form", also in a compound:
# "lesrooster"), put on a physical thing the channel words know and no screen ([devices] in
# channels.toml), is on paper: "rooster op de deur", "formulier aan de balie", "form on the
# noticeboard" (not "formulier op de site", "rooster op je telefoon", "rooster op WebUntis").
_PAGES = ("rooster", "formulier", "form", "page")
_PUT_ON = frozenset({"op", "on", "aan"})
_NOUN_ENDINGS = ("", "s", "en", "je", "tje", "jes", "tjes")
# Plural, diminutive and verb endings: "mails", "brieven", "mailtje", "sms'je", "appen".
_ENDINGS = ("tjes", "jes", "tje", "je", "s", "en")
_TYPO_MIN = 6  # shorter words are too often another word one letter away ('mail'/'mall')


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    return compiled(data_file("channels.toml"), __file__, _build)


def _build(text: str) -> dict[str, frozenset[str]]:
    return {key: frozenset(fold(word) for word in words) for key, words in tomllib.loads(text).items()}


@functools.lru_cache(maxsize=16384)
def is_placeholder(channel: str | None) -> bool:
    """True for an empty channel or one that is only a placeholder such as '-', '?' or 'n.v.t.'."""
    folded = fold(channel or "").strip()
    if not folded or folded in _lexicon()["placeholders"] or not any(ch.isalnum() for ch in folded):
        return True
    # "geen kanaal", "no channel", "later invullen": only words that say there is none (yet);
    # "xxx", "...": one sign repeated
    said = [word.strip(".!?") for word in folded.split()]
    words = _lexicon()["placeholder_words"]
    return (all(word in words or word.isdigit() for word in said) and any(word in words for word in said)) or len(
        set(folded) - {" "}) == 1


def _kind_of_word(word: str) -> str | None:
    kind = _kind_of_form(word)
    for ending in _ENDINGS:
        if kind is None and word.endswith(ending) and len(word) - len(ending) >= 2:
            base = word[: -len(ending)].rstrip("'’")
            kind = _kind_of_form(base) or _kind_of_form(_singular(base))
    return kind


def _singular(base: str) -> str:
    """Undo the spelling changes of a Dutch plural: "gesprekk(en)" -> "gesprek", "briev(en)" -> "brief"."""
    if len(base) > 2 and base[-1] == base[-2]:
        return base[:-1]
    return base[:-1] + "f" if base.endswith("v") else base


def _kind_of_form(word: str) -> str | None:
    lex = _lexicon()
    if word in lex["online"]:
        return ONLINE
    if word in lex["offline"]:
        return OFFLINE
    # Dutch compounds are judged by their last part: "schoolwebsite", "groepsapp", "infobalie"; the first
    # part has three letters at least ("web-site"), so "visite" (a visit) is no site.
    for size in range(len(word) - 3, 2, -1):
        tail = word[-size:]
        if tail in lex["online"]:
            return ONLINE
        if tail in lex["offline"]:
            return OFFLINE
    return None


@functools.lru_cache(maxsize=4096)
def channel_kinds(channel: str | None) -> frozenset[str]:
    """The kinds ('online', 'offline') a channel text names; empty for a placeholder.

    "E-mail en brief" names both; "Teams-gesprek" is a video call, so online; "Website van de
    school" is judged by its head, the website: online; "Reception" has nothing digital: offline.
    """
    if is_placeholder(channel):
        return frozenset()
    portal = bool(_MY_PORTAL.search(channel or ""))
    kinds: set[str] = set()
    folded = _AMPERSAND_NAME.sub(_join_name, fold(channel or ""))
    for alternative in _ALTERNATIVES.split(folded):
        parts = [part.strip(" .!?:'\"-") for part in alternative.split()]
        parts = [part for part in parts if part]
        if not parts or is_placeholder(alternative):
            continue
        if portal and parts[0].startswith("mijn"):
            kinds.add(ONLINE)  # "Mijn DUO", "balie of Mijn DUO": a personal online portal
            continue
        if any(_is_override(part, "offline_overrides") for part in parts):
            kinds.add(OFFLINE)  # "papieren formulier", "printed ticket"
            continue
        if any(_is_override(part, "online_overrides") or _WEB_ADDRESS.search(part) for part in parts):
            kinds.add(ONLINE)  # "Gesprek via Teams", "online les", "booking.com"
            continue
        head = next((i for i, part in enumerate(parts) if part in _PREPOSITIONS or part in _MEDIUM), len(parts))
        medium = next((i for i, part in enumerate(parts) if part in _MEDIUM), None)
        found = _kinds_of_parts(parts[medium + 1:]) if medium is not None else set()
        named = found or _kinds_of_parts(parts[:head]) or _kinds_of_parts(parts[head:]) or {OFFLINE}
        # what the preposition after the channel's head is about: "(met) een link", "(op) de deur"
        tail = parts[head + 1:]
        what = tail[:next((i for i, part in enumerate(tail) if part in _PREPOSITIONS), len(tail))]
        joined = parts[head] if head < len(parts) and not found else ""
        if named == {OFFLINE} and joined in _WITH:
            named = named | (_kinds_of_parts(what) & {ONLINE})  # a flyer with a link (to the webshop): both
        elif named == {ONLINE} and joined in _PUT_ON and _is_page(parts[head - 1] if head else ""):
            if _kinds_of_parts(what) == {OFFLINE} and not any(map(_is_device, what)):
                named = {OFFLINE}  # a timetable on the door, a form at the desk: on paper
        elif named == {ONLINE} and joined in _ON and any(part in _POINTERS for part in parts[:head]) and what and (
                ONLINE not in _kinds_of_parts(what)):
            named = named | {OFFLINE}  # a QR code on the receipt, a link on the poster: both
        kinds |= named
    return frozenset(kinds)


def _is_page(word: str) -> bool:
    """'rooster', 'lesrooster', 'formulieren', 'forms': a page that may be on paper or on a screen."""
    return any(word.endswith(page + ending) for page in _PAGES for ending in _NOUN_ENDINGS)


def _is_device(word: str) -> bool:
    """'telefoon', 'mobieltje', 'tv-scherm', 'infoschermen', 'touchscreen': a screen, not a surface."""
    plain = word.replace("-", "")
    return any(plain.endswith(device + ending) for device in _lexicon()["devices"] for ending in _NOUN_ENDINGS)


def _join_name(match: re.Match) -> str:
    """'track & trace' -> 'track-trace' when neither word names a channel ('mail & brief' stays two)."""
    first, second = match.group(1), match.group(2)
    if _kind_of_word(first) or _kind_of_word(second) or _typo_of_online(first) or _typo_of_online(second):
        return match.group(0)
    return f"{first}-{second}"


@functools.lru_cache(maxsize=4096)
def _typo_of_online(word: str) -> bool:
    """'websiet', 'whatsap', 'instagarm': one typo (a letter more, less, other or swapped) away from
    a digital medium whose name is long and no other word ([typo_online] in channels.toml), also as
    the last part of a compound ('schoolwebsiet')."""
    lex = _lexicon()
    if len(word) < _TYPO_MIN or word in lex["not_typos"]:
        return False
    by_start = _typo_online_by_start()
    # the whole word, or the last part of a compound ('schoolwebsiet')
    tails = (word[i:] for i in range(len(word) - _TYPO_MIN + 1) if i == 0 or len(word) - i > _TYPO_MIN)
    return any(abs(len(tail) - len(known)) <= 1 and tail not in lex["not_typos"]
               and edit_distance_at_most_one(tail, known)
               for tail in tails for known in by_start.get(tail[0], ()))


@functools.lru_cache(maxsize=1)
def _typo_online_by_start() -> dict[str, tuple[str, ...]]:
    """The misspellable digital media by first letter (a typo never changes the first letter here)."""
    found: dict[str, list[str]] = {}
    for known in _lexicon()["typo_online"]:
        found.setdefault(known[0], []).append(known)
    return {start: tuple(words) for start, words in found.items()}


def _is_override(part: str, table: str) -> bool:
    words = _override_words(table)
    return any(p.startswith(words) or p.endswith(words) for p in part.split("-") if p)


@functools.lru_cache(maxsize=4)
def _override_words(table: str) -> tuple[str, ...]:
    """The overrides as a tuple for str.startswith/endswith: no pattern to compile at the first
    journey of a process (a regular expression of them took milliseconds to build)."""
    return tuple(_lexicon()[table])


def _kinds_of_parts(parts: list[str]) -> set[str]:
    """The kinds some words name together."""
    kinds: set[str] = set()
    for part in parts:
        pieces = [p for p in part.split("-") if p]
        kind = _kind_of_word(part.replace("-", "")) or _kind_of_word(part)
        if kind is None and pieces:
            kind = _kind_of_word(pieces[-1])
        if kind is None and len(pieces) > 1 and pieces[0] == "e":
            kind = ONLINE  # "e-learning", "e-book", "e-factuur": electronic
        if kind is None and any(_kind_of_word(piece) == ONLINE for piece in pieces):
            kind = ONLINE  # "Outlook-uitnodiging": a digital medium in front
        if kind is None and any(_typo_of_online(piece) for piece in pieces or [part]):
            kind = ONLINE  # "websiet": a misspelt digital medium is still online
        if kind:
            kinds.add(kind)
    return kinds


def channel_kind(channel: str | None) -> str | None:
    """'online', 'offline', or None when mixed or missing."""
    kinds = channel_kinds(channel)
    return next(iter(kinds)) if len(kinds) == 1 else None
