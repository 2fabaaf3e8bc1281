"""The council's own name: its logo, colours and helplines, kept in one row by an admin.

Shown on staff and reviewer pages (a stylesheet of two colours, the logo from our own
address); offered as one-tap lines on the "Who I can talk to" page; printed on a booklet's
About page only when the worker chose it for that storyboard, and never on the minimal
version. The logo lives in the blob store, so every app server shows the same one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from storyboard.booklet.model import Council
from storyboard.core.contrast import AA_TEXT, contrast, ratio_text
from storyboard.pictures.logo import CleanLogo
from storyboard.services import audit, blobs
from storyboard.services.db import db
from storyboard.services.models import CouncilSettings, Storyboard

ROW_ID = 1
MAX_HELPLINES = 6
# Offered when an administrator has set no helplines: free for every child in the UK, at any
# hour, and it does not show on a phone bill. Setting any helpline replaces it.
CHILDLINE = {"name": "Childline", "number": "0800 1111", "notes": "free, any time"}
# Where each colour is used, and what it must stand out against (WCAG AA for text, 4.5:1).
PAGE_WHITE, PAGE_PAPER = "#ffffff", "#fffaf0"
COLOUR_USES = {
    # The band across the top of every page, with white writing on it.
    "primary_colour": ("The main colour", (("the white writing on it", PAGE_WHITE),)),
    # Links and main buttons: text on a white or cream page, and white text on the buttons.
    "accent_colour": (
        "The second colour",
        (("a white page", PAGE_WHITE), ("the cream page background", PAGE_PAPER)),
    ),
}


@dataclass(frozen=True)
class Branding:
    """What staff and reviewer pages show: the name, whether there is a logo, the colours."""

    name: str
    has_logo: bool
    primary: str | None
    accent: str | None
    version: int

    @property
    def shown(self) -> bool:
        """Whether the pages show anything of the council at all."""
        return bool(self.name or self.has_logo or self.primary or self.accent)


def settings() -> CouncilSettings | None:
    """The council's settings row, or None before an administrator saves them."""
    return db.session.get(CouncilSettings, ROW_ID)


def branding() -> Branding | None:
    """The branding pages show, or None when nothing is set."""
    row = settings()
    if row is None:
        return None
    found = Branding(
        row.name or "", bool(row.logo_sha256), row.primary_colour, row.accent_colour, row.version
    )
    return found if found.shown else None


def colour_problems(values: dict[str, str | None]) -> dict[str, str]:
    """For each colour too pale (or too dark) where it is used: a message with its ratio."""
    problems = {}
    for field, (which, pairs) in COLOUR_USES.items():
        colour = values.get(field)
        if not colour:
            continue
        for against, other in pairs:
            ratio = contrast(colour, other)
            if ratio < AA_TEXT:
                problems[field] = (
                    f"{which} {colour} has a contrast of {ratio_text(ratio)} against {against}; "
                    f"words need at least {AA_TEXT}:1 to be read easily. Choose a darker colour."
                )
                break
    return problems


def stylesheet(found: Branding | None) -> str:
    """The colours as CSS custom properties (only six hex digits each ever reach it)."""
    if found is None:
        return ":root {}\n"
    rules = []
    if found.primary:
        rules.append(f"--council-primary: {found.primary};")
    if found.accent:
        rules.append(f"--accent-dark: {found.accent}; --accent: {found.accent};")
    return ":root { " + " ".join(rules) + " }\n"


def logo_png() -> bytes | None:
    """The logo's PNG bytes, or None."""
    row = settings()
    return blobs.get(row.logo_sha256) if row is not None and row.logo_sha256 else None


def helplines_offered() -> list[dict[str, str]]:
    """The helplines the "Who I can talk to" page offers: the council's, else Childline."""
    row = settings()
    chosen = [h for h in (row.helplines if row is not None else []) or [] if h.get("number")]
    return chosen or [dict(CHILDLINE)]


def public_numbers() -> list[str]:
    """Phone numbers any booklet may print: the council's helplines as set now, and
    Childline's. The words check and the private-details check are given them."""
    row = settings()
    lines = (row.helplines if row is not None else []) or []
    return [h["number"] for h in lines if h.get("number")] + [CHILDLINE["number"]]


def helpline_line(helpline: dict[str, str]) -> str:
    """A helpline as the line added to the page: "Childline: 0800 1111 (free, any time)"."""
    line = f"{helpline['name']}: {helpline['number']}"
    return f"{line} ({helpline['notes']})" if helpline.get("notes") else line


def save(
    *,
    name: str,
    primary: str | None,
    accent: str | None,
    helplines: list[dict[str, str]],
    booklet_allowed: bool,
    logo: CleanLogo | None = None,
    remove_logo: bool = False,
) -> CouncilSettings:
    """Save the settings (the caller commits), with an audit row naming what changed."""
    row = settings()
    if row is None:
        row = CouncilSettings(id=ROW_ID, name="", helplines=[], version=0)
        db.session.add(row)
    before = _state(row)
    old_logo = row.logo_sha256
    row.name = name
    row.primary_colour = primary
    row.accent_colour = accent
    row.helplines = helplines[:MAX_HELPLINES]
    row.booklet_allowed = booklet_allowed
    if logo is not None:
        row.logo_sha256 = blobs.put(logo.data, "image/png")
        row.logo_width, row.logo_height = logo.width, logo.height
    elif remove_logo:
        row.logo_sha256 = row.logo_width = row.logo_height = None
    row.version = (row.version or 0) + 1
    changed = sorted(k for k, v in _state(row).items() if before.get(k) != v)
    db.session.flush()
    if old_logo and old_logo != row.logo_sha256:
        blobs.forget({old_logo})
    # Which settings changed, by name: never the words or numbers themselves.
    audit.record("council_settings", row, changed=changed, version=row.version)
    return row


def _state(row: CouncilSettings) -> dict[str, Any]:
    return {
        "name": row.name,
        "logo": row.logo_sha256,
        "primary_colour": row.primary_colour,
        "accent_colour": row.accent_colour,
        "helplines": list(row.helplines or []),
        "booklet_allowed": bool(row.booklet_allowed),
    }


def may_show_on_booklet() -> bool:
    """Whether workers may choose to print the council on a booklet (allowed, and named)."""
    row = settings()
    return bool(row is not None and row.booklet_allowed and row.name.strip())


def booklet_council(storyboard: Storyboard) -> Council | None:
    """The council for this storyboard's booklet: only when the worker chose it, the admin
    allows it, and the booklet is not the minimal version (which must not say who made it)."""
    if not storyboard.show_council or storyboard.minimal or not may_show_on_booklet():
        return None
    row = settings()
    logo = blobs.get(row.logo_sha256) if row.logo_sha256 else None
    return Council(row.name.strip(), logo, row.logo_width or 0, row.logo_height or 0)


def booklet_key(council: Council | None) -> str:
    """What a kept export depends on from the council: nothing, or its name and logo."""
    if council is None:
        return ""
    digest = hashlib.sha256(council.name.encode("utf-8") + (council.logo or b""))
    return digest.hexdigest()[:16]
