"""Database models, one module per area. Importing this package registers them all."""
from .accounts import Role, SchoolClass, User, class_teachers  # noqa: F401
from .groups import GroupMember, StudyGroup, attempt_members  # noqa: F401
from .journeys import Attempt, ClassAssignment, Draft, PendingSave  # noqa: F401
from .own_assignments import OwnAssignment  # noqa: F401
from .peer import FeedbackRound, GalleryExclusion, PeerReview  # noqa: F401
from .progress import LessonProgress  # noqa: F401
from .reviews import GradeCorrection, Grading, LevelOverride, Review, ReviewSeen  # noqa: F401
