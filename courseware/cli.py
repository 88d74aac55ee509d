"""Command-line tasks: `flask --app courseware <command>`.

The schema is managed by Alembic migrations (Flask-Migrate: `flask --app courseware db ...`,
the migrations in courseware/migrations/). `init-db` is kept as a short name for `db upgrade`.
"""
from __future__ import annotations

import sys

import click
from flask import Flask
from sqlalchemy import inspect

from .extensions import db


def register_cli(app: Flask) -> None:
    register_account_commands(app)

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


def _read_password(password_stdin: bool) -> str:
    """The password from standard input (its first line) or asked twice, hidden."""
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = click.prompt("Wachtwoord", hide_input=True, default="", show_default=False)
    again = click.prompt("Wachtwoord nog een keer", hide_input=True, default="", show_default=False)
    if first != again:
        raise click.ClickException("De twee wachtwoorden zijn niet hetzelfde. Er is geen account gemaakt.")
    return first


def _check_username(username: str) -> None:
    """Stop before asking for a password when the username cannot be used."""
    from .staff_accounts import username_problem

    problem = username_problem(username.strip().lower())
    if problem:
        raise click.ClickException(problem)


def _create_staff(role, username: str, name: str, password: str, *, check_password: bool = True):
    from .staff_accounts import AccountProblem, create_staff

    try:
        return create_staff(role, username, name, password, check_password=check_password)
    except AccountProblem as problem:
        raise click.ClickException(str(problem)) from None


def register_account_commands(app: Flask) -> None:
    from .models import Role

    password_stdin = click.option("--password-stdin", is_flag=True,
                                  help="Read the password from the first line of standard input.")

    @app.cli.command("create-admin")
    @click.argument("username")
    @click.option("--name", default="Beheerder", show_default=True, help="Display name.")
    @password_stdin
    def create_admin(username: str, name: str, password_stdin: bool) -> None:
        """Make an admin account (the first one on an empty production database); asks for a password."""
        _check_username(username)
        user = _create_staff(Role.ADMIN, username, name, _read_password(password_stdin))
        click.echo(f"Beheerder '{user.username}' gemaakt. Log in op /inloggen.")

    @app.cli.command("create-teacher")
    @click.argument("username")
    @click.option("--name", required=True, help='Display name, e.g. --name "Mevrouw Jansen".')
    @click.option("--password", "ask", is_flag=True, help="Ask for the password instead of making one.")
    @password_stdin
    def create_teacher(username: str, name: str, ask: bool, password_stdin: bool) -> None:
        """Make a teacher account. Without --password or --password-stdin it prints a one-time password."""
        from .passwords import readable_password

        _check_username(username)
        if ask or password_stdin:
            user = _create_staff(Role.TEACHER, username, name, _read_password(password_stdin))
            click.echo(f"Docent '{user.username}' gemaakt.")
            return
        password = readable_password()
        user = _create_staff(Role.TEACHER, username, name, password, check_password=False)
        click.echo(f"Docent '{user.username}' gemaakt. Eenmalig wachtwoord: {password}")
        click.echo("Geef het aan de docent. De docent kiest daarna zelf een ander wachtwoord.")


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
