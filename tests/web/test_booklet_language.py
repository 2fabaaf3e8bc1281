"""A storyboard started in Arabic or Polish from the standard template prints its headings,
title, views, step numbers and "10 =" in that language: in the booklet model and the PDF."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from sqlalchemy import select

from storyboard.booklet import build_booklet
from storyboard.booklet.render import RENDERERS
from storyboard.services.db import db
from storyboard.services.models import Storyboard
from storyboard.services.panels import live_panels
from storyboard.services.storydoc import to_storyfile

WORDS = {"ar": "كلمات العائلة.", "pl": "Słowa rodziny."}
EXPECTED = {
    "ar": {
        "title": "قصة ليلى",
        "headings": ["عائلتي", "من يشعر بالقلق؟", "ما الذي يقلق الكبار؟", "طريقتان لرؤية الأمر",
                     "ماذا حدث بعد ذلك", "ماذا يحدث الآن", "ما مدى الأمان الآن؟", "خطة الأمان",
                     "إذا شعرت بالخوف", "الأشخاص الذين يساعدون", "من أستطيع أن أكلمه"],
        "views": ["المختصون يعتقدون", "ماما وبابا يقولان"],
        "step": "1. ", "ten": "10 تعني: ",
    },
    "pl": {
        "title": "Ola – moja historia",
        "headings": ["Moja rodzina", "Kto się martwi?", "Czym martwią się dorośli?",
                     "Dwa spojrzenia", "Co było potem", "Co dzieje się teraz",
                     "Jak bezpiecznie jest teraz?", "Plan bezpieczeństwa", "Kiedy się boję",
                     "Ludzie, którzy pomagają", "Z kim mogę porozmawiać"],
        "views": ["Specjaliści uważają", "Mama i tata mówią"],
        "step": "1. ", "ten": "10 oznacza: ",
    },
}  # fmt: skip
CHILD = {"ar": "ليلى", "pl": "Ola"}


@pytest.fixture
def worker(make_user, make_case, auth):
    user_id = make_user("wendy")
    case_id = make_case("CR-1", user_id)
    auth.sign_in("wendy")
    return case_id


def start(client, case_id, language):
    return client.post(
        f"/cases/{case_id}/storyboards/new",
        data={"child_name": CHILD[language], "child_age": "7", "language": language,
              "purpose": "First explanation", "template": "standard"},
    )  # fmt: skip


def fill_in(app, language):
    """The family's words on every page; the storyboard as the booklet reads it."""
    with app.app_context():
        storyboard = db.session.scalar(select(Storyboard))
        said = WORDS[language]
        for panel in live_panels(storyboard):
            panel.text = said
            panel.voices = [dict(v, text=said) for v in panel.voices]
            if panel.kind == "steps":
                panel.extra = {**panel.extra, "steps": [said, "", said]}
            if panel.kind == "scale":
                panel.extra = {**panel.extra, "scale": {"ratings": [], "ten_means": said}}
        db.session.commit()
        return to_storyfile(storyboard)


def texts(booklet, *roles):
    return [
        paragraph
        for page in booklet.pages
        for block in page.blocks
        if block.kind == "text" and block.role in roles
        for paragraph in block.paragraphs
    ]


def letters(text: str) -> str:
    """The letters of a text, sorted: pdftotext puts right-to-left ligatures' letters in
    another order (see tests/booklet/test_booklet_layout.py)."""
    return "".join(sorted(c for c in text if c.isalnum() and unicodedata.category(c) != "Mn"))


@pytest.mark.parametrize("language", ["ar", "pl"])
def test_a_story_from_the_standard_template_prints_in_its_language(
    client, app, worker, tmp_path, language
):
    assert start(client, worker, language).status_code == 302
    booklet = build_booklet(fill_in(app, language))
    want = EXPECTED[language]
    assert booklet.title == want["title"]
    assert texts(booklet, "title") == [want["title"]]
    assert texts(booklet, "heading")[:-1] == want["headings"]  # the About page's is last
    assert texts(booklet, "voice-label") == want["views"]
    body = texts(booklet, "body")
    assert [p for p in body if p[:3] in ("1. ", "2. ", "3. ")] == [
        "1. " + WORDS[language],
        "2. " + WORDS[language],
    ] * 2  # two plans, the empty step not counted
    assert want["ten"] + WORDS[language] in body
    everything = " ".join(" ".join(page.words()) for page in booklet.pages)
    assert "Who is worried?" not in everything and "My family" not in everything
    if language == "ar":
        # Nothing English on the pages the child reads (the About page names the fonts).
        latin = [p for p in texts(booklet, "heading", "body", "title", "voice-label")
                 if any("LATIN" in unicodedata.name(c, "") for c in p)]  # fmt: skip
        assert latin == []
    pdf = tmp_path / "booklet.pdf"
    pdf.write_bytes(RENDERERS["pdf"](booklet))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = {letters(word) for word in text.split()}
    for heading in [want["title"], *want["headings"], *want["views"]]:
        for word in heading.split():
            if letters(word):
                assert letters(word) in found, (heading, word)


def test_the_title_is_the_worker_s_to_change_on_the_cover(client, app, worker):
    assert start(client, worker, "pl").status_code == 302
    with app.app_context():
        storyboard = db.session.scalar(select(Storyboard))
        cover = live_panels(storyboard)[0]
        sb_id, cover_id, version = storyboard.id, cover.id, cover.version
    page = client.get(f"/storyboards/{sb_id}").get_data(as_text=True)
    assert "Ola – moja historia" in page  # the cover's hint says what prints when left empty
    response = client.patch(
        f"/api/panels/{cover_id}",
        json={"version": version, "heading": "Książeczka Oli"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert build_booklet(fill_in(app, "pl")).title == "Książeczka Oli"


def test_a_copy_for_a_sibling_gets_its_own_default_title(client, app, worker):
    assert start(client, worker, "pl").status_code == 302
    with app.app_context():
        storyboard = db.session.scalar(select(Storyboard))
        sb_id = storyboard.id
        older = Storyboard(
            case_id=storyboard.case_id, number=2, child_name="Ola", title="Ola", language="pl"
        )  # as stories in another language were titled before they had a default title
        db.session.add(older)
        db.session.commit()
        older_id = older.id
    for source in (sb_id, older_id):
        response = client.post(
            f"/storyboards/{source}/copy", data={"child_name": "Kuba", "child_age": "9"}
        )
        assert response.status_code == 302
    with app.app_context():
        copies = db.session.scalars(select(Storyboard).where(Storyboard.child_name == "Kuba"))
        assert [c.title for c in copies] == ["Kuba – moja historia"] * 2
