"""Retelling a story for a brother or sister: proposed rewrites of names, pronouns and the
point of view, for the worker to accept one by one.

Pure (no database). Copying Lily's story (she, 6) for Josh (he, 12) proposes:

- names both ways: "Lily" becomes "Josh", and the Josh of Lily's story becomes "Lily";
- the point of view: "my big brother Josh" becomes "my little sister Lily";
- pronouns that refer to either child: "Lily did not get her tea" becomes "Josh did not get
  his tea". A pronoun refers to the person mentioned last before it who can take it, so the
  "her" of "Lily helped Mum with her bags" means Mum and stays.

Pronouns written in a person's own words (anything but she, he or they) are never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The forms of each pronoun set: subject, object, possessive before a noun, possessive
# standing alone, reflexive.
FORMS = {
    "she": ("she", "her", "her", "hers", "herself"),
    "he": ("he", "him", "his", "his", "himself"),
    "they": ("they", "them", "their", "theirs", "themselves"),
}
CHOICES = tuple(FORMS)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SUBJECT, OBJECT, DETERMINER, STANDALONE, REFLEXIVE = range(5)
# Words after "her" that make it an object ("gave her a hug"), not a possessive ("her tea").
_NOT_A_NOUN = _words(
    "a an the and or but so to at in on with for from of by that this then when because if "
    "too again back up down out off over away home there here now today yesterday tomorrow "
    "very really not know feel go come get is was be been"
)
# Agreement after "they": the verb changes with the pronoun.
_THEY_VERBS = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "goes": "go", "says": "say",
}  # fmt: skip
_SINGULAR_VERBS = {v: k for k, v in _THEY_VERBS.items()}
# Words for people whose pronouns the words themselves say.
_SHE_WORDS = _words(
    "mum mummy mom mommy mother nan nana nanny gran granny grandma grandmother auntie aunt "
    "sister stepmum lady woman girl"
)
_HE_WORDS = _words(
    "dad daddy father grandad grandpa granddad grandfather uncle brother stepdad man boy"
)
_SIBLING_WORDS = {"she": "sister", "he": "brother", "they": "sibling"}
_OLDER = {"big": "little", "little": "big", "baby": "big", "older": "younger", "younger": "older"}
# A word in any alphabet ("Zoë", "Łucja"), with an apostrophe inside ("Sam's", "don't").
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*")


@dataclass(frozen=True)
class Person:
    """Someone who may be mentioned: the words naming them and their pronouns ("" unknown)."""

    key: str
    names: tuple[str, ...]
    pronouns: str = ""


@dataclass(frozen=True)
class Child:
    """One of the two children: first name, pronouns as chosen, age."""

    name: str
    pronouns: str = ""
    age: int | None = None

    @property
    def pronoun_set(self) -> str:
        """she, he or they; "" for pronouns in the family's own words (never rewritten)."""
        return self.pronouns if self.pronouns in FORMS else ""


@dataclass(frozen=True)
class Proposal:
    """Replace text[start:end] (`before`) with `after`, for the reason given."""

    start: int
    end: int
    before: str
    after: str
    reason: str


def sibling_word(person: Child, other: Child) -> str:
    """What `person` is to `other`: "big brother", "little sister", "sibling"."""
    word = _SIBLING_WORDS.get(person.pronoun_set, "sibling")
    if person.age is None or other.age is None or person.age == other.age:
        return word
    return ("big " if person.age > other.age else "little ") + word


def pronouns_of(words: str) -> str:
    """The pronoun set the words for a person imply ("Mum": she), or "" when they do not."""
    found = {w.casefold() for w in _WORD.findall(words)}
    if found & _SHE_WORDS and not found & _HE_WORDS:
        return "she"
    if found & _HE_WORDS and not found & _SHE_WORDS:
        return "he"
    return ""


def _like(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def propose(text: str, old: Child, new: Child, others: list[Person]) -> list[Proposal]:
    """The rewrites that retell `text` (from `old`'s story) for `new`, in reading order."""
    if not text.strip():
        return []
    found = _point_of_view(text, old, new)
    taken = [(p.start, p.end) for p in found]
    names = _name_spans(text, old, new, taken)
    skip = {old.name.casefold(), new.name.casefold()}
    people = {n.casefold(): p for p in others for n in p.names if n and n.casefold() not in skip}
    said = _Mentions()
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        said.clause_break(text, start)
        if any(a <= start < b for a, b in taken):
            if any(a == start for a, _ in taken):
                said.add("new", new.pronoun_set)  # "my big brother" is the new child
            continue
        span = next(((a, b, who) for a, b, who in names if a <= start < b), None)
        if span is not None:
            if span[0] == start:
                who = span[2]
                child, other = (old, new) if who == "old" else (new, old)
                reason = _name_reason(child, other, old)
                found.append(Proposal(start, span[1], text[start : span[1]], other.name, reason))
                said.add(who, child.pronoun_set)
            continue
        key = word.casefold().removesuffix("’s").removesuffix("'s")
        if key in people:
            said.add(people[key].key, people[key].pronouns)
        else:
            change = _pronoun(text, match, said, old, new)
            if change:
                found.append(change)
    return sorted(found, key=lambda p: p.start)


def _name_spans(
    text: str, old: Child, new: Child, taken: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Where each child is named, as a whole name written as the family writes it ("Will"
    the name, not "will" the word; "Lily-Mae" and "Lily Rose" whole). Two children with
    the same name: nothing to swap."""
    if not old.name or not new.name or old.name == new.name:
        return []
    spans = []
    for name, who in ((old.name, "old"), (new.name, "new")):
        pattern = rf"(?<![\w'’-]){re.escape(name)}(?![\w-])"
        for match in re.finditer(pattern, text):
            if not any(a <= match.start() < b for a, b in taken):
                spans.append((match.start(), match.end(), who))
    return spans


class _Mentions:
    """Who has been mentioned so far, and which of them began the current clause."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str, int, bool]] = []
        self.clause = 0
        self.seen = 0

    def clause_break(self, text: str, at: int) -> None:
        """Start a new clause if a full stop, a semicolon or a new line came before `at`."""
        if re.search(r"[.!?;:\n]", text[self.seen : at]):
            self.clause += 1
        self.seen = at

    def add(self, who: str, pronoun_set: str) -> None:
        """Note a mention (a name, or a pronoun found to mean someone)."""
        first = not any(c == self.clause for _, _, c, _ in self.said)
        self.said.append((who, pronoun_set, self.clause, first))

    def referent(self, pronoun_set: str, is_object: bool) -> str | None:
        """The last person mentioned who can take this pronoun. An object ("Mum found her")
        never means the one who began its clause: that would be "herself"."""
        for who, their_set, clause, first in reversed(self.said):
            if their_set and their_set != pronoun_set:
                continue
            if is_object and first and clause == self.clause:
                continue
            return who
        return None


def _name_reason(child: Child, other: Child, old: Child) -> str:
    if child is old:
        return f"This is now {other.name}’s story."
    return f"In {child.name}’s story, {other.name} is the {sibling_word(other, child)}."


def _pronoun(
    text: str, match: re.Match[str], said: _Mentions, old: Child, new: Child
) -> Proposal | None:
    """A pronoun that refers to one of the two children, rewritten for the other."""
    word = match.group()
    lower = word.casefold()
    pronoun_set = next((key for key, forms in FORMS.items() if lower in forms), None)
    if pronoun_set is None:
        return None
    rest = text[match.end() :]
    after_word = _WORD.match(rest.lstrip())
    next_word = after_word.group().casefold() if after_word else ""
    form = _form(lower, pronoun_set, next_word)
    who = said.referent(pronoun_set, form == OBJECT)
    if who not in ("old", "new"):
        return None
    child, other = (old, new) if who == "old" else (new, old)
    if child.pronoun_set != pronoun_set or not other.pronoun_set:
        return None
    said.add(who, pronoun_set)
    if other.pronoun_set == pronoun_set:
        return None
    after = FORMS[other.pronoun_set][form]
    end = match.end()
    if form == SUBJECT and after_word:
        verb = _agree(next_word, other.pronoun_set)
        if verb:
            gap = len(rest) - len(rest.lstrip())
            end = match.end() + gap + after_word.end()
            after = f"{after} {_like(verb, after_word.group())}"
    reason = (
        f"{child.name} is {other.name} in this story: {'/'.join(FORMS[other.pronoun_set][:3])}."
    )
    return Proposal(match.start(), end, text[match.start() : end], _like(after, word), reason)


def _form(word: str, pronoun_set: str, next_word: str) -> int:
    forms = FORMS[pronoun_set]
    if word == forms[SUBJECT]:
        return SUBJECT
    if word == forms[REFLEXIVE]:
        return REFLEXIVE
    if word == forms[STANDALONE] and word != forms[DETERMINER]:
        return STANDALONE
    possessive = bool(next_word) and next_word not in _NOT_A_NOUN
    if word == forms[OBJECT] and word != forms[DETERMINER]:
        return OBJECT
    if word == forms[DETERMINER] and word != forms[OBJECT]:
        return DETERMINER if possessive else STANDALONE
    return DETERMINER if possessive else OBJECT


def _agree(verb: str, pronoun_set: str) -> str:
    if pronoun_set == "they":
        return _THEY_VERBS.get(verb, "")
    return _SINGULAR_VERBS.get(verb, "")


_POV = r"\b([Mm]y)\s+(?:(big|little|older|younger|baby)\s+)?(brother|sister|sibling)\b"


def _point_of_view(text: str, old: Child, new: Child) -> list[Proposal]:
    """ "my big brother Josh" (the old child speaking of the new) -> "my little sister Lily"."""
    found = []
    pattern = _POV + rf"(?:\s+({re.escape(new.name)})\b)?" if new.name else _POV
    for match in re.finditer(pattern, text):
        my, size, relation = match.group(1), match.group(2), match.group(3)
        if relation != _SIBLING_WORDS.get(new.pronoun_set, relation):
            continue
        if match.lastindex != 4 and re.match(r"\s+[A-Z]", text[match.end() :]):
            continue  # "my big brother Tom": another child of the family, not the new one
        word = _SIBLING_WORDS.get(old.pronoun_set, "sibling")
        if size:
            word = f"{_size(size, old, new)} {word}"
        after = f"{my} {word}" + (f" {old.name}" if match.lastindex == 4 else "")
        if after != match.group():
            reason = f"In {new.name}’s story, {old.name} is the {sibling_word(old, new)}."
            found.append(Proposal(match.start(), match.end(), match.group(), after, reason))
    return found


def _size(size: str, old: Child, new: Child) -> str:
    """ "big" or "little" for `old` beside `new`: from their ages, else the opposite word."""
    if old.age is None or new.age is None or old.age == new.age:
        return _OLDER.get(size, size)
    older = old.age > new.age
    if size in ("older", "younger"):
        return "older" if older else "younger"
    return "big" if older else "little"
