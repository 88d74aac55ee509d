"""Database models, one module per area. Importing this package registers them all."""
from .accounts import Role, SchoolClass, User  # noqa: F401
