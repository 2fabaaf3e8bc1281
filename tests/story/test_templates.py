"""The starting templates' guidance: written for any child."""

from __future__ import annotations

import json
import re

from storyboard.core.paths import PACKAGE_DIR


def test_no_prompt_or_example_gives_the_child_a_he_or_a_she():
    # The child may be a girl, a boy or neither: the guidance names them, never "his" or "her"
    # for them. (A "her" for Mum is fine; words about the child avoid he, him and his.)
    for path in sorted((PACKAGE_DIR / "data" / "templates").glob("*.json")):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        assert not re.search(r"\b(he|him|his|himself)\b", text, re.IGNORECASE), path.name
        assert "{child} and her" not in text and "{child}'s her" not in text, path.name


def test_every_template_says_who_is_worried_before_what_the_worries_are():
    # The method's order: who is worried, then what they are worried about.
    for path in sorted((PACKAGE_DIR / "data" / "templates").glob("*.json")):
        sections = [p["section"] for p in json.loads(path.read_text(encoding="utf-8"))["panels"]]
        if "worries" in sections:
            assert "worried" in sections, path.name
            assert sections.index("worried") < sections.index("worries"), path.name
