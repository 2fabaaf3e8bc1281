"""The file format's JSON Schema, generated from the story model (never written by hand).

`python -m storyboard.story.schema > docs/storyfile.schema.json` writes it again; a test fails
when the committed file differs from what the model generates.
"""

from __future__ import annotations

import json
from typing import Any

from storyboard.story.constants import FORMAT
from storyboard.story.model import Story


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a `storyboard/1` document."""
    generated = Story.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://storyboard.invalid/storyfile.schema.json",
        "title": f"Words and Pictures storyboard file ({FORMAT})",
        "description": (
            "The portable storyboard: the document in storyboard.json or a .json file. Fields "
            "not listed here are kept on import and export and never refused. Generated from "
            "storyboard/story/model.py. See docs/storyfile.md."
        ),
        **{k: v for k, v in generated.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
