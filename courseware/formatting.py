"""How the site writes numbers and moments in Dutch: a grade 6,5, points 1,5, a deadline, a moment.

The one home of these formatters: Python code imports them, templates get them as Jinja globals
(courseware.initialization). Moments are shown in the site's time zone (BABEL_DEFAULT_TIMEZONE).
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import format_datetime


def format_grade(value: float | None) -> str:
    """A Dutch grade with a decimal comma: 6,5."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def format_number(value: float) -> str:
    """Points and weights: 3, 1,5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def format_deadline(moment: datetime | None) -> str:
    """A deadline or another moment near now: "vrijdag 14 maart om 17:00"; "" for none."""
    return format_datetime(moment, "EEEE d MMMM 'om' HH:mm") if moment else ""


def format_moment(moment: datetime) -> str:
    """A moment that passed, with its year: "14 maart 2026 om 17:00" (handed in, downloaded)."""
    return format_datetime(moment, "d MMMM yyyy 'om' HH:mm")


def format_when(moment: datetime) -> str:
    """A moment in a list or history line, short: "14-03 17:05"."""
    return format_datetime(moment, "dd-MM HH:mm")


def format_clock(moment: datetime) -> str:
    """Only the time of day: "17:05" (saved at, typed at)."""
    return format_datetime(moment, "HH:mm")
