"""Command line: `storyboard render` and `storyboard validate`, with no app or database."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from storyboard.booklet import build_booklet, files
from storyboard.booklet.fonts import LayoutEngineMissing, check_text_engine, missing_glyphs
from storyboard.booklet.model import PAGE_SIZES
from storyboard.booklet.render import FORMATS
from storyboard.story.storyfile import StoryFileError, read

EXIT_INVALID = 2
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_INVALID)


def file_stem(document: dict) -> str:
    """Name output files from the case reference and date, never the child's name."""
    reference = _SAFE.sub("-", document.get("reference", "")).strip("-") or "storyboard"
    date = document.get("date") or dt.date.today().isoformat()
    return f"{reference}_{date}"


@click.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def validate_command(file: Path) -> None:
    """Check a storyboard file (.json or .zip)."""
    try:
        storyfile = read(file)
    except StoryFileError as exc:
        _fail(str(exc))
    click.echo(f"ok: {len(storyfile.document['panels'])} panels")


@click.command("render")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "all"]),
    default="all",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write into (created if missing).",
)
@click.option(
    "--page-size",
    type=click.Choice(list(PAGE_SIZES)),
    default=None,
    help="Page size (default: the file's, else A4).",
)
@click.option(
    "--dpi",
    type=click.IntRange(36, 600),
    default=150,
    show_default=True,
    help="Resolution of PNG pages and pictures.",
)
@click.option("--folded", is_flag=True, help="PDF as an A5 booklet on A4 sheets, for folding.")
def render_command(
    file: Path, fmt: str, out_dir: Path, page_size: str | None, dpi: int, folded: bool
) -> None:
    """Render a storyboard file to HTML, Word, PNG pages and/or PDF."""
    try:
        if fmt in ("png", "all"):
            check_text_engine()  # only PNG pages need libraqm; say so before any work
        storyfile = read(file)
    except (StoryFileError, LayoutEngineMissing) as exc:
        _fail(str(exc))
    if folded:
        page_size = "A5"
    booklet = build_booklet(storyfile, page_size=page_size)
    for problem in booklet.problems:
        click.echo(f"warning: {problem}", err=True)
    for number, face, char in missing_glyphs(booklet):
        click.echo(f"warning: page {number}: no {face} glyph for U+{ord(char):04X}", err=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = file_stem(storyfile.document)
    formats = FORMATS if fmt == "all" else (fmt,)
    # The command is its own process, so it may fork: 2 processes share the files to write.
    files.run(files.jobs(booklet, formats, out_dir, stem, dpi=dpi, folded=folded), processes=2)
    click.echo(f"{len(booklet.pages)} pages written to {out_dir}")
