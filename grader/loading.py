"""Reading journey files (JSON or YAML) safely: size limits, encodings, clear Dutch errors."""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from .journey import MAX_NUMBER_DIGITS, Journey, JourneyError, parse_journey

MAX_BYTES = 1_000_000
JOURNEY_SUFFIXES = (".journey.json", ".journey.yaml", ".journey.yml")


# A whole number with more digits than this is read as NaN, so that the field it is in gets a
# Dutch message ("moet ... zijn"), not Python's int-string limit (4300 digits) as a crash.
_TOO_LONG = float("nan")


def _parse_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_NUMBER_DIGITS + 1 else _TOO_LONG


@functools.lru_cache(maxsize=1)
def _safe_loader(yaml: Any) -> type:
    """yaml.SafeLoader of this yaml module, with too long whole numbers read as NaN (see
    _parse_int). Made at the first YAML file: importing yaml is slow, and most journeys are JSON.
    Keyed by the module, so a yaml imported again (pytest's in-process runs drop the modules they
    imported) gets a loader whose errors are its own YAMLError."""

    class SafeLoader(yaml.SafeLoader):
        def construct_yaml_int(self, node):
            if len(str(node.value)) > MAX_NUMBER_DIGITS + 1:
                return _TOO_LONG
            return super().construct_yaml_int(node)

    SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_yaml_int)
    return SafeLoader


def _decode_json(text: str) -> Any:
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise JourneyError([f"Dit is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}): "
                            f"{_json_reason(exc.msg)}."]) from None


def _json_reason(msg: str) -> str:
    known = {
        "Expecting value": "hier verwacht ik een waarde",
        "Expecting ',' delimiter": "hier mist een komma",
        "Expecting property name enclosed in double quotes": "een veldnaam moet tussen dubbele aanhalingstekens staan",
        "Unterminated string starting at": "een tekst is niet afgesloten met een aanhalingsteken",
        "Extra data": "na het einde staat nog iets",
        "Expecting ':' delimiter": "hier mist een dubbele punt",
        "Invalid control character at": "er staat een ongeldig teken in een tekst",
    }
    return next((dutch for english, dutch in known.items() if msg.startswith(english)), "de opbouw klopt niet")


def _decode_yaml(text: str) -> Any:
    import yaml  # only for YAML files: it is slow to import

    try:
        return yaml.load(text, Loader=_safe_loader(yaml))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        raise JourneyError([f"Dit is geen geldige YAML{where}."]) from None


def decode(data: bytes | str, filename: str = "") -> Any:
    """Turn file contents into a plain value; raise JourneyError in Dutch when that fails."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        text = data
    else:
        size = len(data)
        text = None
    if size > MAX_BYTES:
        raise JourneyError([f"Het bestand is te groot ({size // 1000} kB): hoogstens {MAX_BYTES // 1000} kB."])
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JourneyError(["Het bestand is geen tekst in UTF-8. "
                                "Sla het op als UTF-8 en probeer het opnieuw."]) from None
    if "\x00" in text:
        raise JourneyError(["Het bestand bevat ongeldige tekens; is het wel een klantreis?"])
    lower = filename.lower()
    try:
        if lower.endswith(".json"):
            return _decode_json(text)
        if lower.endswith((".yaml", ".yml")):
            return _decode_yaml(text)
        stripped = text.lstrip()
        if stripped.startswith(("{", "[")):
            return _decode_json(text)
        return _decode_yaml(text)
    except RecursionError:
        raise JourneyError(["Het bestand is te diep genest om te lezen."]) from None


def load_journey(data: bytes | str, filename: str = "") -> Journey:
    """Decode and check a journey; raise JourneyError (Dutch messages) for anything wrong."""
    try:
        return parse_journey(decode(data, filename))
    except RecursionError:
        raise JourneyError(["Het bestand is te diep genest om te lezen."]) from None


def load_journey_file(path: str | os.PathLike[str]) -> Journey:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise JourneyError([f"Het bestand is te groot ({size // 1000} kB): hoogstens {MAX_BYTES // 1000} kB."])
        data = path.read_bytes()
    except OSError as exc:
        raise JourneyError([f"Ik kan het bestand niet lezen: {exc.strerror or exc}."]) from None
    return load_journey(data, path.name)


def is_journey_file(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(JOURNEY_SUFFIXES)
