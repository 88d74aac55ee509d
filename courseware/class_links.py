"""What a student can open with their class for an assignment: the gallery and tops en tips.
Used by the assignment page to show its links only when there is something to see (the pages are
the gallery blueprint's)."""
from __future__ import annotations

from dataclasses import dataclass

from .models import ClassAssignment, FeedbackRound, User


@dataclass(frozen=True)
class ClassLinks:
    gallery_open: bool = False
    peer_open: bool = False  # a round of tops en tips is open: write
    peer_released: bool = False  # a round was released: read what you got

    @property
    def any(self) -> bool:
        return self.gallery_open or self.peer_open or self.peer_released


def class_links(user: User, assignment_id: str) -> ClassLinks:
    if not user.is_student or user.class_id is None:
        return ClassLinks()
    setting = ClassAssignment.find(user.class_id, assignment_id)
    current = FeedbackRound.current(user.class_id, assignment_id)
    released = current if current is not None and current.is_released else \
        FeedbackRound.latest_released(user.class_id, assignment_id)
    return ClassLinks(
        gallery_open=bool(setting and setting.gallery_open),
        peer_open=bool(current and current.is_open),
        peer_released=released is not None,
    )
