"""The main menu, per role."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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
        items.append(("admin.students", _("Beheer")))
    return items


# The teacher's pages of one class and assignment, made by different parts of the site; each page
# links to some of the others (see `teacher_pages`).
TEACHER_PAGES = {
    "review.dashboard": _l("Nakijken"),
    "class_assignments.overview": _l("Overzicht per onderdeel"),
    "class_assignments.settings": _l("Instellingen: deadline en rubric"),
    "class_assignments.export_csv": _l("Cijfers downloaden (CSV)"),
    "class_assignments.export_zip": _l("Alle klantreizen downloaden (ZIP)"),
    "gallery.index": _l("Galerij"),
}


def teacher_pages(class_id: int, assignment_id: str, endpoints: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, url) of these teacher pages of a class and assignment, in this order."""
    return [(str(TEACHER_PAGES[endpoint]), url_for(endpoint, class_id=class_id, assignment_id=assignment_id))
            for endpoint in endpoints]
