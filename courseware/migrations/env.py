"""Alembic's environment for Klantreislab, run by Flask-Migrate (`flask --app courseware db ...`).

The database is the app's (DATABASE_URL, or SQLite in instance/); the target schema is the
models' MetaData (courseware.models), with the naming convention of courseware.extensions.
Options such as render_as_batch (SQLite) come from Migrate(...) in courseware/__init__.py.
"""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config

# Alembic's logging settings (alembic.ini) for the command line; under the tests (app.testing)
# pytest's logging stays as it is. Loggers that exist already are never switched off.
if config.config_file_name is not None and not current_app.testing:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def get_engine():
    return target_db.engine


def get_metadata():
    return target_db.metadata


config.set_main_option(
    "sqlalchemy.url", get_engine().url.render_as_string(hide_password=False).replace("%", "%%"))


def run_migrations_offline():
    """`flask db upgrade --sql`: print the SQL instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=get_metadata(),
        literal_binds=True,
        **current_app.extensions["migrate"].configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    # `flask db migrate` without a change in the models writes no empty migration.
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("compare_type", True)

    with get_engine().connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
