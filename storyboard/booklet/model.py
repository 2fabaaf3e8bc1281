"""The booklet as pure data: pages of positioned text and pictures, all in points, built once."""

from __future__ import annotations

from dataclasses import dataclass, field

# Page sizes and the cream paper are the story's constants; the booklet uses them as they are.
from storyboard.story.constants import CREAM, PAGE_SIZES  # noqa: F401 - re-exported
from storyboard.story.reading import format_date  # noqa: F401 - re-exported
from storyboard.story.wording import N_

LINE_SPACING = 1.4
PICTURE_ASPECT = 0.75  # a scene is 4:3 (height / width)
FIT = 0.86  # fill at most this share of the space, so Word and browsers never overflow a page
INK, SOFT_INK, DRAFT_INK = "#1f2933", "#4a5560", "#9b2c2c"
RULE_INK, RULE_WIDTH = "#8a949c", 0.75  # the thin line above a page's second language
# The booklet's fixed words, in English; each prints in the story's language
# (`story.wording`: the catalogues in storyboard/translations).
# Translators: the About page's credits, for the grown-ups. Keep the names as they are.
OPENMOJI_CREDIT = N_(
    "Emoji graphics by OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0"
)
FONT_CREDIT = N_(
    "Fonts: Andika by SIL International and Noto Sans by Google, SIL Open Font License."
)
LIBRARY_CREDIT = N_("Pictures drawn for this storyboard builder.")
# Translators: the small word at the top of every page of a booklet not agreed yet.
DRAFT_WORD = N_("Draft")
# Translators: the large pale word across every page of a draft. Capital letters of the
# Latin alphabet only (it is drawn without text shaping): in a language written in
# another script, keep DRAFT; the small word at the top says it in your language.
DRAFT_MARK = N_("DRAFT")
DRAFT_MARK_INK, DRAFT_MARK_OPACITY = "#c53030", 0.14
# Translators: the last page's heading; that page is for the grown-ups.
ABOUT_HEADING = N_("About this booklet")
ABOUT_DRAFT = N_(
    "This is a draft. It has not been agreed yet, so it may still change. The booklet to keep "
    "is the agreed one, with no Draft mark."
)
# Translators: on the About page when pages of the story were recorded, read aloud by someone
# in the family; the recording is never in a printed booklet.
RECORDED_NOTE = N_(
    "This story has also been read aloud and recorded. Ask your social worker if you would "
    "like to hear it."
)
# Translators: the label of the player under a page of the booklet's web page.
LISTEN = N_("Listen to this page")
# Translators: under the player: who is reading the page aloud ("Mum", "Nan", "Andrea").
READ_BY = N_("Read aloud by %(name)s")
# Translators: the About page's last line; the version is a long code of letters and digits.
VERSION_LINE = N_("Version %(version)s")
# Translators: how a screen reader names a page of the booklet's web page ("Page 3").
PAGE_NAME = N_("Page %(number)d")


@dataclass
class Run:
    """Text in one face and direction, at an x offset from its line's left edge (points)."""

    text: str
    face: str
    direction: str
    x: float
    width: float


@dataclass
class Line:
    """One laid-out line: its runs in visual order, with the top of its line box."""

    text: str
    runs: list[Run]
    x: float
    y: float
    width: float


@dataclass
class TextBlock:
    """Paragraphs in one style inside a box; `lines` is the layout PNG and PDF draw exactly."""

    x: float
    y: float
    width: float
    height: float
    paragraphs: list[str]
    lines: list[Line]
    size: float
    bold: bool = False
    face: str = "latin"
    direction: str = "ltr"
    align: str = "start"
    colour: str = INK
    role: str = "body"
    line_height: float = LINE_SPACING
    kind: str = "text"
    # The block's own language (BCP 47): a bilingual booklet's second-language blocks say
    # theirs, with its direction and face; "" is the booklet's language.
    language: str = ""


@dataclass
class RuleBlock:
    """A thin line across the words, where a page's second language starts (drawn as
    decoration: a screen reader skips it in PDF, and the HTML calls it a separator)."""

    x: float
    y: float
    width: float
    height: float = RULE_WIDTH
    colour: str = RULE_INK
    kind: str = "rule"


@dataclass
class PictureBlock:
    """A scene picture (4:3) with its SVG and the words that describe it."""

    x: float
    y: float
    width: float
    height: float
    svg: str
    alt: str
    kind: str = "picture"


@dataclass(frozen=True)
class Council:
    """The council's name and logo (a cleaned PNG), for the About page: only when the worker
    chose to show them (never on the minimal version)."""

    name: str
    logo: bytes | None = None
    logo_width: int = 0
    logo_height: int = 0


@dataclass(frozen=True)
class DraftMark:
    """The large pale word across a draft's every page: centred, along the page's diagonal."""

    text: str
    size: float  # points
    angle: float  # degrees, counter-clockwise: rising from bottom left to top right
    colour: str = DRAFT_MARK_INK
    opacity: float = DRAFT_MARK_OPACITY


@dataclass
class Page:
    """One booklet page: its blocks, drawn in order."""

    number: int
    role: str
    blocks: list = field(default_factory=list)
    # The page read aloud (cleaned, the stored form), with who reads it, as the child knows
    # them: only the HTML booklet plays it.
    recording: bytes | None = None
    read_by: str = ""
    name: str = ""  # what a screen reader calls the page ("Page 3"), in the booklet's language

    def words(self) -> list[str]:
        """Return the printed words of the page's text blocks, in order."""
        return [w for b in self.blocks if b.kind == "text" for p in b.paragraphs for w in p.split()]


@dataclass
class Booklet:
    """The whole booklet: page geometry, style and pages; renderers only draw this."""

    title: str
    language: str
    direction: str
    page_size: str
    width: float
    height: float
    margin: float
    page_colour: str
    draft: bool
    version: str
    reference: str
    date: str
    made_by: str
    body_size: float
    pages: list[Page]
    faces: list[str]
    uses_emoji: bool = False
    recorded: bool = False  # pages of the story were read aloud (the About page says so)
    problems: list[str] = field(default_factory=list)
    mark: DraftMark | None = None  # on every page of a draft; None once approved
    council: Council | None = None  # on the About page, when the worker chose it
    # A bilingual booklet: the second language (its pages' second-language blocks say it) and
    # the title in it; None and "" for one language.
    second_language: str | None = None
    title_2: str = ""

    @property
    def scene_width(self) -> float:
        """Return the widest picture width in points (rasters are made at this width)."""
        return self.width - 2 * self.margin


def baseline(block: TextBlock, line: Line) -> float:
    """Return the baseline of a line in points: the text sits centred in its line box."""
    return line.y + block.size * (block.line_height / 2 + 0.32)


def about_notes(draft: bool, uses_emoji: bool, recorded: bool = False) -> list[str]:
    """The About page's notes (in English: the page says them in the booklet's language).
    A recorded story says so, with no address: the file may be kept anywhere."""
    notes = [ABOUT_DRAFT] if draft else []
    notes += [RECORDED_NOTE] if recorded else []
    return notes + [LIBRARY_CREDIT] + ([OPENMOJI_CREDIT] if uses_emoji else []) + [FONT_CREDIT]


def body_size_for(age: int | None) -> float:
    """Return the body type size in points for a child's age (at least 18pt under 9)."""
    if age is None:
        return 20.0
    if age < 5:
        return 24.0
    if age < 9:
        return 20.0
    if age < 12:
        return 17.0
    return 15.0
