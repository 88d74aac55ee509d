"""Klantreislab's course site: a Flask app factory, one blueprint per area of the site."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from .config import DEV_SECRET_KEY, Config, database_url, is_postgresql
from .extensions import babel, csrf, db, login_manager, migrate

# Installed with the package (pyproject.toml, package-data), so a wheel install finds them too.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)  # templates in courseware/templates/
    app.config.from_object(Config)
    # `make run` writes a random SECRET_KEY to instance/settings.py on a fresh machine.
    app.config.from_pyfile("settings.py", silent=True)
    if test_config is not None:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "klantreislab.db")
    _configure_database(app)
    if not (app.debug or app.testing) and app.config["SECRET_KEY"] == DEV_SECRET_KEY:
        raise RuntimeError("Set SECRET_KEY: the development key is not allowed outside debug mode.")

    db.init_app(app)
    from . import sqlite
    with app.app_context():
        for engine in db.engines.values():
            sqlite.configure(engine)  # WAL, busy timeout, synchronous=NORMAL on every connection
    # Batch mode lets SQLite (which cannot ALTER much) run the same migrations as PostgreSQL.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log eerst in om deze pagina te zien."
    login_manager.login_message_category = "info"

    from . import errors
    errors.init_app(app)  # Dutch 500 and 503 pages with a request id; URL ids that cannot overflow
    from . import models  # noqa: F401  (register the tables)
    from .admin import bp as admin_bp
    from .assignment_pages import bp as assignments_bp
    from .auth import bp as auth_bp
    from .builder import bp as builder_bp
    from .class_assignments import bp as class_assignments_bp
    from .classes import bp as classes_bp
    from .gallery import bp as gallery_bp
    from .lessons import bp as lessons_bp
    from .main import bp as main_bp
    from .own_assignments import bp as own_assignments_bp
    from .review import bp as review_bp

    for blueprint in (auth_bp, main_bp, classes_bp, lessons_bp, assignments_bp, builder_bp,
                      review_bp, class_assignments_bp, gallery_bp, admin_bp, own_assignments_bp):
        app.register_blueprint(blueprint)

    from . import security, sessions
    from .cli import register_cli
    from .initialization import init_error_pages, init_request_hooks, init_template_globals, init_translations

    init_template_globals(app)
    init_translations(app)  # after babel.init_app: replaces its template callables
    init_request_hooks(app)
    init_error_pages(app)
    security.init_app(app)  # security headers on every response, the login throttle, JSON 413s
    sessions.init_app(app)  # sessions end on the server: logout, new password, "Overal uitloggen"
    register_cli(app)
    return app


def _configure_database(app: Flask) -> None:
    """PostgreSQL URLs on the psycopg driver, and PostgreSQL sessions in UTC like everything stored."""
    url = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if is_postgresql(url):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        connect_args = dict(options.get("connect_args") or {})
        if "timezone" not in connect_args.get("options", ""):
            connect_args["options"] = (connect_args.get("options", "") + " -c timezone=UTC").strip()
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


