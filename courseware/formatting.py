"""How the site writes numbers and moments in Dutch: a grade 6,5, points 1,5, a deadline, a moment.

The one home of these formatters: Python code imports them, templates get them as Jinja globals
(courseware.initialization). Moments are shown in the site's time zone (BABEL_DEFAULT_TIMEZONE),
converted with zoneinfo: Flask-Babel's own conversion (pytz) knows summer time only up to 2037.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import format_datetime as _babel_format_datetime
from flask_babel import get_timezone


def local_zone() -> ZoneInfo:
    """The site's time zone (Europe/Amsterdam) as a ZoneInfo."""
    zone = get_timezone()
    return ZoneInfo(getattr(zone, "zone", None) or getattr(zone, "key", None) or str(zone))


def format_datetime(moment: datetime, pattern: str) -> str:
    """`moment` (UTC; naive from SQLite means UTC) in the site's time zone, in a CLDR pattern."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _babel_format_datetime(moment.astimezone(local_zone()), pattern, rebase=False)


def format_grade(value: float | None) -> str:
    """A Dutch grade with a decimal comma: 6,5."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def format_number(value: float) -> str:
    """Points and weights: 3, 1,5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


NEAR = timedelta(days=180)  # a deadline within this of now needs no year: "vrijdag 14 maart" is clear


def format_deadline(moment: datetime | None, now: datetime | None = None) -> str:
    """A deadline: "vrijdag 14 maart om 17:00", with the year when it is further than NEAR from now
    ("woensdag 1 januari 2020 om 12:00": which 1 January is meant); "" for none."""
    if not moment:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    far = abs(aware - (now or datetime.now(UTC))) > NEAR
    return format_datetime(moment, "EEEE d MMMM yyyy 'om' HH:mm" if far else "EEEE d MMMM 'om' HH:mm")


def format_moment(moment: datetime) -> str:
    """A moment that passed, with its year: "14 maart 2026 om 17:00" (handed in, downloaded)."""
    return format_datetime(moment, "d MMMM yyyy 'om' HH:mm")


def format_when(moment: datetime) -> str:
    """A moment in a list or history line, short: "14-03 17:05"."""
    return format_datetime(moment, "dd-MM HH:mm")


def format_clock(moment: datetime) -> str:
    """Only the time of day: "17:05" (saved at, typed at)."""
    return format_datetime(moment, "HH:mm")
