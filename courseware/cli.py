"""Command-line tasks: `flask --app courseware <command>`.

The schema is managed by Alembic migrations (Flask-Migrate: `flask --app courseware db ...`,
the migrations in courseware/migrations/). `init-db` is kept as a short name for `db upgrade`.
"""
from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import inspect

from .extensions import db


def register_cli(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db() -> None:
        """Upgrade the database to the newest migration (the same as `flask db upgrade`).

        A database made before the migrations existed (by the old `init-db`, which called
        create_all) has the tables but no Alembic version: when its schema is exactly the
        models' it is marked as up to date (`db stamp head`); otherwise this stops and says why.
        """
        from flask_migrate import stamp, upgrade

        tables = set(inspect(db.engine).get_table_names())
        if tables and "alembic_version" not in tables:
            differences = schema_differences()
            if differences:
                listed = "\n".join(f"  {difference!r}" for difference in differences[:10])
                raise click.ClickException(
                    "Deze database is gemaakt zonder migraties en wijkt af van de modellen:\n"
                    f"{listed}\nMaak een lege database, of zet de versie met "
                    "`flask --app courseware db stamp <revisie>` en draai dan `db upgrade`.")
            stamp()
            click.echo("Bestaande database overgenomen (db stamp head).")
        upgrade()
        click.echo("Database klaar.")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only when the database has no users yet.")
    def seed_demo(if_empty: bool) -> None:
        """Create a demo teacher, a class, students and hand-ins of mixed quality."""
        from . import demo

        if not demo.is_empty():
            if if_empty:
                click.echo("De database heeft al gebruikers: geen demodata toegevoegd.")
                return
            raise click.ClickException("De database heeft al gebruikers. Gebruik een lege database voor de demo.")
        logins = demo.seed()
        click.echo(f"Demodata gemaakt. Klas '{demo.CLASS_NAME}', klascode {demo.JOIN_CODE}.")
        click.echo("Inloggen (rol, gebruikersnaam, wachtwoord):")
        for role, username, password in logins:
            click.echo(f"  {role:<10} {username:<8} {password}")


def schema_differences() -> list:
    """Alembic's differences between the database and the models (empty: they agree).

    Ignores the alembic_version table. Used by `init-db` and by the migration tests.
    """
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parent: not (type_ == "table" and name == "alembic_version"),
        })
        return compare_metadata(context, db.metadata)
