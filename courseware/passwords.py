"""Password rules (ASVS 2.1.7): at least 8 characters (the forms' Length check), not a common
password, and not the user's own name or username.

Common passwords come from courseware/data/common-passwords.txt (about 19,700: Django's list of
20,000 plus Dutch ones; source and licence at the top of that file). A password is also refused
when it is a common password, a word of SCHOOL_WORDS or the user's name with only digits and
dashes added (welkom2024, albeda2024, sanne123). Passwords that `seed-demo` and the teachers'
"Maak een wachtwoord" set do not go through these forms.

`readable_password` makes the one-time passwords that a teacher gives a student, or an admin a
teacher: words a person can read out or write on a note ('tafel-regen-fiets-47').
"""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

DATA = Path(__file__).resolve().parent / "data" / "common-passwords.txt"

# Words that schools put in front of a year: school names (MBO colleges) and school words.
SCHOOL_WORDS = frozenset({
    "school", "mbo", "roc", "college", "klas", "student", "leerling", "docent", "stage", "examen",
    "welkom", "wachtwoord", "klantreis", "klantreislab", "albeda", "aventus", "curio", "davinci",
    "deltion", "drenthecollege", "firda", "friesland", "graafschapcollege", "horizoncollege",
    "koningwillem", "landstede", "mboutrecht", "mondriaan", "noorderpoort", "novacollege", "rijncollege",
    "rocva", "rocvanamsterdam", "rocvantwente", "scalda", "summa", "summacollege", "terra", "zadkine",
    "alfacollege", "grafischlyceum", "hetgraafschap", "nimeto", "ttc", "yuverta", "zone",
})

RULE = _l("Minstens 8 tekens. Geen bekend wachtwoord zoals welkom01, en niet je naam of "
          "gebruikersnaam. Vertel het aan niemand.")
COMMON = _l("Dit wachtwoord is te bekend. Het staat in lijsten die hackers gebruiken. Kies een ander wachtwoord.")
OWN_NAME = _l("Je wachtwoord mag niet je naam of gebruikersnaam zijn. Kies een ander wachtwoord.")
STUDENT_NAME = _l("Het wachtwoord mag niet de naam of gebruikersnaam van de leerling zijn.")

_TAIL = re.compile(r"[\d\W_]+$")


@cache
def common_passwords() -> frozenset[str]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _squash(text: str) -> str:
    """Lower case without spaces, dots, dashes and underscores: 'Sanne de Vries' -> 'sannedevries'."""
    return re.sub(r"[\s._-]+", "", (text or "").lower())


def is_common(password: str) -> bool:
    lower = password.strip().lower()
    common = common_passwords()
    if lower in common or _squash(lower) in common:
        return True
    stem = _TAIL.sub("", lower)  # 'welkom2024!' -> 'welkom'
    return stem != lower and (stem in common or _squash(stem) in SCHOOL_WORDS)


def is_own_name(password: str, names: Iterable[str | None]) -> bool:
    """The password is one of `names`, or one with only digits or signs added (ignoring case)."""
    squashed = _squash(password)
    stem = _TAIL.sub("", squashed)
    for name in names:
        name = _squash(name or "")
        if len(name) >= 3 and name in (squashed, stem):
            return True
    return False


def password_problem(password: str, names: Iterable[str | None], own: bool = True) -> str | None:
    """The Dutch reason a password is refused, or None when it is fine."""
    if is_own_name(password, names):
        return str(OWN_NAME if own else STUDENT_NAME)
    if is_common(password):
        return str(COMMON)
    return None


class PasswordRules:
    """WTForms validator: `names(form)` gives the names the password may not be."""

    def __init__(self, names: Callable[[object], Iterable[str | None]], own: bool = True):
        self.names = names
        self.own = own

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        problem = password_problem(field.data, self.names(form), own=self.own)
        if problem:
            raise ValidationError(problem)


# Short, common Dutch words without tricky spelling: easy to type on a phone.
WORDS = (
    "appel", "bal", "bank", "beer", "berg", "bloem", "boom", "boot", "brood", "brug",
    "bus", "dak", "das", "deur", "dorp", "duif", "eend", "ezel", "fiets", "film",
    "gras", "haan", "hand", "haven", "hek", "hond", "huis", "jas", "kaas", "kam",
    "kast", "kat", "kerk", "kip", "klok", "koe", "kop", "kous", "lamp", "land",
    "maan", "markt", "melk", "mes", "mol", "muis", "muur", "nest", "neus", "oven",
    "paard", "pan", "park", "pen", "peer", "pet", "plant", "pot", "raam", "regen",
    "ring", "rots", "schip", "sok", "soep", "spin", "stad", "ster", "stoel", "storm",
    "straat", "strand", "tafel", "tak", "tas", "tent", "thee", "tijger", "tong", "tram",
    "trein", "tuin", "uil", "vaas", "veer", "vis", "vlag", "vos", "vuur", "wagen",
    "water", "weg", "wiel", "wind", "wolk", "worm", "zaag", "zand", "zee", "zon",
)


def readable_password(words: int = 3) -> str:
    """`words` random words and a two-digit number, joined by dashes (3 words: about 26 bits)."""
    chosen = [secrets.choice(WORDS) for _ in range(words)]
    return "-".join([*chosen, f"{secrets.randbelow(90) + 10}"])
