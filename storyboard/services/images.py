"""Uploaded photos and finger drawings: their rows, and their bytes in the blob store.

Cleaned photos are kept under their content hash (`services.blobs`), in the same transaction as
their `Image` row; `resolver` says which picture sources a storyboard can show (for
`pictures.scene.clean_scene`).
"""

from __future__ import annotations

from sqlalchemy import select

from storyboard.pictures import illustrations, openmoji
from storyboard.pictures.images import CleanImage, is_stored_name
from storyboard.pictures.scene import UnknownPicture
from storyboard.services import blobs
from storyboard.services.db import db
from storyboard.services.models import Drawing, Image, Storyboard, User
from storyboard.story.storyfile import StoryFile


def read_image(name: str) -> bytes | None:
    """The bytes of a stored image by its stored name (`<sha256>.jpg`), or None."""
    return blobs.get(name[:64]) if is_stored_name(name) else None


def store_image(storyboard: Storyboard, clean: CleanImage, user: User, kind: str) -> Image:
    """Keep a cleaned image under its content hash and record it for the storyboard.

    The bytes and the row are written in the caller's transaction: both or neither are kept.
    """
    blobs.put(clean.data, clean.media_type)
    row = db.session.scalar(
        select(Image).where(Image.storyboard_id == storyboard.id, Image.sha256 == clean.sha256)
    )
    if row is None:
        row = Image(
            storyboard_id=storyboard.id,
            sha256=clean.sha256,
            media_type=clean.media_type,
            width=clean.width,
            height=clean.height,
            byte_size=len(clean.data),
            kind=kind,
            uploaded_by_id=user.id,
        )
        db.session.add(row)
        db.session.flush()
    return row


def resolver(storyboard: Storyboard):  # noqa: ANN201 (a closure for clean_scene)
    """Return `resolve(src)`: the canonical source of a picture this storyboard can show."""

    def resolve(src: str) -> str:
        kind, _, name = src.partition(":")
        if kind == "library":
            if illustrations.get(name) is None:
                raise UnknownPicture("there is no such picture in our library.")
            return src
        if kind == "emoji":
            path = openmoji.svg_path(name)
            if path is None:
                raise UnknownPicture("there is no such OpenMoji picture.")
            return f"emoji:{path.stem}"
        if kind == "file":
            stored = name.removeprefix("images/")
            found = is_stored_name(stored) and db.session.scalar(
                select(Image.id).where(
                    Image.storyboard_id == storyboard.id, Image.sha256 == stored[:64]
                )
            )
            if not found:
                raise UnknownPicture("no photo with that name was uploaded to this story.")
            return f"file:images/{stored}"
        if kind == "drawing":
            found = db.session.scalar(
                select(Drawing.id).where(
                    Drawing.storyboard_id == storyboard.id, Drawing.key == name
                )
            )
            if not found:
                raise UnknownPicture("no drawing with that name was made for this story.")
            return src
        raise UnknownPicture("its source is not one we know.")

    return resolve


def scene_storyfile(storyboard: Storyboard, scene: dict) -> StoryFile:
    """The photos and drawings one scene names, as the booklet's scene renderer reads them."""
    images: dict[str, bytes] = {}
    drawings: dict[str, dict] = {}
    for picture in scene.get("pictures", []):
        kind, _, name = str(picture.get("src", "")).partition(":")
        if kind == "file" and name.startswith("images/"):
            stored = name.removeprefix("images/")
            if is_stored_name(stored) and db.session.scalar(
                select(Image.id).where(
                    Image.storyboard_id == storyboard.id, Image.sha256 == stored[:64]
                )
            ):
                content = read_image(stored)
                if content is not None:
                    images[name] = content
        elif kind == "drawing":
            row = db.session.scalar(
                select(Drawing).where(Drawing.storyboard_id == storyboard.id, Drawing.key == name)
            )
            if row is not None:
                drawings[name] = drawing_dict(row)
    return StoryFile({"drawings": drawings}, images)


def drawing_dict(drawing: Drawing) -> dict:
    """A Drawing row in the portable file's shape."""
    return {"width": drawing.width, "height": drawing.height, "strokes": drawing.strokes or []}
