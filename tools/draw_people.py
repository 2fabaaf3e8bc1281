"""People drawings: the core figures with feelings, helpers, family, baby and wheelchair user."""

from __future__ import annotations

from draw_figure import (
    Person,
    apron,
    book,
    coat,
    folder,
    hair_front,
    hivis,
    hood,
    judge_bands,
    jumper_heart,
    lanyard,
    police_cap,
    scrubs,
    stick,
)
from draw_kit import (
    BASE,
    CREAM,
    DENIM,
    FEELINGS,
    HAIR,
    INK,
    LILAC,
    MIST,
    NAVY,
    PEACH,
    ROBE,
    ROSE,
    SAGE,
    SHOE,
    SKIN,
    SKY,
    SLATE,
    WHITE,
    WOOD,
    YELLOW,
    add,
    capsule,
    circle,
    face,
    line,
    path,
    pt,
)

CORE = {
    "girl": (
        "a girl",
        Person("child", SKIN["fair"], "bunches", HAIR["dark"], YELLOW, "skirt", ROSE),
        "girl child daughter sister kid",
    ),
    "boy": (
        "a boy",
        Person("child", SKIN["brown"], "curly", HAIR["black"], SAGE, "trousers", DENIM),
        "boy child son brother kid",
    ),
    "mum": (
        "a mum",
        Person("adult", SKIN["light"], "long", HAIR["auburn"], ROSE, "trousers", SLATE),
        "mum mother mummy mom parent woman",
    ),
    "dad": (
        "a dad",
        Person("adult", SKIN["medium"], "short", HAIR["black"], SKY, "trousers", NAVY),
        "dad father daddy parent man",
    ),
}
FEELING_WORDS = {
    "happy": "glad smiling pleased good",
    "sad": "unhappy down upset crying",
    "worried": "anxious nervous unsure upset",
    "angry": "cross mad annoyed cross",
    "scared": "frightened afraid fear shocked",
    "calm": "okay relaxed peaceful settled",
}


def people() -> None:
    """The core figures with six feelings each, the helpers, and the family."""
    for key, (who, person, words) in CORE.items():
        for feeling in FEELINGS:
            person.feeling = feeling
            add(
                f"{key}-{feeling}",
                f"{key} {feeling}",
                "feelings",
                f"{words} {feeling} {FEELING_WORDS[feeling]} feeling feelings face",
                f"{who.capitalize()} looking {feeling}.",
                person.draw(),
            )
    helpers = [
        (
            "social-worker",
            "social worker",
            "social worker helper keeps children safe lanyard",
            "A social worker with a badge on a lanyard, holding a folder.",
            Person(
                "adult",
                SKIN["deep"],
                "long",
                HAIR["black"],
                SAGE,
                "trousers",
                SLATE,
                props=[folder],
                extras=[lanyard],
            ),
        ),
        (
            "teacher",
            "teacher",
            "teacher school class miss sir teaching",
            "A teacher with glasses, holding a book.",
            Person(
                "adult",
                SKIN["fair"],
                "short",
                HAIR["blonde"],
                YELLOW,
                "trousers",
                SLATE,
                glasses=True,
                props=[book],
            ),
        ),
        (
            "doctor",
            "doctor",
            "doctor gp hospital medical health stethoscope",
            "A doctor in a white coat with a stethoscope.",
            Person(
                "adult",
                SKIN["brown"],
                "bun",
                HAIR["black"],
                WHITE,
                "trousers",
                SLATE,
                extras=[coat],
            ),
        ),
        (
            "nurse",
            "nurse",
            "nurse health visitor hospital medical care",
            "A nurse in a blue uniform with a watch pinned on.",
            Person(
                "adult",
                SKIN["medium"],
                "short",
                HAIR["dark"],
                DENIM,
                "trousers",
                DENIM,
                extras=[scrubs],
            ),
        ),
        (
            "police-officer",
            "police officer",
            "police officer policeman policewoman cop",
            "A police officer in a cap and a yellow jacket.",
            Person(
                "adult",
                SKIN["light"],
                "short",
                HAIR["brown"],
                YELLOW,
                "trousers",
                NAVY,
                extras=[hivis, police_cap],
            ),
        ),
        (
            "judge",
            "judge",
            "judge court law decides robe wig",
            "A judge in a dark robe and a grey wig.",
            Person(
                "adult",
                SKIN["fair"],
                "wig",
                HAIR["white"],
                ROBE,
                "robe",
                ROBE,
                extras=[judge_bands],
            ),
        ),
        (
            "foster-carer",
            "foster carer",
            "foster carer looks after home care heart",
            "A kind grown-up with a heart on their jumper.",
            Person(
                "adult",
                SKIN["brown"],
                "curly",
                HAIR["dark"],
                PEACH,
                "trousers",
                DENIM,
                extras=[jumper_heart],
            ),
        ),
    ]
    for ident, title, words, alt, person in helpers:
        add(ident, title, "helpers", words, alt, person.draw())
    family = [
        (
            "grandma",
            "grandma",
            "grandma granny nan nana grandmother grandparent old",
            "A grandma with a grey bun and glasses.",
            Person(
                "adult",
                SKIN["light"],
                "bun",
                HAIR["grey"],
                LILAC,
                "skirt",
                SLATE,
                glasses=True,
                extras=[apron],
            ),
        ),
        (
            "grandpa",
            "grandpa",
            "grandpa grandad grandfather grandparent old walking stick",
            "A grandpa with a walking stick.",
            Person(
                "adult",
                SKIN["brown"],
                "bald",
                HAIR["white"],
                SAGE,
                "trousers",
                WOOD,
                props=[stick],
                extras=[apron],
            ),
        ),
        (
            "head-scarf",
            "woman in a head scarf",
            "woman head scarf hijab mum aunt muslim",
            "A woman wearing a head scarf.",
            Person("adult", SKIN["fair"], "scarf", ROSE, CREAM, "trousers", SLATE),
        ),
        (
            "teenager",
            "teenager",
            "teenager teen older brother boy hoodie young person",
            "A teenager in a hoodie.",
            Person(
                "teen", SKIN["deep"], "short", HAIR["black"], SKY, "trousers", NAVY, extras=[hood]
            ),
        ),
        (
            "teen-girl",
            "teenage girl",
            "teenager teen older sister girl young person",
            "A teenage girl with long hair.",
            Person("teen", SKIN["medium"], "long", HAIR["dark"], LILAC, "trousers", DENIM),
        ),
        (
            "toddler",
            "toddler",
            "toddler little child small young",
            "A toddler in a dress.",
            Person("toddler", SKIN["light"], "tuft", HAIR["blonde"], SKY, "skirt", SKY),
        ),
    ]
    for ident, title, words, alt, person in family:
        add(ident, title, "people", words, alt, person.draw())
    add(
        "baby",
        "baby",
        "people",
        "baby newborn infant little brother sister",
        "A baby sitting down.",
        baby(),
    )
    add(
        "wheelchair-user",
        "person in a wheelchair",
        "people",
        "wheelchair user disabled person sitting",
        "A person sitting in a wheelchair.",
        wheelchair(),
    )


def baby() -> str:
    """A baby sitting on the ground line."""
    c, cy, r = 100, 126, 22
    out = [
        capsule(c - 14, 176, c - 30, BASE - 6, 8, PEACH),
        capsule(c + 14, 176, c + 30, BASE - 6, 8, PEACH),
        path(
            f"M{pt(c - 24, 150)} Q{pt(c - 32, BASE, c, BASE - 2)} Q{pt(c + 32, BASE, c + 24, 150)}"
            f" Q{pt(c, 140, c - 24, 150)} Z",
            PEACH,
        ),
        circle(c - 33, BASE - 7, 6, SKIN["fair"]),
        circle(c + 33, BASE - 7, 6, SKIN["fair"]),
        capsule(c - 20, 156, c - 30, 172, 6.5, PEACH),
        capsule(c + 20, 156, c + 30, 172, 6.5, PEACH),
        circle(c - 31, 175, 5.5, SKIN["fair"]),
        circle(c + 31, 175, 5.5, SKIN["fair"]),
        circle(c, cy, r, SKIN["fair"]),
        face(c, cy, r, "happy"),
        path(f"M{pt(c - 3, cy - r)} Q{pt(c - 2, cy - r - 10, c + 6, cy - r - 8)}"),
    ]
    return "\n".join(out)


def wheelchair() -> str:
    """A person sitting in a wheelchair, seen from the side with the face to us."""
    p = Person("adult", SKIN["medium"], "short", HAIR["dark"], SAGE, "trousers", NAVY, cx=88)
    c, r, cy = 88, 24, 68
    out = [
        path(f"M{pt(62, 96)} L{pt(62, 146)} L{pt(128, 146)}"),  # chair back and seat
        path(f"M{pt(56, 92)} L{pt(62, 96)}"),
        circle(82, 154, 34, MIST),
        circle(82, 154, 26),
        circle(82, 154, 5, INK),
        capsule(c, 138, 128, 138, 9.5, NAVY),
        capsule(128, 138, 132, 172, 9.5, NAVY),
        path(f"M{pt(122, 182)} A{pt(12, 9)} 0 0 1 {pt(146, 182)} Z", SHOE),
        line(126, 184, 150, 184),
        line(124, 150, 140, 180),
        circle(146, 181, 7, WHITE),
        path(
            f"M{pt(c - 20, 90)} Q{pt(c, 87, c + 20, 90)} Q{pt(c + 24, 92, c + 24, 100)}"
            f" L{pt(c + 22, 142)} Q{pt(c, 146, c - 22, 142)} L{pt(c - 24, 100)}"
            f" Q{pt(c - 24, 91, c - 20, 90)} Z",
            p.top,
        ),
        capsule(c + 18, 98, c + 30, 130, 8, p.top),
        circle(c + 30, 134, 7.5, p.skin),
        circle(c, cy, r, p.skin),
        face(c, cy, r, "friendly"),
        hair_front("short", c, cy, r, p.hair_colour),
    ]
    return "\n".join(out)
