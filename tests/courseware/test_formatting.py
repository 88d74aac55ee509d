"""Moments in Dutch and in the site's time zone, also in summers after 2037 (where pytz, which
Flask-Babel would use, no longer knows summer time)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from courseware.formatting import format_clock, format_deadline, format_moment


@pytest.mark.parametrize("year", [2026, 2030, 2038, 2099])
def test_a_summer_deadline_is_shown_in_summer_time(app, year):
    with app.test_request_context():
        moment = datetime(year, 6, 30, 15, 0, tzinfo=UTC)  # 17:00 in Amsterdam
        assert format_deadline(moment).endswith("30 juni om 17:00")
        assert format_moment(moment) == f"30 juni {year} om 17:00"


def test_a_winter_moment_and_a_naive_one_from_sqlite(app):
    with app.test_request_context():
        assert format_clock(datetime(2099, 12, 1, 16, 0, tzinfo=UTC)) == "17:00"
        assert format_clock(datetime(2099, 12, 1, 16, 0)) == "17:00"  # naive: UTC as stored
