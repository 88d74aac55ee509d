"""Routes of this area."""
from . import bp  # noqa: F401
