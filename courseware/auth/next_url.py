"""The `next` page after logging in: only a path on this site, never another site."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """`target` if it is a relative URL on this site ("/lessen?x=1"), otherwise None.

    Refused: absolute URLs, scheme-relative "//host", backslashes (browsers read "/\\host" as
    "//host") and control characters (browsers drop tabs and newlines: "/\\t/host").
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
