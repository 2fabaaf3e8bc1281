"""The export formats, in one registry, and a version's exports kept once made.

Every way out of the app (the export page, a version's downloads, the `storyboard render`
command through `booklet.render`) names its formats from here or from the renderer registry
this one is checked against. A frozen version never changes, so each of its exports is drawn
once per print setting and kept in the blob store (`ExportFile`); the live draft changes with
every word, so its exports are always drawn fresh.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from storyboard.core.paths import TEMPLATES_DIR
from storyboard.services import blobs
from storyboard.services.council import booklet_key
from storyboard.services.db import db, insert_once
from storyboard.services.models import ExportFile, Revision, Storyboard
from storyboard.story.storyfile import StoryFile, dumps_json, write_zip

if TYPE_CHECKING:
    from storyboard.booklet.model import Council


@dataclass(frozen=True)
class ExportFormat:
    """One format a storyboard can be downloaded in."""

    name: str
    label: str  # what people call it, on the buttons
    extension: str
    media_type: str
    renderer: str = ""  # the booklet renderer that draws it ("": the portable file itself)
    folded: bool = False  # A5 pages imposed on A4 sheets, to print both sides and fold

    @property
    def booklet(self) -> bool:
        """Whether a booklet renderer draws it (the private-details check applies)."""
        return bool(self.renderer)


_JSON = "application/json"
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("html", "Web page (print from the browser)", "html", "text/html", "html"),
        ExportFormat("docx", "Word", "docx", _WORD, "docx"),
        ExportFormat("pdf", "PDF", "pdf", "application/pdf", "pdf"),
        ExportFormat(
            "fold",
            "PDF to fold into a little book (A5)",
            "pdf",
            "application/pdf",
            "pdf",
            folded=True,
        ),  # fmt: skip
        ExportFormat("png", "Pictures of each page (zip of PNG)", "zip", "application/zip", "png"),
        ExportFormat("json", "Storyboard file (JSON, no photos)", "json", _JSON),
        ExportFormat("zip", "Storyboard file with photos (zip)", "zip", "application/zip"),
    )
}
PNG_DPI = 150  # PNG pages, and the pictures in Word and PDF files
EXPORT_THREADS = 2


def export_filename(storyboard: Storyboard, fmt: str, today: date | None = None) -> str:
    """A file name from the case reference, storyboard number and date: never the child's name.

    File names end up in print queues and download folders, so they must not identify the child.
    """
    reference = re.sub(r"[^A-Za-z0-9-]+", "-", storyboard.case.reference).strip("-") or "case"
    stamp = (today or date.today()).isoformat()
    suffix = {"png": "-pages", "fold": "-to-fold", "json": "-storyboard", "zip": "-storyboard"}
    suffix = suffix.get(fmt, "")
    return f"{reference}-{storyboard.number}_{stamp}{suffix}.{FORMATS[fmt].extension}"


def print_settings(storyboard: Storyboard) -> dict[str, str | None]:
    """The booklet settings chosen for a storyboard now: page size and paper colour.

    They are chosen at export (and recorded with it), not agreed: an approved version prints
    in any size and colour and keeps its hash.
    """
    return {
        "page_size": storyboard.page_size or "A4",
        "page_colour": (storyboard.extra or {}).get("page_colour"),
    }


def render_export(
    storyfile: StoryFile,
    fmt: str,
    *,
    dpi: int = PNG_DPI,
    page_size: str | None = None,
    page_colour: str | None = None,
    council: Council | None = None,
) -> bytes:
    """Render a portable file to the bytes of one export format (print settings optional;
    `council`: the council's name and logo for the About page, when the worker chose them)."""
    if fmt == "json":
        return dumps_json(storyfile.document)
    if fmt == "zip":
        return write_zip(storyfile)
    from storyboard.booklet import build_booklet
    from storyboard.booklet.render import RENDERERS, prepare

    chosen = FORMATS[fmt]
    if chosen.folded:
        page_size = "A5"  # a little book: two A5 pages on each side of an A4 sheet
    booklet = build_booklet(
        storyfile, page_size=page_size, page_colour=page_colour, council=council
    )
    # Two threads draw the scenes (and PNG pages): an export is one request, and the
    # drawing libraries let go of the GIL.
    prepare(booklet, chosen.renderer, dpi=dpi, threads=EXPORT_THREADS)
    if chosen.folded:
        return RENDERERS["pdf"](booklet, dpi=dpi, folded=True)
    if fmt == "png":
        buffer = io.BytesIO()
        pages = RENDERERS["png"](booklet, dpi=dpi, threads=EXPORT_THREADS)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for number, page in enumerate(pages, start=1):
                archive.writestr(f"page-{number:02d}.png", page)
        return buffer.getvalue()
    if fmt == "html":
        return RENDERERS["html"](booklet)
    return RENDERERS[fmt](booklet, dpi=dpi)


@cache
def layout_version() -> str:
    """A fingerprint of the code that draws a booklet: a kept export is only reused with it.

    Any change to how the story is read, laid out or drawn makes a new fingerprint, so no
    download ever comes from older drawing code.
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for area in ("story", "pictures", "plainwords", "booklet", "recordings"):
        for path in sorted((root / area).rglob("*.py")):
            digest.update(path.read_bytes())
    # The words it prints (a catalogue corrected or checked) and the HTML booklet's template.
    for path in sorted((root / "translations").rglob("*.po")):
        digest.update(path.read_bytes())
    digest.update((TEMPLATES_DIR / "booklet" / "booklet.html").read_bytes())
    return digest.hexdigest()[:16]


def version_export(
    revision: Revision,
    storyfile: StoryFile,
    fmt: str,
    *,
    approved: bool,
    council: Council | None = None,
    **settings: str | None,
) -> bytes:
    """A version's export: the kept one if this version was drawn so before, else drawn now.

    The caller commits (the kept export is written in the same transaction as its audit row).
    """
    key = _settings_key(fmt, approved, settings)
    if council is not None and FORMATS[fmt].booklet:
        key = f"council={booklet_key(council)};" + key  # a new name or logo draws it again
    kept = db.session.scalar(
        select(ExportFile.blob_sha256).where(
            ExportFile.revision_id == revision.id,
            ExportFile.format == fmt,
            ExportFile.settings == key,
        )
    )
    try:
        data = blobs.get(kept)
    except blobs.BlobDamaged:
        data = None  # drawn again below
    if data is not None:
        return data
    data = render_export(storyfile, fmt, council=council, **settings)
    sha256 = blobs.put(data, FORMATS[fmt].media_type)
    insert_once(
        ExportFile,
        {"revision_id": revision.id, "format": fmt, "settings": key, "blob_sha256": sha256},
        ["revision_id", "format", "settings"],
    )
    _forget_older_layouts(revision)
    return data


def _forget_older_layouts(revision: Revision) -> None:
    """Drop this version's exports drawn by older drawing code: they are never served again."""
    current = f"layout={layout_version()}"
    stale = [
        row
        for row in db.session.scalars(
            select(ExportFile).where(ExportFile.revision_id == revision.id)
        )
        if "layout=" in row.settings and not row.settings.endswith(current)
    ]
    for row in stale:
        db.session.delete(row)
    if stale:
        db.session.flush()
        blobs.forget({row.blob_sha256 for row in stale})


def _settings_key(fmt: str, approved: bool, settings: dict[str, str | None]) -> str:
    """Everything a version's export depends on besides the frozen file itself."""
    parts = [
        "approved" if approved else "draft",
        f"size={'A5-folded' if FORMATS[fmt].folded else settings.get('page_size') or ''}",
        f"colour={settings.get('page_colour') or ''}",
        f"dpi={PNG_DPI}" if fmt == "png" else "",
        f"layout={layout_version()}" if FORMATS[fmt].booklet else "",
    ]
    return ";".join(p for p in parts if p)
