"""The version hash: a name for exactly what the family agreed to, the words and pictures.

Scheme 3 (current) covers only the fields the model marks `IN_HASH` (not the status, the
print settings, the worker's prompts or dismissed hints) and leaves out every field at its
default, so a field added later (with a default) never changes a hash already recorded.
Scheme 2 is the same with defaults included; scheme 1 the first one (everything but the
status). Older schemes are kept so that hashes already recorded stay checkable: each frozen
version and approval records the scheme its hash was made with.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from storyboard.story.fields import Hash
from storyboard.story.model import Scale
from storyboard.story.storyfile import StoryFile, parse

CURRENT_SCHEME = 3
SCHEMES = (1, 2, 3)


@cache
def covered_fields(model: type[BaseModel]) -> dict[str, bool]:
    """Each field of a model and whether the hash covers it (a field must say)."""
    covered: dict[str, bool] = {}
    for name, info in model.model_fields.items():
        marks = [m for m in info.metadata if isinstance(m, Hash)]
        if len(marks) != 1:
            raise TypeError(f"{model.__name__}.{name} must say whether the hash covers it")
        covered[name] = marks[0].covered
    return covered


def _canonical_number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@cache
def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each field's default value (fields without one are always hashed)."""
    found: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            found[name] = info.default_factory()  # type: ignore[call-arg]
        elif info.default is not PydanticUndefined:
            found[name] = info.default
    return found


@cache
def _newer_than_scheme_2(model: type[BaseModel]) -> frozenset[str]:
    """The fields added after scheme 2: it never saw them, so it leaves them out at their
    default (a version recorded with scheme 2 keeps its hash)."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(m, Hash) and m.since > 2 for m in info.metadata)
    )


def _is_default(model: type[BaseModel], name: str, value: Any) -> bool:
    defaults = _defaults(model)
    return name in defaults and value == defaults[name]


def _hashed(model: type[BaseModel], name: str, value: Any, defaults: bool) -> bool:
    """Whether a covered field is in the hash: scheme 3 leaves out every field at its
    default; scheme 2 only those added after it."""
    if defaults and name not in _newer_than_scheme_2(model):
        return True
    return not _is_default(model, name, value)


def hashed_view(value: Any, images: dict[str, bytes], *, defaults: bool = True) -> Any:
    """The parts of a story value the hash covers, as plain JSON data; with `defaults`
    false (scheme 3), a field at its default is left out, as if the file did not say it."""
    if isinstance(value, BaseModel):
        model = type(value)
        out = {
            name: hashed_view(getattr(value, name), images, defaults=defaults)
            for name, covered in covered_fields(model).items()
            if covered and _hashed(model, name, getattr(value, name), defaults)
        }
        # Unknown fields are kept in the hash: nobody has said they are not part of the story.
        for name, extra in (value.model_extra or {}).items():
            out[name] = hashed_view(extra, images, defaults=defaults)
        if isinstance(value, Scale) and defaults:
            out = _scale_view(value, out)
        src = out.get("src")
        if isinstance(src, str) and src.startswith("file:") and src[5:] in images:
            out["src"] = "sha256:" + hashlib.sha256(images[src[5:]]).hexdigest()
        return out
    if isinstance(value, dict):
        return {str(k): hashed_view(v, images, defaults=defaults) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [hashed_view(v, images, defaults=defaults) for v in value]
    return _canonical_number(value)


def _scale_view(scale: Scale, out: dict[str, Any]) -> dict[str, Any]:
    """A scale whose ratings name no one is hashed as the one `value` scales held before
    ratings (so versions recorded then keep their hash); named ratings are hashed as a list."""
    if scale.legacy:
        ratings = out.pop("ratings")
        out["value"] = ratings[0]["value"] if ratings else None
    else:
        out.pop("value")
    return out


def _digest(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _old_ratings(ratings: Any) -> bool:
    """True for ratings as an old file's `value` reads: none, or one by no one."""
    return isinstance(ratings, list) and (
        not ratings or (len(ratings) == 1 and set(ratings[0]) == {"value"})
    )


def _scheme_1(storyfile: StoryFile) -> str:
    """The first scheme: the whole document but `status`, `file:` images by content hash."""
    document = copy.deepcopy(storyfile.document)
    document.pop("status", None)
    for panel in document.get("panels", []):
        scale = panel.get("scale") if isinstance(panel, dict) else None
        if isinstance(scale, dict) and _old_ratings(scale.get("ratings")):
            # Scheme 1 versions were made before ratings: their scale held one `value`.
            ratings = scale.pop("ratings")
            scale["value"] = ratings[0]["value"] if ratings else None
        for picture in panel.get("pictures", []) if isinstance(panel, dict) else []:
            src = picture.get("src", "") if isinstance(picture, dict) else ""
            if isinstance(src, str) and src.startswith("file:"):
                content = storyfile.images.get(src[5:])
                if content is not None:
                    picture["src"] = "sha256:" + hashlib.sha256(content).hexdigest()
    return _digest(document)


def version_hash(storyfile: StoryFile, scheme: int = CURRENT_SCHEME) -> str:
    """SHA-256 hex naming what the family agreed to, by the given scheme."""
    if scheme == 1:
        return _scheme_1(storyfile)
    if scheme not in SCHEMES:
        raise ValueError(f"unknown hash scheme {scheme}")
    story = parse(storyfile.document)
    files = storyfile.images | storyfile.recordings  # a `file:` source is hashed by its bytes
    return _digest(hashed_view(story, files, defaults=scheme == 2))
