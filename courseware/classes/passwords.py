"""Readable passwords a teacher can read out or write on a note: 'tafel-regen-fiets-47'."""
from __future__ import annotations

import secrets

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
