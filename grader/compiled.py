"""Word lists compiled once, as Python compiles a module to a .pyc.

Building the stage lexicon's index (stems, compounds, tiers) from its TOML file takes longer than
grading a journey. The first process that builds it keeps a pickled copy in
`grader/data/__pycache__/`, named by a hash of the data file, of the code that builds it and of
the installed stemmer's stems, so a changed word list, a changed index or another stemmer is never
read from an old copy. Where that folder cannot be written (a read-only install), the index is
simply built in memory, as before.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


# The package is installed as files (editable or wheel); importlib.resources costs ~7 ms to load.
DATA = Path(__file__).resolve().parent / "data"


def data_file(name: str) -> Path:
    return DATA / name


def compiled(source: Path, builder_file: str, build: Callable[[str], T]) -> T:
    """`build(text of source)`, from the compiled copy when there is a fresh one."""
    from .text import stemmer_probe  # text.py reads its stop words through this module

    text = source.read_text("utf-8")
    code = Path(builder_file).read_bytes()
    # The stems in a word list's index depend on the installed stemmer, so its probe is in the key.
    stemmer = "|".join(stemmer_probe()).encode()
    key = hashlib.sha256(text.encode() + b"\0" + code + b"\0" + stemmer + sys.version.encode()).hexdigest()[:16]
    folder = source.parent / "__pycache__"
    cached = folder / f"{source.name}.{key}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = build(text)
    try:
        folder.mkdir(exist_ok=True)
        for old in folder.glob(f"{source.name}.*.pickle"):
            old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cached)  # atomic: a process that reads meanwhile sees all or nothing
    except OSError:
        pass
    return value
