"""Draw our own illustration set: writes static/illustrations/*.svg and catalogue.json.

One illustrator's rules, kept in code so the set stays consistent: a 200x200 view box, one dark
ink stroke of width 4 (round caps and joins, set once on the root group), flat fills from a small
soft palette, round heads with dot eyes, and feelings drawn only with eyebrows and mouth. People
share one scale and stand on one baseline (y=188) so they combine on a scene.

Run: python tools/draw_illustrations.py   (deterministic: same output every run)
"""

from __future__ import annotations

import json

from draw_kit import ENTRIES, OUT_DIR
from draw_method import method
from draw_people import people
from draw_places import places
from draw_things import things


def main() -> None:
    """Write every drawing and the catalogue."""
    people()
    places()
    things()
    method()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUT_DIR.glob("*.svg"):
        old.unlink()
    catalogue = []
    for entry in ENTRIES:
        (OUT_DIR / f"{entry['id']}.svg").write_text(str(entry["svg"]), encoding="utf-8")
        catalogue.append({k: entry[k] for k in ("id", "title", "category", "words", "alt")})
    doc = {
        "style": "one ink line (#3a3a3a, width 4), soft flat fills, 200x200, baseline y=188",
        "illustrations": catalogue,
    }
    (OUT_DIR / "catalogue.json").write_text(
        json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(catalogue)} drawings to {OUT_DIR}")


if __name__ == "__main__":
    main()
