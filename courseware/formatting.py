"""How the site writes numbers and moments in Dutch: a grade 6,5, points 1,5, a deadline."""
from __future__ import annotations

from datetime import datetime

from flask_babel import format_datetime


def format_grade(value: float | None) -> str:
    """A Dutch grade with a decimal comma: 6,5."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def format_number(value: float) -> str:
    """Points and weights: 3, 1,5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def format_deadline(moment: datetime) -> str:
    """E.g. "vrijdag 14 maart om 17:00", in the site's time zone."""
    return format_datetime(moment, "EEEE d MMMM 'om' HH:mm")
