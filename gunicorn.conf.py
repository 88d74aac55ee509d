"""Gunicorn's settings for Klantreislab in production: `make serve`, or
`.venv/bin/gunicorn -c gunicorn.conf.py` from the repository root.

Every setting can be changed through the environment (see README, "Production"):

  GUNICORN_BIND       where to listen (default 127.0.0.1:8000: put a reverse proxy such as nginx
                      in front, which terminates HTTPS)
  WEB_CONCURRENCY     worker processes (default 2 x cores + 1)
  GUNICORN_THREADS    threads per worker (default 2: a login's password check, about 150 ms of
                      scrypt that runs outside Python's lock, then does not hold up the other
                      requests of its worker; more threads made PostgreSQL slower on a 2-core
                      server, see docs/performance.md)
  GUNICORN_KEEPALIVE  seconds an idle kept-alive connection stays open (default 75)
  GUNICORN_TIMEOUT    seconds a request may take before its worker is restarted (default 60)
  GUNICORN_ACCESS_LOG access log file, "-" for standard output (the default)
  GUNICORN_LOG_LEVEL  debug, info (default), warning, error
  FORWARDED_ALLOW_IPS the proxies trusted to pass X-Forwarded-Proto (default 127.0.0.1)

The site keeps no state in its processes: accounts, drafts, hand-ins and reviews are in the
database (DATABASE_URL), sessions are signed cookies (SECRET_KEY), and the rate limits count in
Redis (REDIS_URL). So any number of workers, on any number of machines, can serve it.
"""
import multiprocessing
import os

wsgi_app = "courseware:create_app()"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))  # > 1: the gthread worker

# Load the app once in the master, before forking: a broken configuration (no SECRET_KEY, a
# wrong DATABASE_URL) stops the server at once instead of every worker failing in a loop, and
# the lessons and assignments are read once.
preload_app = True

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a class exporting its grades takes a while
graceful_timeout = 30  # on restart, requests in progress get this long to finish
# An idle kept-alive connection stays open this long (seconds). Longer than the pauses between a
# student's requests (reading, typing: up to half a minute), so a browser's next save does not go
# out on a connection the server is closing at that moment (the request then gets no answer and
# has to be sent again). An idle connection costs the gthread worker only a file descriptor.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))

# Restart a worker now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No query strings in the access log: they could hold a join code.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'

# The reverse proxy on this machine may tell the client's address and scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Compile every template once in the master, so the workers inherit them compiled instead of
    each compiling them again on first use (and again after every restart, see max_requests)."""
    app = server.app.wsgi()
    env = getattr(app, "jinja_env", None)
    if env is None:
        return
    for name in env.list_templates(extensions=("html", "txt", "svg", "md")):
        env.get_template(name)


def post_fork(server, worker):
    """A worker must not share the master's database connections: start with an empty pool."""
    from courseware.extensions import db

    app = server.app.wsgi()
    if not hasattr(app, "app_context"):  # not the Flask app itself (e.g. wrapped in middleware)
        return
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
