"""When a student sees a grade: THE rule for every student page (Controleer, the hand-in, the
attempts, the assignments list, Start).

Per class and assignment the teacher chooses (ClassAssignment.grade_display):

- "Cijfer tonen na mijn beoordeling" (AFTER_REVIEW, the default): until the teacher releases the
  review the student sees the levels and feedback as *voorlopige feedback*, and no grade (HIDDEN);
- "Cijfer meteen tonen" (AT_ONCE, for practice assignments): the grade, labelled *voorlopig
  cijfer* (PROVISIONAL).

Once released, the student sees the teacher's grade (FINAL). A student without a class has no
teacher to review their work: they see the provisional grade.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import ClassAssignment, User

AFTER_REVIEW, AT_ONCE = "after_review", "at_once"
CHOICES = (
    (AFTER_REVIEW, _l("Cijfer tonen na mijn beoordeling")),
    (AT_ONCE, _l("Cijfer meteen tonen")),
)
HIDDEN, PROVISIONAL, FINAL = "hidden", "provisional", "final"


def mode_for(setting: ClassAssignment | None, released: bool = False, in_class: bool = True) -> str:
    """HIDDEN, PROVISIONAL or FINAL for a student's work under this class setting."""
    if released:
        return FINAL
    if not in_class or (setting is not None and setting.grade_display == AT_ONCE):
        return PROVISIONAL
    return HIDDEN


def student_mode(user: User, assignment_id: str, released: bool = False) -> str:
    """The mode for this student's (unreleased or released) work on this assignment (one query)."""
    if released:
        return FINAL
    return mode_for(ClassAssignment.for_student(user, assignment_id), in_class=user.class_id is not None)
