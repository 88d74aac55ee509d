"""The app as loadtest/run.sh serves it: `gunicorn -c gunicorn.conf.py loadtest.wsgi:app`.

The same create_app() as production, with one change: the login throttle (Flask-Limiter) is off
unless RATELIMIT_ENABLED says otherwise, since all load comes from 127.0.0.1. (The throttle only
counts failed logins, so it would not limit this test anyway; it is off to measure the site.)
"""
import os

from courseware import create_app

app = create_app({"RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "false").lower() in ("1", "true", "yes")})
