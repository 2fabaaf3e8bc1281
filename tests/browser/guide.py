"""Screenshots for the worker's guide (docs/guide/), written only when asked for.

`STORYBOARD_GUIDE_SHOTS=1` makes the journey tests write them, so CI never rewrites the docs.
Each is a viewport screenshot (not the full page), which keeps the PNGs small.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide"


def guide_shot(page: Page, name: str) -> None:
    """Save the screen as docs/guide/<name>.png when guide screenshots are asked for."""
    if os.environ.get("STORYBOARD_GUIDE_SHOTS") != "1":
        return
    GUIDE.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=GUIDE / f"{name}.png")
