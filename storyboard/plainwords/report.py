"""The shape of a plain-words report, for one panel or a whole booklet, and its JSON form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from storyboard.plainwords.hint import Hint
from storyboard.plainwords.measure import READING_AGE_TARGET, AgeBand

LENGTH_KINDS = frozenset({"long-sentence", "too-many-sentences"})


@dataclass
class PanelReport:
    """What the checks found in one panel, and its length against the child's age band."""

    number: int | None
    section: str
    language: str
    english: bool
    band: AgeBand
    sentences: int
    words: int
    longest_sentence: int
    reading_age: float | None
    hints: list[Hint] = field(default_factory=list)
    dismissed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def over_target(self) -> bool:
        """Return True if a sentence or the panel is longer than the age band's target."""
        return any(h.kind in LENGTH_KINDS for h in self.hints)


@dataclass
class BookletReport:
    """The whole-booklet summary: reading age, panels over target, jargon left, and each panel."""

    title: str
    child_name: str
    age: int | None
    language: str
    english: bool
    band: AgeBand
    reading_age: float | None
    panels: list[PanelReport] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    # Pages left out of the booklet because they are empty: (page number, heading).
    empty: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reading_age_target: tuple[int, int] = READING_AGE_TARGET

    @property
    def panels_over_target(self) -> list[int]:
        """Return the numbers of the panels longer than the age band's target."""
        return [p.number or 0 for p in self.panels if p.over_target]

    @property
    def jargon_left(self) -> list[str]:
        """Return each jargon term still in the booklet, in the order first found."""
        terms = (h.key.split(":", 1)[1] for p in self.panels for h in p.hints if h.kind == "jargon")
        return list(dict.fromkeys(terms))

    @property
    def counts(self) -> dict[str, int]:
        """Return how many hints of each kind the booklet has."""
        return dict(Counter(h.kind for p in self.panels for h in p.hints))


def _band_json(band: AgeBand) -> dict:
    """Return an age band as JSON."""
    return {"label": band.label, "words": band.words, "sentences": band.sentences}


def _hint_json(hint: Hint) -> dict:
    """Return a hint as JSON."""
    return {
        "kind": hint.kind,
        "words": hint.words,
        "suggestion": hint.suggestion,
        "start": hint.start,
        "end": hint.end,
        "field": hint.field,
        "note": hint.note,
        "key": hint.key,
    }


def _panel_json(panel: PanelReport) -> dict:
    """Return a panel report as JSON."""
    return {
        "number": panel.number,
        "section": panel.section,
        "language": panel.language,
        "english": panel.english,
        "band": _band_json(panel.band),
        "sentences": panel.sentences,
        "words": panel.words,
        "longest_sentence": panel.longest_sentence,
        "reading_age": panel.reading_age,
        "over_target": panel.over_target,
        "dismissed": panel.dismissed,
        "notes": list(panel.notes),
        "hints": [_hint_json(h) for h in panel.hints],
    }


def to_json(report: BookletReport | PanelReport | Hint) -> dict:
    """Return a report (booklet or panel) or a hint as a JSON-ready dict."""
    if isinstance(report, Hint):
        return _hint_json(report)
    if isinstance(report, PanelReport):
        return _panel_json(report)
    return {
        "title": report.title,
        "child": {"name": report.child_name, "age": report.age},
        "language": report.language,
        "english": report.english,
        "band": _band_json(report.band),
        "summary": {
            "reading_age": report.reading_age,
            "reading_age_target": list(report.reading_age_target),
            "panels_checked": len(report.panels),
            "panels_skipped": list(report.skipped),
            "panels_empty": [number for number, _ in report.empty],
            "panels_over_target": report.panels_over_target,
            "jargon_left": report.jargon_left,
            "hints": sum(len(p.hints) for p in report.panels),
            "counts": report.counts,
            "dismissed": sum(p.dismissed for p in report.panels),
            "sentences": sum(p.sentences for p in report.panels),
            "words": sum(p.words for p in report.panels),
        },
        "notes": list(report.notes),
        "panels": [_panel_json(p) for p in report.panels],
    }
