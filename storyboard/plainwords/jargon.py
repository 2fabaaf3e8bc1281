"""The jargon finder: professional words and acronyms, with plain words a child understands."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "jargon.json"

_ARTICLE_BEFORE = re.compile(r"(?i)(?<!\w)(a|an|the)\s+$")
_DETERMINER_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:my|your|his|her|their|our|its|this|that|\w+['’]s)\s+$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?؟…:\n])[\s\"'“‘(]*$")


@dataclass(frozen=True)
class Term:
    """A jargon term, its other spellings, and the plain words to use instead."""

    term: str
    plain: str
    note: str = ""
    acronym: bool = False
    also: tuple[str, ...] = ()
    plain_plural: str = ""
    plural: bool = True
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: Mapping) -> Term:
        """Build a term from a `{"term": ..., "plain": ...}` mapping (other keys optional)."""
        term = str(data["term"]).strip()
        plain = str(data["plain"]).strip()
        if not term or not plain:
            raise ValueError("a jargon term needs both 'term' and 'plain'")
        acronym = data.get("acronym")
        if acronym is None:
            acronym = " " not in term and term.isupper()
        return cls(
            term=term,
            plain=plain,
            note=str(data.get("note", "")),
            acronym=bool(acronym),
            also=tuple(str(s) for s in data.get("also", ())),
            plain_plural=str(data.get("plain_plural", "")),
            plural=bool(data.get("plural", True)),
            not_after=frozenset(str(w).casefold() for w in data.get("not_after", ())),
            not_before=frozenset(str(w).casefold() for w in data.get("not_before", ())),
        )

    @property
    def spellings(self) -> tuple[str, ...]:
        """Return the term and its other spellings."""
        return (self.term, *self.also)


@dataclass(frozen=True)
class JargonHit:
    """Jargon found in a text: where, the words as written, and the plain words to use."""

    start: int
    end: int
    words: str
    term: Term
    suggestion: str


@functools.cache
def builtin_terms() -> tuple[Term, ...]:
    """Return the terms kept in the package's jargon list."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(Term.from_dict(item) for item in data["terms"])


def merge_terms(extra: Iterable[Mapping | Term] = ()) -> tuple[Term, ...]:
    """Return the built-in terms with local ones added; a local term replaces a built-in one."""
    merged = {term.term.casefold(): term for term in builtin_terms()}
    for item in extra:
        term = item if isinstance(item, Term) else Term.from_dict(item)
        merged[term.term.casefold()] = term
    return tuple(merged.values())


def _last_token(token: str) -> str:
    """Return a pattern for a term's last word that also matches its plural."""
    if re.search(r"[^aeiou]y$", token, re.IGNORECASE):
        return re.escape(token[:-1]) + r"(?:y|(?P<pl>ies))"
    if re.search(r"(?:s|x|z|ch|sh)$", token, re.IGNORECASE):
        return re.escape(token) + r"(?P<pl>es)?"
    return re.escape(token) + r"(?P<pl>s)?"


def _token(token: str, plural: bool) -> str:
    """Return a pattern for one word of a term; curly and straight apostrophes both match."""
    if plural and token.casefold() == "child":
        return r"child(?:ren)?"
    return re.escape(token).replace("'", "['’]")


def _phrase_pattern(spelling: str, plural: bool) -> str:
    """Return a pattern for a multi-word term: spaces or hyphens between words, any case."""
    parts = re.split(r"(\s+|-)", spelling.strip())
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(r"[\s\-]?" if part == "-" else r"[\s\-]+")
        elif plural and i == len(parts) - 1 and part.isalpha() and part.casefold() != "child":
            out.append(_last_token(part))
        else:
            out.append(_token(part, plural))
    return "".join(out)


def _pattern(term: Term) -> re.Pattern[str]:
    """Compile the pattern for all spellings of `term` as whole words."""
    if term.acronym:
        forms = dict.fromkeys(f for s in term.spellings for f in (s, s.upper()))
        body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        tail = "(?P<pl>s)?" if term.plural else ""
        return re.compile(rf"(?<!\w)(?:{body}){tail}(?!\w)")
    spellings = sorted(term.spellings, key=len, reverse=True)
    alts = [_phrase_pattern(s, term.plural) for s in spellings]
    body = "|".join(f"(?:{a})" for a in _rename_groups(alts))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _rename_groups(alts: list[str]) -> list[str]:
    """Give each alternative's plural group its own name (pl0, pl1, ...)."""
    return [a.replace("(?P<pl>", f"(?P<pl{i}>") for i, a in enumerate(alts)]


@functools.lru_cache(maxsize=64)
def _patterns(terms: tuple[Term, ...]) -> tuple[tuple[re.Pattern[str], Term], ...]:
    """Compile (and remember) the patterns for a set of terms."""
    return tuple((_pattern(term), term) for term in terms)


def _is_plural(match: re.Match[str]) -> bool:
    """Return True if the match used a plural form."""
    if "children" in match.group().casefold():
        return True
    return any(v for k, v in match.groupdict().items() if k.startswith("pl"))


def _neighbour_excluded(text: str, start: int, end: int, term: Term) -> bool:
    """Return True if the word before or after shows the term is used in another sense."""
    if term.not_after:
        before = re.search(r"([\w'’]+)\s+$", text[:start])
        if before and before.group(1).casefold() in term.not_after:
            return True
    if term.not_before:
        after = re.match(r"\s+([\w'’]+)", text[end:])
        if after and after.group(1).casefold() in term.not_before:
            return True
    return False


def _shape(text: str, start: int, end: int, suggestion: str) -> tuple[int, str]:
    """Fit the suggestion to its place: take in a leading article, capitalise at a start."""
    if re.match(r"(?i)(a|an|the) ", suggestion):
        article = _ARTICLE_BEFORE.search(text[:start])
        if article:
            start = article.start()
        elif _DETERMINER_BEFORE.search(text[:start]):
            suggestion = suggestion.split(" ", 1)[1]
    if _SENTENCE_START.search(text[:start]):
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return start, suggestion


def find_jargon(text: str, terms: tuple[Term, ...] | None = None) -> list[JargonHit]:
    """Find jargon in `text`: whole words only, the longest match wins, hits in text order."""
    terms = builtin_terms() if terms is None else terms
    candidates = []
    for pattern, term in _patterns(terms):
        for match in pattern.finditer(text):
            if _neighbour_excluded(text, match.start(), match.end(), term):
                continue
            candidates.append((match.start(), match.end(), term, _is_plural(match)))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    chosen: list[tuple[int, int, Term, bool]] = []
    for cand in candidates:
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    hits = []
    for start, end, term, plural in sorted(chosen, key=lambda c: c[0]):
        plain = term.plain_plural if plural and term.plain_plural else term.plain
        new_start, suggestion = _shape(text, start, end, plain)
        hits.append(JargonHit(new_start, end, text[new_start:end], term, suggestion))
    return hits
