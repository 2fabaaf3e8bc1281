"""Colours a council chooses: a strict #rrggbb form, and their WCAG 2.1 contrast (coloraide)."""

from __future__ import annotations

import re

from coloraide import Color

HEX = re.compile(r"^#[0-9a-f]{6}$")
AA_TEXT = 4.5  # WCAG 2.1 AA for normal text (1.4.3)


def clean_hex(value: str | None) -> str | None:
    """A colour as '#rrggbb' in lower case, from '#RGB', '#RRGGBB' or without '#'; None if empty.

    Raises ValueError for anything else, so only six hex digits ever reach a stylesheet.
    """
    text = (value or "").strip().lower()
    if not text:
        return None
    if not text.startswith("#"):
        text = "#" + text
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        text = "#" + "".join(c * 2 for c in text[1:])
    if not HEX.match(text):
        raise ValueError("Write a colour as # and six letters or digits, for example #1d5f8a.")
    return text


def contrast(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours, from 1 to 21."""
    return float(Color(first).contrast(second, method="wcag21"))


def ratio_text(ratio: float) -> str:
    """A ratio as people write it: rounded down to one decimal, so 4.48 never reads as 4.5."""
    return f"{int(ratio * 10) / 10:.1f}:1"
