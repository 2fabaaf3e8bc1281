"""`storyboard check FILE`: plain-words hints for a portable storyboard file, without a server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click

from storyboard.plainwords import check_booklet, to_json
from storyboard.plainwords.report import BookletReport, PanelReport

_SHOWN_CHARS = 60


def _shorten(words: str) -> str:
    """Return `words` on one line, cut to a readable length."""
    flat = " ".join(words.split())
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1].rstrip() + "…"


def _load_terms(path: Path) -> list[dict]:
    """Read local jargon terms: a JSON list of {term, plain}, or {"terms": [...]}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot be read ({exc.__class__.__name__})") from None
    terms = data.get("terms") if isinstance(data, dict) else data
    if not isinstance(terms, list) or not all(
        isinstance(t, dict) and t.get("term") and t.get("plain") for t in terms
    ):
        raise ValueError('must be a list of {"term": ..., "plain": ...}')
    return terms


def _panel_lines(panel: PanelReport) -> list[str]:
    """Return the readable lines for one panel."""
    title = f"Panel {panel.number}" + (f" ({panel.section})" if panel.section else "")
    extra = f"; {panel.dismissed} dismissed" if panel.dismissed else ""
    if not panel.hints:
        return [f"{title}: no hints{extra}"]
    lines = [f"{title}: {len(panel.hints)} hint{'s' if len(panel.hints) != 1 else ''}{extra}"]
    for hint in panel.hints:
        where = "" if hint.field == "text" else f" [{hint.field}]"
        lines.append(f'  - {hint.kind}{where}: "{_shorten(hint.words)}" -> {hint.suggestion}')
    return lines


def _summary_lines(report: BookletReport) -> list[str]:
    """Return the readable lines for the whole-booklet summary."""
    low, high = report.reading_age_target
    age = "not estimated" if report.reading_age is None else f"{report.reading_age:g}"
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(report.counts.items()))
    total = sum(report.counts.values())
    dismissed = sum(p.dismissed for p in report.panels)
    lines = [
        "Summary",
        f"  Reading age: {age} (target {low} to {high})",
        f"  Panels checked: {len(report.panels)}"
        + (f"; skipped: {', '.join(map(str, report.skipped))}" if report.skipped else ""),
        "  Panels over the length target: "
        + (", ".join(map(str, report.panels_over_target)) or "none"),
        "  Jargon left in: " + (", ".join(report.jargon_left) or "none"),
        f"  Hints: {total}"
        + (f" ({counts})" if counts else "")
        + (f"; {dismissed} dismissed" if dismissed else ""),
    ]
    lines += [f"  Note: {note}" for note in report.notes]
    return lines


def format_report(report: BookletReport) -> str:
    """Return a booklet report as readable text: each panel's hints, then the summary."""
    who = report.child_name or "the child"
    age = f", age {report.age}" if report.age is not None else ""
    head = [
        f"{report.title or 'Storyboard'}: for {who}{age}, language {report.language}",
        f"Target ({report.band.label}): {report.band.describe()}",
        "",
    ]
    body = [line for panel in report.panels for line in _panel_lines(panel)]
    return "\n".join([*head, *body, "", *_summary_lines(report)])


def _fail(path: Path | None, error: Exception) -> NoReturn:
    """Say on one line what is wrong with a file, and stop with exit status 2."""
    click.echo(f"Error: {path.name if path else ''}: {error}", err=True)
    raise SystemExit(2)


@click.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as a JSON document.")
@click.option(
    "--terms",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help='Local jargon terms to add: a JSON list of {"term": ..., "plain": ...}.',
)
def check_command(file: Path, as_json: bool, terms: Path | None) -> None:
    """Check a storyboard file's words for a child: jargon, length, names and personal details."""
    # Imported here so this module loads even where the storyfile module is not installed.
    from storyboard.story.storyfile import StoryFileError, read

    try:
        extra = _load_terms(terms) if terms else []
    except ValueError as exc:
        _fail(terms, exc)
    try:
        storyfile = read(file)
    except StoryFileError as exc:
        _fail(file, exc)
    report = check_booklet(storyfile.story, extra_terms=extra)
    if as_json:
        click.echo(json.dumps(to_json(report), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
