"""Plain words for children: check a panel or a whole booklet and report hints (pure, no Flask)."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Mapping

from storyboard.plainwords.checks import (
    find_family_words,
    find_generic_child,
    find_identifying,
    find_passives,
)
from storyboard.plainwords.hint import Hint
from storyboard.plainwords.jargon import DATA_FILE, Term, find_jargon, merge_terms
from storyboard.plainwords.measure import (
    AgeBand,
    Sentence,
    band_for_age,
    is_long_word,
    reading_age,
    split_sentences,
    word_spans,
)
from storyboard.plainwords.report import BookletReport, PanelReport, to_json
from storyboard.story.model import Story
from storyboard.story.reading import empty_pages

__all__ = [
    "BookletReport",
    "Hint",
    "PanelReport",
    "Term",
    "check_booklet",
    "check_panel",
    "is_english",
    "to_json",
]

READING_AGE_NOTE = "Reading age is only estimated for English text."
ENGLISH_CHECKS_NOTE = (
    "Jargon, passive sentences, long words and 'the child' are only checked in English text; "
    "sentence length is checked in every language."
)


@functools.cache
def _simpler_words() -> dict[str, str]:
    """Return the package's map of long words to shorter ones."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8")).get("simpler_words", {})


def is_english(language: str | None) -> bool:
    """Return True if a BCP 47 language tag is English (no tag counts as English)."""
    return (language or "en").strip().casefold().split("-")[0] in ("en", "")


def _overlaps(hint: Hint, others: Iterable[Hint]) -> bool:
    """Return True if `hint` covers any of the same characters as one of `others`."""
    return any(
        o.field == hint.field
        and o.start is not None
        and hint.start is not None
        and hint.start < (o.end or 0)
        and o.start < (hint.end or 0)
        for o in others
    )


def _length_hints(
    fld: str, sentences: list[Sentence], band: AgeBand, age: int | None
) -> list[Hint]:
    """Return hints for sentences longer than the band's target, and for too many sentences."""
    who = f"a child of {age}" if age is not None else f"a child aged {band.label}"
    hints = [
        Hint(
            "long-sentence",
            s.text,
            f"This sentence has {s.word_count} words; for {who} aim for about {band.words}. "
            "Try splitting it.",
            s.start,
            s.end,
            fld,
        )
        for s in sentences
        if s.word_count > band.words
    ]
    if band.sentences and len(sentences) > band.sentences and not fld.startswith("steps"):
        hints.append(
            Hint(
                "too-many-sentences",
                f"{len(sentences)} sentences",
                f"For {who}, aim for {band.describe()}: split this into more panels "
                "or leave some out.",
                None,
                None,
                fld,
                key="too-many-sentences",
            )
        )
    return hints


def _long_word_hints(
    fld: str, text: str, sentences: list[Sentence], taken: list[Hint], skip: set[str]
) -> list[Hint]:
    """Return hints for long words that are not names or already covered by another hint."""
    firsts = {s.start for s in sentences}
    simpler = _simpler_words()
    hints = []
    for start, end, word in word_spans(text):
        if word[:1].isupper() and start not in firsts or word.casefold() in skip:
            continue
        if not is_long_word(word):
            continue
        hint = Hint(
            "long-word",
            word,
            simpler.get(word.casefold(), "Try a shorter word the child knows."),
            start,
            end,
            fld,
        )
        if not _overlaps(hint, taken):
            hints.append(hint)
    return hints


def _field_hints(
    fld: str,
    text: str,
    *,
    measure: bool,
    english: bool,
    band: AgeBand,
    age: int | None,
    child_name: str,
    family_words: list[Mapping],
    terms: tuple[Term, ...],
    allowed: list[str],
    public_numbers: tuple[str, ...] = (),
) -> tuple[list[Hint], list[Sentence]]:
    """Run every check that applies to one piece of a panel's words."""
    sentences = split_sentences(text) if measure else []
    words_hints = [
        dataclasses.replace(h, field=fld)
        for h in find_family_words(text, family_words)
        + find_identifying(text, allowed, public_numbers)
    ]
    if english:
        for hit in find_jargon(text, terms):
            hint = Hint(
                "jargon",
                hit.words,
                hit.suggestion,
                hit.start,
                hit.end,
                fld,
                hit.term.note,
                key=f"jargon:{hit.term.term}",
            )
            if not _overlaps(hint, words_hints):
                words_hints.append(hint)
        words_hints += [
            dataclasses.replace(h, field=fld)
            for h in find_generic_child(text, child_name) + find_passives(text)
        ]
    hints = _length_hints(fld, sentences, band, age) if measure else []
    if english and measure:
        skip = {child_name.casefold()} if child_name else set()
        hints += _long_word_hints(fld, text, sentences, words_hints, skip)
    return hints + words_hints, sentences


def _panel(
    text: str,
    *,
    child_name: str | None,
    age: int | None,
    language: str | None,
    family_words: Iterable[Mapping],
    extra_terms: Iterable[Mapping | Term],
    dismissed: Iterable[str],
    heading: str,
    voices: Iterable[Mapping],
    steps: Iterable[str],
    allowed_details: Iterable[str],
    public_numbers: Iterable[str] = (),
    number: int | None = None,
    section: str = "",
) -> tuple[PanelReport, list[Sentence]]:
    """Check one panel; return its report and the sentences measured for the reading age."""
    english = is_english(language)
    band = band_for_age(age)
    parts: list[tuple[str, str, bool]] = [("heading", heading or "", False), ("text", text, True)]
    parts += [(f"voices[{i}].text", str(v.get("text") or ""), True) for i, v in enumerate(voices)]
    parts += [(f"steps[{i}]", str(s or ""), True) for i, s in enumerate(steps)]
    options = {
        "english": english,
        "band": band,
        "age": age,
        "child_name": (child_name or "").strip(),
        "family_words": list(family_words),
        "terms": merge_terms(extra_terms),
        "allowed": [str(a) for a in allowed_details],
        "public_numbers": tuple(public_numbers),
    }
    hints: list[Hint] = []
    measured: list[Sentence] = []
    for fld, part_text, measure in parts:
        if part_text.strip():
            found, sentences = _field_hints(fld, part_text, measure=measure, **options)
            hints += sorted(found, key=lambda h: (h.start is None, h.start or 0, h.kind))
            measured += sentences
    dismissed_keys = set(dismissed)
    kept = [h for h in hints if h.key not in dismissed_keys]
    report = PanelReport(
        number=number,
        section=section,
        language=language or "en",
        english=english,
        band=band,
        sentences=len(measured),
        words=sum(s.word_count for s in measured),
        longest_sentence=max((s.word_count for s in measured), default=0),
        reading_age=reading_age(measured) if english else None,
        hints=kept,
        dismissed=len(hints) - len(kept),
        notes=[] if english else [READING_AGE_NOTE, ENGLISH_CHECKS_NOTE],
    )
    return report, measured


def check_panel(
    text: str,
    *,
    child_name: str | None = None,
    age: int | None = None,
    language: str | None = "en",
    family_words: Iterable[Mapping] = (),
    extra_terms: Iterable[Mapping | Term] = (),
    dismissed: Iterable[str] = (),
    heading: str = "",
    voices: Iterable[Mapping] = (),
    steps: Iterable[str] = (),
    allowed_details: Iterable[str] = (),
    public_numbers: Iterable[str] = (),
) -> PanelReport:
    """Check one panel's words (and optionally its heading, voices and steps) for a child;
    `public_numbers` are phone numbers that may print (the council's helplines)."""
    report, _ = _panel(
        text,
        child_name=child_name,
        age=age,
        language=language,
        family_words=family_words,
        extra_terms=extra_terms,
        dismissed=dismissed,
        heading=heading,
        voices=voices,
        steps=steps,
        allowed_details=allowed_details,
        public_numbers=public_numbers,
    )
    return report


def _age(value: object) -> int | None:
    """Return a child's age as a whole number of years, or None if it is missing or unclear."""
    try:
        return None if value is None or isinstance(value, bool) else int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def english_words(story: Story) -> Story:
    """The story as the plain-words checks read it: a bilingual story whose second language
    is English, and not its first, is checked in its second language's words (the hints are
    written for English); any other story as it is."""
    if not (
        story.bilingual and is_english(story.second_language) and not is_english(story.language)
    ):
        return story
    panels = [
        panel.model_copy(
            update={
                "heading": panel.heading_2,
                "text": panel.text_2,
                "steps": list(panel.steps_2),
                "voices": [
                    v.model_copy(update={"label": v.label_2, "text": v.text_2})
                    for v in panel.voices
                ],
            }
        )
        for panel in story.panels
    ]
    return story.model_copy(
        update={"language": story.second_language, "panels": panels,
                "title": story.title_2 or story.title}
    )  # fmt: skip


def check_booklet(
    story: Story,
    extra_terms: Iterable[Mapping | Term] = (),
    public_numbers: Iterable[str] = (),
) -> BookletReport:
    """Check every panel of a story and summarise the whole booklet (a bilingual story in its
    English words, `english_words`); `public_numbers` may print (the council's helplines)."""
    public = tuple(public_numbers)
    empty = empty_pages(story)  # the pages the booklet leaves out, whichever words are checked
    story = english_words(story)
    name = story.child.name.strip()
    age = _age(story.child.age)
    language = story.language
    # The checks are for English: in a bilingual story whose second language is English
    # (Polish with English), they read the English words, the `_2` fields.
    second = (
        bool(story.second_language)
        and not is_english(language)
        and is_english(story.second_language)
    )
    if second:
        language = story.second_language or language
    english = is_english(language)
    extra = tuple(extra_terms)
    family_words = [word.model_dump() for word in story.family_words]
    allowed = [str(a) for a in (story.model_extra or {}).get("allowed_details") or ()]
    report = BookletReport(story.title, name, age, language, english, band_for_age(age), None)
    report.empty = empty
    all_sentences: list[Sentence] = []
    name_seen = False
    name_re = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE) if name else None
    for index, panel in enumerate(story.panels):
        if panel.skipped:
            report.skipped.append(index + 1)
            continue
        voices = [voice.model_dump() for voice in panel.voices]
        if second:
            voices = [
                {**v, "text": v.get("text_2", ""), "label": v.get("label_2", "")} for v in voices
            ]
        panel_report, sentences = _panel(
            panel.text_2 if second else panel.text,
            child_name=name,
            age=age,
            language=language,
            family_words=family_words,
            extra_terms=extra,
            dismissed=panel.dismissed_hints,
            heading=panel.heading_2 if second else panel.heading,
            voices=voices,
            steps=list(panel.steps_2 if second else panel.steps),
            allowed_details=allowed,
            public_numbers=public,
            number=index + 1,
            section=panel.section,
        )
        report.panels.append(panel_report)
        all_sentences += sentences
        name_seen = name_seen or bool(name_re and any(name_re.search(s.text) for s in sentences))
    if english:
        report.reading_age = reading_age(all_sentences)
        low, high = report.reading_age_target
        if report.reading_age is not None and report.reading_age > high:
            report.notes.append(
                f"The reading age ({report.reading_age:g}) is above the target of {low} to {high}."
            )
    else:
        report.notes += [READING_AGE_NOTE, ENGLISH_CHECKS_NOTE]
    if name and all_sentences and not name_seen:
        report.notes.append(f"{name}'s name is not used anywhere in the booklet.")
    return report
