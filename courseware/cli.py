"""Command-line tasks: `flask --app courseware <command>`."""
from __future__ import annotations

import click
from flask import Flask

from .extensions import db


def register_cli(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db() -> None:
        """Create the tables that do not exist yet."""
        db.create_all()
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
