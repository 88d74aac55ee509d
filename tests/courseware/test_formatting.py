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
        assert format_deadline(moment, now=datetime(year, 5, 1, tzinfo=UTC)).endswith("30 juni om 17:00")
        assert format_moment(moment) == f"30 juni {year} om 17:00"


def test_a_winter_moment_and_a_naive_one_from_sqlite(app):
    with app.test_request_context():
        assert format_clock(datetime(2099, 12, 1, 16, 0, tzinfo=UTC)) == "17:00"
        assert format_clock(datetime(2099, 12, 1, 16, 0)) == "17:00"  # naive: UTC as stored


def test_a_deadline_far_from_now_says_its_year(app):
    with app.test_request_context():
        now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
        assert format_deadline(datetime(2027, 1, 15, 16, 0, tzinfo=UTC), now) == "vrijdag 15 januari om 17:00"
        assert format_deadline(datetime(2026, 9, 1, 10, 0), now) == "dinsdag 1 september om 12:00"  # naive: UTC
        assert format_deadline(datetime(2020, 1, 1, 11, 0, tzinfo=UTC), now) == "woensdag 1 januari 2020 om 12:00"
        assert format_deadline(datetime(2027, 9, 1, 10, 0, tzinfo=UTC), now) == "woensdag 1 september 2027 om 12:00"
        assert format_deadline(None) == ""
