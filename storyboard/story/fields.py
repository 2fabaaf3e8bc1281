"""Field types of the story model: each checks its value with a plain message and says its schema.

Every field of the model is annotated with `IN_HASH` or `NOT_IN_HASH`: whether the version
hash (what the family agreed to) covers it. `tests/story/test_model.py` fails on a field
that does not say.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from storyboard.story.constants import MAX_TEXT

HEX_COLOUR = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
LANGUAGE = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_COLOUR_RE, _LANGUAGE_RE, _DATE_RE = re.compile(HEX_COLOUR), re.compile(LANGUAGE), re.compile(DATE)


@dataclass(frozen=True)
class Hash:
    """Marks whether the version hash covers a field, and from which hash scheme on.

    A field added after scheme 2 says `since=3`: scheme 2 (which hashes defaults too) leaves
    it out at its default, so a version recorded with scheme 2 keeps its hash.
    """

    covered: bool
    since: int = 1


IN_HASH = Hash(True)
NOT_IN_HASH = Hash(False)
IN_HASH_SINCE_3 = Hash(True, since=3)
# The second language's words (`text_2`, `title_2`, ...): added after scheme 2, and left out
# at their default (empty) by scheme 3, so every hash recorded before them is unchanged.
SECOND = IN_HASH_SINCE_3


def fail(message: str) -> PydanticCustomError:
    """An error whose message is shown after the field's place, e.g. `title: is required`."""
    return PydanticCustomError("storyfile", message)


def _checked(check: Callable[[Any], Any], schema: dict[str, Any]) -> tuple[Any, ...]:
    return (PlainValidator(check), WithJsonSchema(schema))


def _as_text(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("must be text")
    if len(value) > MAX_TEXT:
        raise fail(f"is longer than {MAX_TEXT:,} characters")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def at_most(count: int, what: str) -> Callable[[Any], Any]:
    """A check (before the items' own) that a list holds at most `count` items."""

    def check(value: Any) -> Any:
        if isinstance(value, list) and len(value) > count:
            raise fail(f"has more than {count} {what}")
        return value

    return check


def as_filled_text(value: Any) -> str:
    value = _as_text(value)
    if not value.strip():
        raise fail("must not be empty")
    return value


def _as_flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail("must be true or false")
    return value


def _as_colour(value: Any) -> str:
    if not (isinstance(value, str) and _COLOUR_RE.match(value)):
        raise fail("must be a colour like #fff8e7")
    return value


def _as_language(value: Any) -> str:
    if not (isinstance(value, str) and _LANGUAGE_RE.match(value)):
        raise fail("must be a BCP 47 language tag such as en or ar")
    return value


@cache
def _known_languages() -> frozenset[str]:
    """The primary language subtags CLDR names (Babel's list): about 670 languages."""
    from babel import Locale

    return frozenset(code.lower() for code in Locale("en").languages)


def as_known_language(value: Any) -> str:
    value = _as_language(value)
    if value.split("-")[0].lower() not in _known_languages():
        raise fail("must be a BCP 47 tag of a known language, such as ar or pl")
    return value


def _as_date(value: Any) -> str:
    try:
        if not (isinstance(value, str) and _DATE_RE.match(value)):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        raise fail("must be an ISO date such as 2024-05-31") from None
    return value


def is_number(value: Any) -> bool:
    """Return True for an int or a finite float (never a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def number(low: float, high: float, *, integer: bool = False, optional: bool = False) -> Any:
    """A number in [low, high], kept as given (an int stays an int, so old hashes hold)."""

    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        if not is_number(value) or (integer and not isinstance(value, int)):
            raise fail("must be a whole number" if integer else "must be a number")
        if not low <= value <= high:
            raise fail(f"must be between {low:g} and {high:g}")
        return value

    kind: dict[str, Any] = {
        "type": "integer" if integer else "number", "minimum": low, "maximum": high,
    }  # fmt: skip
    schema = {"anyOf": [kind, {"type": "null"}]} if optional else kind
    return Annotated[int | float | None if optional else int | float, *_checked(check, schema)]


def choice(values: tuple[str, ...], message: str | None = None) -> Any:
    """One of a fixed set of words."""

    def check(value: Any) -> str:
        if value not in values:
            raise fail(message or "must be one of " + ", ".join(values))
        return value

    return Annotated[str, *_checked(check, {"type": "string", "enum": list(values)})]


def _maybe(check: Callable[[Any], Any], schema: dict[str, Any]) -> tuple[Any, ...]:
    """The same check, with null allowed (for fields that may be left empty)."""
    return _checked(
        lambda value: None if value is None else check(value),
        {"anyOf": [schema, {"type": "null"}]},
    )


def _as_speaker(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise fail('must be a people id or "agreed"')
    return value


def _as_person(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise fail(NOT_A_PERSON)
    return value


NOT_A_PERSON = "must be the id of someone in people"
_TEXT = {"type": "string", "maxLength": MAX_TEXT}
_COLOUR = {"type": "string", "pattern": HEX_COLOUR}
_DATE_SCHEMA = {"type": "string", "pattern": DATE, "format": "date"}
Text = Annotated[str, *_checked(_as_text, _TEXT)]
MaybeText = Annotated[str | None, *_maybe(_as_text, _TEXT)]
FilledText = Annotated[str, *_checked(as_filled_text, {"type": "string", "pattern": r"\S"})]
Flag = Annotated[bool, *_checked(_as_flag, {"type": "boolean"})]
Colour = Annotated[str, *_checked(_as_colour, _COLOUR)]
MaybeColour = Annotated[str | None, *_maybe(_as_colour, _COLOUR)]
Language = Annotated[str, *_checked(_as_language, {"type": "string", "pattern": LANGUAGE})]
# A second language: a tag of a language CLDR knows (`Story` checks it is not the first).
MaybeKnownLanguage = Annotated[
    str | None, *_maybe(as_known_language, {"type": "string", "pattern": LANGUAGE})
]
MaybeDate = Annotated[str | None, *_maybe(_as_date, _DATE_SCHEMA)]
Speaker = Annotated[str | None, *_checked(_as_speaker, {"anyOf": [_TEXT, {"type": "null"}]})]
# Someone in `people` (by id), or no one (None); `Story.check_references` checks the id.
PersonRef = Annotated[str | None, *_checked(_as_person, {"anyOf": [_TEXT, {"type": "null"}]})]


def _point(value: Any) -> list[float]:
    if not (isinstance(value, list) and len(value) == 2 and all(is_number(v) for v in value)):
        raise fail("must be [x, y]")
    return value


Point = Annotated[
    list[float],
    *_checked(_point, {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}),
]
