"""The hint: one thing a worker might want to change in a panel's words."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass

# Kinds whose words are long or personal: their key carries a digest, not the words.
_DIGEST_KINDS = frozenset({"long-sentence", "identifying"})


def hint_key(kind: str, words: str) -> str:
    """Return a stable key for a hint: the same kind and words give the same key."""
    norm = re.sub(r"\s+", " ", words.casefold().replace("’", "'")).strip()
    if kind in _DIGEST_KINDS:
        norm = hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]
    return f"{kind}:{norm}" if norm else kind


@dataclass(frozen=True)
class Hint:
    """A suggestion about some words; `start`/`end` are offsets in `field`, or None."""

    kind: str
    words: str
    suggestion: str
    start: int | None = None
    end: int | None = None
    field: str = "text"
    note: str = ""
    key: str = dataclasses.field(default="", compare=False)

    def __post_init__(self) -> None:
        """Fill in the key from the kind and words when none was given."""
        if not self.key:
            object.__setattr__(self, "key", hint_key(self.kind, self.words))
