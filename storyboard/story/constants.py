"""Every constant of the story, defined once: sections, kinds, sizes, limits
(languages, their scripts and directions: `story/languages.py`)."""

from __future__ import annotations

FORMAT = "storyboard/1"
SECTIONS = (
    "title", "family", "worried", "worries", "next", "now", "safety-plan", "network",
    "talk-to", "custom",
)  # fmt: skip
KINDS = ("text", "scale", "steps")
STATUSES = ("draft", "approved")
SOURCE_KINDS = ("library", "emoji", "file", "drawing")
AGREED = "agreed"
# Who a person of the case is: family (and friends), a professional, or a child of the case.
PERSON_KINDS = ("family", "professional", "child")

# Page sizes in points (width, height); the booklet lays out in points.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (595.28, 841.89),
    "A5": (419.53, 595.28),
    "Letter": (612.0, 792.0),
}
CREAM = "#fff8e7"
# The minimal ("not safe to keep at home") version prints only these sections.
MINIMAL_SECTIONS = ("title", "safety-plan", "talk-to")

# Scene colours offered by the composer (a scene may hold any #rgb/#rrggbb colour).
BACKGROUNDS = (
    ("#fff8e7", "Cream"),
    ("#e3f1fa", "Sky blue"),
    ("#e6f0e0", "Sage"),
    ("#fde8dc", "Peach"),
    ("#fff3c4", "Warm yellow"),
    ("#f6e1e6", "Dusty rose"),
    ("#ffffff", "White"),
)
DEFAULT_BACKGROUND = "#eef5f7"

# Scene and drawing limits (the composer, the drawing pad and every file obey them).
SCENE_W, SCENE_H = 800, 600  # the fixed 4:3 scene, in scene units
MAX_PICTURES = 40
MAX_LABEL = 60
MAX_ALT = 300
MIN_WIDTH = 0.02
MAX_STROKES = 1000
MAX_POINTS = 60_000
DEFAULT_INK = "#333333"

# Limits for every way a story comes in (the editor, an import, the command line), checked
# before any work: no real story comes near them, and past them a page or a PDF would take
# minutes and gigabytes. The editor's MAX_FIELD_CHARS setting can only lower MAX_TEXT.
MAX_PANELS = 200
MAX_PEOPLE = 100
MAX_TEXT = 20_000
# A safety scale holds one rating per person, and one more that names no one (an old file's).
MAX_RATINGS = MAX_PEOPLE + 1

# Panel limits the editor enforces (MAX_FIELD_CHARS is a setting).
HEADING_MAX = 200
LABEL_MAX = 120
MAX_VOICES = 2
MAX_STEPS = 20
