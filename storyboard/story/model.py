"""The typed story: the one shape of a storyboard that every path reads and writes.

Pure (no Flask, no database). Unknown fields are kept at every level, so a file from a newer
version round-trips. Defaults the file format promises (language, status, section, kind, a
picture's place) are filled in, so the validated document says them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from storyboard.story.constants import (
    AGREED,
    FORMAT,
    KINDS,
    MAX_PANELS,
    MAX_PEOPLE,
    MAX_RATINGS,
    PAGE_SIZES,
    PERSON_KINDS,
    SECTIONS,
    SOURCE_KINDS,
    STATUSES,
)
from storyboard.story.fields import (
    IN_HASH,
    IN_HASH_SINCE_3,
    NOT_A_PERSON,
    NOT_IN_HASH,
    SECOND,
    Colour,
    FilledText,
    Flag,
    Language,
    MaybeColour,
    MaybeDate,
    MaybeKnownLanguage,
    MaybeText,
    PersonRef,
    Point,
    Speaker,
    Text,
    at_most,
    choice,
    fail,
    number,
)
from storyboard.story.fields import (
    as_filled_text as _filled,
)

_EMOJI = re.compile(r"^[0-9A-Fa-f]{2,6}(?:-[0-9A-Fa-f]{2,6})*$")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# The same rules as _check_src, for the schema (ECMA-262 regular expression).
_SOURCE_PATTERN = (
    r"^(?:library:[A-Za-z0-9][A-Za-z0-9_.-]*|emoji:[0-9A-Fa-f]{2,6}(?:-[0-9A-Fa-f]{2,6})*"
    r"|file:(?!/)(?![^\\]*\\)(?!(?:.*/)?\.\.(?:/|$)).+|drawing:.+)$"
)


def safe_member(name: str) -> bool:
    """Return True for a relative path inside a zip: no leading /, no .., no backslash."""
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "\\" not in name


class Part(BaseModel):
    """Base of every part of the story: strict types, unknown fields kept."""

    model_config = ConfigDict(strict=True, extra="allow", validate_default=False)


class Stroke(Part):
    """One line of a finger drawing, in the drawing's own units."""

    color: Annotated[Colour, IN_HASH] = "#333333"
    size: Annotated[number(0.1, 500), IN_HASH] = 6
    erase: Annotated[Flag, IN_HASH] = False
    points: Annotated[list[Point], IN_HASH] = Field(default_factory=list)


class Drawing(Part):
    """A finger drawing kept as vector strokes."""

    width: Annotated[number(1, 10000), IN_HASH]
    height: Annotated[number(1, 10000), IN_HASH]
    strokes: Annotated[list[Stroke], IN_HASH] = Field(default_factory=list)


def _check_src(value: Any) -> str:
    src = _filled(value)
    kind, _, name = src.partition(":")
    if kind not in SOURCE_KINDS or not name:
        raise fail("must start with library:, emoji:, file: or drawing:")
    if kind == "library" and not _STEM.match(name):
        raise fail("must name a library picture such as library:home")
    if kind == "emoji" and not _EMOJI.match(name):
        raise fail("must be emoji:<hex codepoints joined by ->")
    if kind == "file" and not safe_member(name):
        raise fail("must be a relative path inside the zip")
    return src


Source = Annotated[
    str,
    PlainValidator(_check_src),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _SOURCE_PATTERN,
            "description": "library:<illustration>, emoji:<hex codepoints joined by ->, "
            "file:<path inside the zip>, or drawing:<id in drawings>.",
        }
    ),
]


class Picture(Part):
    """A picture placed on a panel's scene; x, y and width are fractions of the scene."""

    src: Annotated[Source, IN_HASH]
    x: Annotated[number(0, 1), IN_HASH] = 0.35
    y: Annotated[number(0, 1), IN_HASH] = 0.25
    width: Annotated[number(0.01, 1), IN_HASH] = 0.3
    flip: Annotated[Flag, IN_HASH] = False
    label: Annotated[Text, IN_HASH] = ""
    alt: Annotated[Text, IN_HASH] = ""
    # In the story's second language (see `Story.second_language`).
    label_2: Annotated[Text, SECOND] = ""
    alt_2: Annotated[Text, SECOND] = ""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {"x": 0.35, "y": 0.25, "width": 0.3, **data}
        return data

    @property
    def kind(self) -> str:
        """What the source is: library, emoji, file or drawing."""
        return self.src.partition(":")[0]

    @property
    def name(self) -> str:
        """The source without its kind ("home" for library:home)."""
        return self.src.partition(":")[2]


def _check_audio_src(value: Any) -> str:
    src = _filled(value)
    kind, _, name = src.partition(":")
    if kind != "file" or not name or not safe_member(name):
        raise fail("must be file:<path of the recording inside the zip>")
    return src


AudioSource = Annotated[
    str,
    PlainValidator(_check_audio_src),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^file:(?!/)(?![^\\]*\\)(?!(?:.*/)?\.\.(?:/|$)).+$",
            "description": "file:<path of the recording inside the zip>.",
        }
    ),
]


class Audio(Part):
    """A page read aloud: a recording in the zip, and who is reading (a `people` id)."""

    src: Annotated[AudioSource, IN_HASH]
    speaker: Annotated[PersonRef, IN_HASH] = None


class Voice(Part):
    """One of two views on a two-voice page ("The doctors think...", "Mum and Dad say...")."""

    text: Annotated[Text, IN_HASH]
    speaker: Annotated[Speaker, IN_HASH] = None
    label: Annotated[Text, IN_HASH] = ""
    text_2: Annotated[Text, SECOND] = ""
    label_2: Annotated[Text, SECOND] = ""


class Rating(Part):
    """Where one person puts things on the safety scale (Mum at 6, Dad at 4)."""

    # A `people` id; None only for an old file's one mark, which named no one.
    by: Annotated[PersonRef, IN_HASH] = None
    value: Annotated[number(0, 10), IN_HASH]


class Scale(Part):
    """The 0 to 10 safety scale: where each person says things are, and what 10 means."""

    ratings: Annotated[
        list[Rating],
        BeforeValidator(at_most(MAX_RATINGS, "ratings")),
        Field(max_length=MAX_RATINGS),
        IN_HASH,
    ] = Field(default_factory=list)
    ten_means: Annotated[Text, IN_HASH] = ""
    ten_means_2: Annotated[Text, SECOND] = ""
    # Files from before ratings held one mark here. It is read into `ratings` (one rating by
    # no one) and never written again, so it is always None once read; `hashing` hashes a
    # scale whose ratings name no one as this one value, so old versions keep their hash.
    value: Annotated[number(0, 10, optional=True), IN_HASH] = None

    @model_validator(mode="after")
    def _old_value(self) -> Scale:
        if "value" in self.model_fields_set:
            if "ratings" not in self.model_fields_set:
                self.ratings = [] if self.value is None else [Rating(value=self.value)]
            self.__dict__["value"] = None
            self.model_fields_set.discard("value")
        return self

    @property
    def legacy(self) -> bool:
        """True when no rating names anyone (at most one, by no one): an old file's scale."""
        return all(r.by is None and not r.model_extra for r in self.ratings) and (
            len(self.ratings) <= 1
        )


class Panel(Part):
    """One page of the story, in the family's words."""

    text: Annotated[Text, IN_HASH]
    id: Annotated[Text, NOT_IN_HASH] = ""
    section: Annotated[choice(SECTIONS), IN_HASH] = "custom"
    kind: Annotated[choice(KINDS), IN_HASH] = "text"
    heading: Annotated[Text, IN_HASH] = ""
    speaker: Annotated[Speaker, IN_HASH] = None
    voices: Annotated[list[Voice], IN_HASH] = Field(default_factory=list)
    steps: Annotated[list[Text], IN_HASH] = Field(default_factory=list)
    scale: Annotated[Scale | None, IN_HASH] = None
    skipped: Annotated[Flag, IN_HASH] = False
    background: Annotated[MaybeColour, IN_HASH] = None
    pictures: Annotated[list[Picture], IN_HASH] = Field(default_factory=list)
    # The same words in the story's second language, entered by the worker or an
    # interpreter (never translated by the app): printed under the first language's.
    text_2: Annotated[Text, SECOND] = ""
    heading_2: Annotated[Text, SECOND] = ""
    steps_2: Annotated[list[Text], SECOND] = Field(default_factory=list)
    # The page read aloud (only in a zip, which carries the recording).
    audio: Annotated[Audio | None, IN_HASH_SINCE_3] = None
    # Advice and prompts for the worker: never printed, never part of what was agreed.
    dismissed_hints: Annotated[list[Text], NOT_IN_HASH] = Field(default_factory=list)
    guide: Annotated[Text, NOT_IN_HASH] = ""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {"section": "custom", "kind": "text", "pictures": [], **data}
        return data


class Child(Part):
    """Whose story it is."""

    name: Annotated[FilledText, IN_HASH]
    age: Annotated[number(0, 25, integer=True, optional=True), IN_HASH] = None
    # "she", "he", "they" or the family's own words; used to retell a story for a sibling.
    pronouns: Annotated[MaybeText, NOT_IN_HASH] = None


PersonId = Annotated[
    str,
    PlainValidator(_filled),
    WithJsonSchema({"type": "string", "pattern": r"\S", "not": {"const": AGREED}}),
]


class Person(Part):
    """Someone in the child's life; panels name speakers by `id`."""

    id: Annotated[PersonId, IN_HASH]
    name: Annotated[Text, IN_HASH] = ""
    role: Annotated[Text, IN_HASH] = ""
    # What the child calls them ("Mum", "Nan", "Andrea"): what the booklet prints as the
    # speaker. Empty: their role, else their first name; never their full name.
    known_as: Annotated[Text, IN_HASH] = ""
    pronouns: Annotated[MaybeText, NOT_IN_HASH] = None
    # family; professional (the worker, a teacher: a speaker like anyone else); child (a
    # child of the case, with their age: the story's own child has the role "me").
    kind: Annotated[choice(PERSON_KINDS), NOT_IN_HASH] = "family"
    age: Annotated[number(0, 25, integer=True, optional=True), NOT_IN_HASH] = None


class FamilyWord(Part):
    """A name the family agreed for something (for the editor's hints; not printed)."""

    word: Annotated[FilledText, IN_HASH]
    means: Annotated[Text, IN_HASH] = ""


class Story(Part):
    """A whole storyboard: the child, the people, the panels and their pictures."""

    format: Annotated[choice((FORMAT,), f'must be "{FORMAT}"'), IN_HASH]
    title: Annotated[FilledText, IN_HASH]
    child: Annotated[Child, IN_HASH]
    language: Annotated[Language, IN_HASH] = "en"
    # A bilingual booklet: every printed field X has its twin X_2 in this language.
    second_language: Annotated[MaybeKnownLanguage, SECOND] = None
    title_2: Annotated[Text, SECOND] = ""
    minimal: Annotated[Flag, IN_HASH] = False
    made_by: Annotated[Text, IN_HASH] = ""
    date: Annotated[MaybeDate, IN_HASH] = None
    people: Annotated[
        list[Person],
        BeforeValidator(at_most(MAX_PEOPLE, "people")),
        Field(max_length=MAX_PEOPLE),
        IN_HASH,
    ] = Field(default_factory=list)
    drawings: Annotated[dict[str, Drawing], IN_HASH] = Field(default_factory=dict)
    panels: Annotated[
        list[Panel],
        BeforeValidator(at_most(MAX_PANELS, "pages")),
        Field(max_length=MAX_PANELS),
        IN_HASH,
    ]
    # Chosen at export, or for the record: not what the family agreed to.
    status: Annotated[choice(STATUSES, 'must be "draft" or "approved"'), NOT_IN_HASH] = "draft"
    page_size: Annotated[choice(tuple(PAGE_SIZES)), NOT_IN_HASH] = "A4"
    page_colour: Annotated[MaybeColour, NOT_IN_HASH] = None
    purpose: Annotated[Text, NOT_IN_HASH] = ""
    reference: Annotated[Text, NOT_IN_HASH] = ""
    family_words: Annotated[list[FamilyWord], NOT_IN_HASH] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {"language": "en", "status": "draft", **data}
        return data

    @property
    def bilingual(self) -> bool:
        """Whether the story prints in two languages."""
        return self.second_language is not None

    def person(self, person_id: str | None) -> Person | None:
        """The person with this id, if any."""
        return next((p for p in self.people if p.id == person_id), None)

    def check_references(self) -> tuple[str, str] | None:
        """The first (place, message) where an id is wrong (or the second language is the
        first one again), or None when all are right."""
        second = (self.second_language or "").split("-")[0].lower()
        if second and second == self.language.split("-")[0].lower():
            return "second_language", "must be a different language from language"
        ids: set[str] = set()
        for i, person in enumerate(self.people):
            if person.id in ids or person.id == AGREED:
                return f"people[{i}].id", "must be unique and not 'agreed'"
            ids.add(person.id)
        allowed = ids | {AGREED, ""}
        for p, panel in enumerate(self.panels):
            if panel.speaker is not None and panel.speaker not in allowed:
                return f"panels[{p}].speaker", 'must be a people id or "agreed"'
            for v, voice in enumerate(panel.voices):
                if voice.speaker is not None and voice.speaker not in allowed:
                    return f"panels[{p}].voices[{v}].speaker", 'must be a people id or "agreed"'
            if panel.audio is not None and panel.audio.speaker not in ids | {None}:
                return f"panels[{p}].audio.speaker", NOT_A_PERSON
            problem = _check_ratings(panel.scale, ids)
            if problem:
                return f"panels[{p}].scale.{problem[0]}", problem[1]
            for i, picture in enumerate(panel.pictures):
                kind, _, key = picture.src.partition(":")
                if kind == "drawing" and key not in self.drawings:
                    where = f"panels[{p}].pictures[{i}].src"
                    return where, "names a drawing that is not in drawings"
        return None


def _check_ratings(scale: Scale | None, ids: set[str]) -> tuple[str, str] | None:
    """The first (place, message) where a scale's ratings name a person wrongly: each must
    name someone in `people` (or, an old file's one mark, no one), and each only once."""
    seen: set[str | None] = set()
    for r, rating in enumerate(scale.ratings if scale else []):
        if rating.by is not None and rating.by not in ids:
            return f"ratings[{r}].by", NOT_A_PERSON
        if rating.by in seen:
            return f"ratings[{r}].by", "already has a rating on this scale (one each)"
        seen.add(rating.by)
    return None
