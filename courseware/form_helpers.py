"""Pieces the site's forms share: a filter that trims typed text, select choices in the shape the
installed WTForms wants, and the password length rules."""
from __future__ import annotations

PASSWORD_MIN, PASSWORD_MAX = 8, 128
USERNAME_MIN, USERNAME_MAX = 3, 30
DISPLAY_NAME_MIN, DISPLAY_NAME_MAX = 2, 40
USERNAME_RE = r"^[A-Za-z0-9._-]+$"


def strip(value: str | None) -> str | None:
    """A field filter: typed text without spaces around it."""
    return value.strip() if isinstance(value, str) else value


try:  # WTForms 3.3 deprecates (value, label) tuples as choices
    from wtforms.fields.choices import SelectChoice

    def choices(pairs):
        """(value, label) pairs as a field's choices."""
        return [SelectChoice(value=value, label=label) for value, label in pairs]
except ImportError:  # WTForms 3.1 and 3.2
    def choices(pairs):
        """(value, label) pairs as a field's choices."""
        return list(pairs)
