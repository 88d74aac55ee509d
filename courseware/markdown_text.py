"""Markdown as the site shows it (lessons, assignment scenarios): commonmark with tables, safe.

Raw HTML is escaped, and javascript:/vbscript:/file:/data: links stay plain text (markdown-it's
``validateLink``), so a teacher's or a lesson's text can never put a script on a page.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(source: str) -> str:
    """The HTML of `source`: safe to put on a page as it is."""
    return _markdown.render(source)


def markdown_markup(source: str) -> Markup:
    """render_markdown for a template: marked safe, as it is."""
    return Markup(render_markdown(source))
