"""The main menu, per role."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user


def nav_items() -> list[tuple[str, str]]:
    if not current_user.is_authenticated:
        return []
    items = [("main.index", _("Start"))]
    if current_user.is_teacher or current_user.is_admin:
        items.append(("classes.index", _("Klassen")))
    items += [("lessons.index", _("Lessen")), ("assignments.index", _("Opdrachten"))]
    if current_user.is_teacher or current_user.is_admin:
        items.append(("own_assignments.index", _("Mijn opdrachten")))
    if current_user.is_admin:
        items.append(("admin.teachers", _("Beheer")))
    return items
