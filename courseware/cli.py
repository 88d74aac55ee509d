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
