"""Compatibility import path for the portable file; the code lives in `storyboard.story`."""

from storyboard.story.constants import FORMAT, KINDS, PAGE_SIZES, SECTIONS, SOURCE_KINDS, STATUSES
from storyboard.story.hashing import version_hash
from storyboard.story.storyfile import (
    JSON_NAME,
    MAX_IMAGE_BYTES,
    MAX_JSON_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_TOTAL,
    StoryFile,
    StoryFileError,
    dumps_json,
    file_images,
    loads,
    parse,
    read,
    to_document,
    validate,
    write_zip,
)

__all__ = [
    "FORMAT", "JSON_NAME", "KINDS", "MAX_IMAGE_BYTES", "MAX_JSON_BYTES", "MAX_ZIP_ENTRIES",
    "MAX_ZIP_TOTAL", "PAGE_SIZES", "SECTIONS", "SOURCE_KINDS", "STATUSES", "StoryFile",
    "StoryFileError", "dumps_json", "file_images", "loads", "parse", "read", "to_document",
    "validate", "version_hash", "write_zip",
]
