"""A class's deadline as the teacher types it (a date and a time in the site's time zone, Dutch
or ISO notation) and as it is stored (UTC)."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

END_OF_DAY = time(23, 59)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a deadline outside these years is a typo (and 0001 cannot be stored)

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")


class NonexistentTime(ValueError):
    """The local time does not exist on that day: the clocks go forward an hour."""


def parse_date(text: str) -> date:
    """2025-03-14 (what a date input sends) or 14-03-2025, 14/3/2025, 14.3.2025. ValueError otherwise."""
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


def parse_time(text: str) -> time:
    """17:00 (what a time input sends), 9:30 or 17.00. ValueError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))


def to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The moment `day` `at` in `zone`, in UTC. In the autumn hour that happens twice, the first
    one counts. Raises NonexistentTime for a time skipped in spring."""
    local = datetime.combine(day, at, tzinfo=zone)
    moment = local.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentTime(f"{day} {at}")
    return moment


def to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A stored moment (UTC, possibly naive from SQLite) in `zone`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)
