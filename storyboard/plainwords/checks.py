"""Checks beyond length and jargon: the child's name, family words, passives, personal details."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from storyboard.plainwords.hint import Hint
from storyboard.plainwords.measure import split_sentences

# ---- The child's name -------------------------------------------------------------------------

_GENERIC_CHILD = re.compile(
    r"(?i)(?<!\w)(?:the|this|that|said|subject)\s+(?:subject\s+)?"
    r"(?:child|young\s+person|infant|minor)(?!\w)"
)


def find_generic_child(text: str, child_name: str | None) -> list[Hint]:
    """Flag 'the child' and 'the young person' where the child's name would be warmer."""
    name = (child_name or "").strip()
    suggestion = name or "the child's name"
    return [
        Hint(
            "child-name",
            m.group(),
            suggestion,
            m.start(),
            m.end(),
            note="Use the child's name: the booklet is their story.",
        )
        for m in _GENERIC_CHILD.finditer(text)
    ]


# ---- The family's agreed words ----------------------------------------------------------------


def _means_list(means: str | Sequence[str]) -> list[str]:
    """Return the professional words an agreed family word stands for."""
    items = [means] if isinstance(means, str) else list(means)
    return [m.strip() for item in items for m in re.split(r"[;,/]|\bor\b", item) if m.strip()]


def _phrase_re(phrase: str) -> re.Pattern[str]:
    """Compile a whole-word, any-case pattern for a phrase, plurals included."""
    words = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?:s|es)?(?!\w)", re.IGNORECASE)


def find_family_words(text: str, family_words: Iterable[Mapping]) -> list[Hint]:
    """Flag the professional words where the family agreed their own words for the thing."""
    hits: list[Hint] = []
    for item in family_words:
        word = str(item.get("word", "")).strip()
        if not word:
            continue
        for means in _means_list(item.get("means", "")):
            for m in _phrase_re(means).finditer(text):
                if word.casefold() in m.group().casefold():
                    continue
                hits.append(
                    Hint(
                        "family-word",
                        m.group(),
                        word,
                        m.start(),
                        m.end(),
                        note=f"The family agreed to say '{word}'.",
                    )
                )
    return hits


# ---- Passive sentences that hide who did something --------------------------------------------

_AUX = r"(?:was|were|been|being|is|are|be|got|get|gets|getting)"
# Irregular past participles, with the past tense to use in "Say who ... ".
_IRREGULAR = {
    "hurt": "hurt",
    "hit": "hit",
    "taken": "took",
    "told": "told",
    "seen": "saw",
    "given": "gave",
    "made": "made",
    "found": "found",
    "left": "left",
    "kept": "kept",
    "sent": "sent",
    "brought": "brought",
    "shown": "showed",
    "known": "knew",
    "put": "put",
    "done": "did",
    "beaten": "beat",
    "bitten": "bit",
    "broken": "broke",
    "caught": "caught",
    "thrown": "threw",
    "shaken": "shook",
    "held": "held",
    "said": "said",
    "written": "wrote",
    "heard": "heard",
    "struck": "struck",
    "cut": "cut",
    "burnt": "burnt",
    "stolen": "stole",
    "hidden": "hid",
    "sold": "sold",
    "bought": "bought",
    "fed": "fed",
    "shut": "shut",
    "forgotten": "forgot",
}
# Participles that usually describe a feeling or a state, not something someone did.
_STATE_WORDS = frozenset(
    [
        "tired",
        "scared",
        "worried",
        "frightened",
        "excited",
        "bored",
        "pleased",
        "interested",
        "surprised",
        "confused",
        "annoyed",
        "embarrassed",
        "ashamed",
        "married",
        "called",
        "named",
        "supposed",
        "used",
        "born",
        "closed",
        "allowed",
        "involved",
        "concerned",
        "relaxed",
        "settled",
        "prepared",
        "stressed",
        "depressed",
        "engaged",
        "divorced",
        "separated",
        "related",
        "based",
        "needed",
        "invited",
        "dressed",
        "lost",
        "upset",
        "unsettled",
        "exhausted",
        "looked",
    ]
)
_PASSIVE = re.compile(
    rf"(?i)(?<!\w){_AUX}\s+(?:(?:not|never|also|then|really|badly|just)\s+)?"
    rf"(?P<part>[a-z]{{2,}}(?<!e)ed|{'|'.join(_IRREGULAR)})(?!\w)"
)
_PLURAL_OBJECTS = frozenset({"us", "them", "you"})
_PRONOUN_OBJECT = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "you": "you"}


def _object_for(text_before: str) -> str:
    """Return who the passive happened to, if the word before is a name or a pronoun."""
    before = re.search(r"([\w'’]+)\s+$", text_before)
    if not before:
        return "it"
    word = before.group(1)
    if word.casefold() in _PRONOUN_OBJECT:
        return _PRONOUN_OBJECT[word.casefold()]
    return word if word[:1].isupper() and word.casefold() not in {"it", "this", "that"} else "it"


def find_passives(text: str) -> list[Hint]:
    """Flag passives without 'by' ('Sam was hurt', 'a referral was made') that hide who did it."""
    hits: list[Hint] = []
    for sentence in split_sentences(text):
        for m in _PASSIVE.finditer(sentence.text):
            part = m.group("part").casefold()
            if part in _STATE_WORDS or re.search(r"(?i)\bby\b", sentence.text[m.end() :]):
                continue
            who = _object_for(sentence.text[: m.start()])
            if m.group().casefold().startswith(("were", "are")) and who not in _PLURAL_OBJECTS:
                who = "them"
            did = _IRREGULAR.get(part, part)
            start = sentence.start + m.start()
            hits.append(
                Hint(
                    "passive",
                    m.group(),
                    f"Say who {did} {who}.",
                    start,
                    sentence.start + m.end(),
                    note="Children need to know who did what, said without blame.",
                )
            )
    return hits


# ---- Details that identify where the child lives or goes to school ----------------------------

_POSTCODE = re.compile(r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}(?!\w)")
_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Court|Ct|Place|Pl|"
    "Gardens|Grove|Terrace|Hill|Square|Mews|View|Walk|Row|Rise|Parade|Boulevard|Gate|Green"
)
_STREET = re.compile(
    rf"(?<!\w)(?:[Ff]lat\s+\d+\w?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+"
    rf"(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{_STREET_TYPES})\b\.?"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?![\d])"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SCHOOL_TYPES = r"School|Academy|College|Nursery|Pre-?[Ss]chool"
_SCHOOL = re.compile(
    r"(?<!\w)(?:(?:St\.?|Saint)\s+)?(?:[A-Z][\w'’\-]*\s+){1,4}"
    rf"(?:(?:{_SCHOOL_TYPES})\b|(?i:primary|infants?|junior|secondary|high)\s+(?i:school)\b)"
)
_SCHOOL_GENERIC = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "every",
        "new",
        "big",
        "little",
        "primary",
        "infant",
        "infants",
        "junior",
        "secondary",
        "high",
        "nursery",
        "grammar",
        "special",
        "school",
        "academy",
        "college",
        "pre",
        "preschool",
        "pre-school",
        "at",
        "to",
        "in",
        "from",
        "when",
        "after",
        "before",
        "and",
    ]
)
# Freephone helplines (Childline, NSPCC) belong in a "who I can talk to" page.
_HELPLINE_PREFIXES = ("0800", "0808", "116")


def _school_is_named(found: str) -> bool:
    """Return True if a school match holds a real name, not just 'Primary School' or 'My School'."""
    name_words = re.findall(r"[\w'’\-]+", found)[:-1]
    bare = [re.sub(r"['’]s$", "", w.casefold()) for w in name_words]
    return any(w not in _SCHOOL_GENERIC for w in bare) and not (
        len(name_words) == 1 and re.search(r"['’]s$", name_words[0])
    )


def _digits(text: str) -> str:
    """Return the digits of a phone number, written nationally (with its leading 0)."""
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits


def find_identifying(
    text: str, allowed: Iterable[str] = (), public_numbers: Iterable[str] = ()
) -> list[Hint]:
    """Flag postcodes, street addresses, phone numbers, email addresses and school names.

    `public_numbers` are phone numbers anyone may print (the council's own helplines): found
    however they are written (spaces, +44), they are not flagged; any other number still is."""
    allowed_cf = [a.casefold().strip() for a in allowed if a.strip()]
    public = {_digits(n) for n in public_numbers} - {""}
    hits: list[Hint] = []

    def add(what: str, m: re.Match[str], advice: str) -> None:
        found = m.group().rstrip(" .,")
        if any(a in found.casefold() or found.casefold() in a for a in allowed_cf):
            return
        if any(h.start is not None and h.start <= m.start() < (h.end or 0) for h in hits):
            return
        hits.append(
            Hint(
                "identifying",
                found,
                advice,
                m.start(),
                m.start() + len(found),
                note=f"This looks like {what}. A child carries this booklet.",
            )
        )

    for m in _EMAIL.finditer(text):
        add("an email address", m, "Leave out the email address.")
    for m in _POSTCODE.finditer(text):
        add("a postcode", m, "Leave out the postcode.")
    for m in _STREET.finditer(text):
        add("a street address", m, "Say 'home' or 'Nan's house' instead of the address.")
    for m in _PHONE.finditer(text):
        digits = _digits(m.group())
        public_line = digits.startswith(_HELPLINE_PREFIXES) or digits in public
        if len(digits) in (10, 11) and not public_line:
            add("a phone number", m, "Leave out the phone number, or say who to ask for it.")
    for m in _SCHOOL.finditer(text):
        if _school_is_named(m.group()):
            add("a school's name", m, "Say 'your school' unless the family agreed to name it.")
    return sorted(hits, key=lambda h: h.start or 0)
