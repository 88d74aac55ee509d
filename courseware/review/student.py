"""What a student sees of the teacher's review: only released reviews, and nothing at all
(not even that a review exists) before release."""
from __future__ import annotations

from collections.abc import Iterable

from ..grading import Result, results_for
from ..models import Attempt


def released_results(attempts: Iterable[Attempt]) -> dict[int, Result]:
    """The results (with the teacher's levels and comments) of the attempts whose review is
    released, by attempt id; attempts without a released review are left out."""
    return {attempt_id: result for attempt_id, result in results_for(attempts).items() if result.released}
