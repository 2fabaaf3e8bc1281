"""A booklet in two languages: each page prints its words in both, the second under a thin
line, in its own direction, font and language, in every format; what is not in the second
language yet is listed for the worker; a story in one language prints as it always did."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.html import render_html
from storyboard.booklet.png import draw_page
from storyboard.booklet.reading import reading_view
from storyboard.booklet.word import render_docx
from storyboard.story.bilingual import missing_second_words
from storyboard.story.diff import diff_printed
from storyboard.story.reading import printed_panels, printed_words
from storyboard.story.storyfile import StoryFile, parse, validate

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


def document(second: str) -> dict:
    return json.loads((FIXTURES / f"sam-en-{second}.json").read_text(encoding="utf-8"))


def booklet_of(doc: dict, **options):
    return build_booklet(StoryFile(validate(doc)), **options)


def test_every_page_prints_both_languages_the_second_under_a_line_in_its_own_direction():
    booklet = booklet_of(document("ar"))
    assert (booklet.second_language, booklet.title_2) == ("ar", "قصة سام")
    for page in booklet.pages[:-1]:  # the About page is for the grown-ups
        texts = [b for b in page.blocks if b.kind == "text" and b.role != "draft"]
        english = [b for b in texts if b.language == "en"]
        arabic = [b for b in texts if b.language == "ar"]
        assert english and arabic, f"page {page.number}"
        assert {b.direction for b in english} == {"ltr"} and {b.direction for b in arabic} == {
            "rtl"
        }
        assert {b.face for b in arabic} == {"arabic"}
        (rule,) = [b for b in page.blocks if b.kind == "rule"]
        body = [b for b in texts if b.role in ("body", "voice", "voice-label")]
        # The child reads one language, then the other: all of the first above the line.
        assert max(b.y + b.height for b in body if b.language == "en") <= rule.y
        assert min(b.y for b in body if b.language == "ar") >= rule.y + rule.height
        assert all(b.y + b.height <= booklet.height - booklet.margin for b in page.blocks)
    headings = [
        b.paragraphs[0]
        for p in booklet.pages
        for b in p.blocks
        if getattr(b, "role", "") == "heading"
    ]
    assert "My family" in headings and "عائلتي" in headings  # headings in both
    cover = [
        b.paragraphs[0]
        for b in booklet.pages[0].blocks
        if getattr(b, "role", "") in ("title", "subtitle")
    ]
    assert cover == ["Sam's story", "قصة سام"]


def test_the_second_languages_views_read_from_their_own_start():
    booklet = booklet_of(document("ar"))
    page = next(
        p for p in booklet.pages if any(getattr(b, "role", "") == "voice" for b in p.blocks)
    )
    labels = {b.paragraphs[0]: b.x for b in page.blocks if getattr(b, "role", "") == "voice-label"}
    assert labels["The teachers think"] < labels["Mum and Dad say"]  # English: left first
    assert labels["المعلمون يعتقدون"] > labels["أمي وأبي يقولان"]  # Arabic: right first
    assert "أمي وأبي يقولان" in labels  # no "(Mum)": the first language's label names her


def test_the_words_of_both_languages_take_the_room_on_the_page():
    one = document("pl")
    one.pop("second_language")
    pictures = [
        [b.width for p in booklet_of(doc).pages for b in p.blocks if b.kind == "picture"]
        for doc in (one, document("pl"))
    ]
    # The same pages, the pictures smaller to leave room for the second language's words.
    assert len(pictures[0]) == len(pictures[1])
    assert all(two <= first for first, two in zip(*pictures, strict=True))
    assert any(two < first for first, two in zip(*pictures, strict=True))


def test_a_story_in_one_language_prints_no_second_language_words_even_if_it_has_them():
    doc = document("pl")
    doc.pop("second_language")
    booklet = booklet_of(doc)
    printed = " ".join(w for p in booklet.pages for w in p.words())
    assert "mamą" not in printed and "Historia" not in printed
    assert not any(b.kind == "rule" for p in booklet.pages for b in p.blocks)
    assert {b.language for p in booklet.pages for b in p.blocks if b.kind == "text"} == {"en"}


def test_the_minimal_version_says_roles_for_names_in_both_languages():
    doc = document("pl")
    doc["minimal"] = True
    doc["panels"][4]["text_2"] = "Sarah i Tom zrobili plan:"
    words = printed_words(parse(doc))
    assert "Sarah" not in words and "Tom" not in words
    assert "Mum" in words and "Dad" in words


def test_what_is_not_in_the_second_language_yet_is_listed_for_the_worker():
    doc = document("pl")
    assert missing_second_words(parse(doc)) == []
    doc["title_2"] = ""
    doc["panels"][1]["text_2"] = ""
    doc["panels"][2]["voices"][1].pop("text_2")
    doc["panels"][4]["steps_2"] = ["Tata robi śniadanie."]
    doc["panels"][1]["pictures"][0].pop("label_2")
    assert missing_second_words(parse(doc)) == [
        (0, "Sam's story", ["title"]),
        (2, "My family", ["words", "picture 1's name"]),
        (3, "Two ways of seeing it", ["view 2"]),
        (5, "The safety plan", ["step 2"]),
    ]
    # Printed all the same: the first language's words alone where the second has none.
    booklet = booklet_of(doc)
    assert "Biscuit." in booklet.pages[1].words()
    doc.pop("second_language")
    assert missing_second_words(parse(doc)) == []


def test_html_word_and_png_each_give_each_block_its_language_and_direction():
    booklet = booklet_of(document("ar"))
    soup = BeautifulSoup(render_html(booklet), "html.parser")
    assert soup.html["lang"] == "en" and soup.html["dir"] == "ltr"
    arabic = soup.select('div.text[lang="ar"]')
    assert arabic and all(d["dir"] == "rtl" for d in arabic)
    assert "عائلتي" in [d.get_text() for d in arabic]
    assert soup.select("hr.rule")
    assert not soup.select('div.text[lang="en"]')  # the booklet's own language needs none
    with zipfile.ZipFile(io.BytesIO(render_docx(booklet, dpi=72))) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert 'w:lang w:val="ar" w:bidi="ar"' in xml and 'w:lang w:val="en" w:bidi="en"' in xml
    assert "<w:pBdr>" in xml  # the line before the second language
    # PNG: the Arabic heading is drawn at the right, where the model puts it.
    page = booklet.pages[1]
    (heading,) = [
        b for b in page.blocks if getattr(b, "role", "") == "heading" and b.language == "ar"
    ]
    image = draw_page(booklet, page, dpi=72).convert("L")
    line = heading.lines[0]
    ink = image.crop((round(line.x), round(line.y), round(line.x + line.width),
                      round(line.y + heading.size * heading.line_height)))  # fmt: skip
    assert ink.getextrema()[0] < 120 and line.x > booklet.width / 2


def test_the_phone_page_carries_both_languages_for_the_reviewer_to_choose():
    reading = reading_view(StoryFile(validate(document("ar"))))
    assert (reading.second_language, reading.second_direction) == ("ar", "rtl")
    printed = printed_panels(parse(document("ar")))
    assert [p.heading_2 for p in reading.pages] == [p.heading_2 for p in printed]
    assert reading.pages[1].paragraphs_2 == ["يعيش سام مع أمه وأبيه وقطة اسمها بسكويت."]


def test_the_printed_diff_shows_a_change_in_the_second_language():
    old, new = document("pl"), document("pl")
    new["panels"][1]["text_2"] = "Sam mieszka z tatą."
    diff = diff_printed(parse(old), parse(new))[1]
    assert diff.change == "changed" and ("added", "tatą.") in diff.words


def test_the_plain_words_checks_read_whichever_language_is_english():
    from storyboard.plainwords import check_booklet

    polish_first = {
        "format": "storyboard/1", "title": "Historia Sama", "child": {"name": "Sam", "age": 7},
        "language": "pl", "second_language": "en",
        "panels": [{"section": "next", "text": "Sam ma plan ochrony dziecka.",
                    "text_2": "Sam is on a child protection plan."}],
    }  # fmt: skip
    report = check_booklet(parse(polish_first))
    assert report.english and report.jargon_left == ["child protection plan"]
    english_first = {**polish_first, "language": "en", "second_language": "pl"}
    english_first["panels"] = [{"section": "next", "text": "Sam is on a child protection plan.",
                                "text_2": "Sam ma plan ochrony dziecka."}]  # fmt: skip
    assert check_booklet(parse(english_first)).jargon_left == ["child protection plan"]
    one_language = {k: v for k, v in polish_first.items() if k != "second_language"}
    report = check_booklet(parse(one_language))
    assert not report.english and report.jargon_left == []


@pytest.mark.parametrize("repeat", [12, 25, 60])
def test_a_long_page_continues_overleaf_in_both_languages_and_stays_on_the_paper(repeat):
    doc = document("pl")
    doc["panels"][1]["text"] = " ".join(["Sam went to school and had a good day."] * repeat)
    doc["panels"][1]["text_2"] = " ".join(["Sam poszedł do szkoły i miał dobry dzień."] * repeat)
    booklet = booklet_of(doc)
    for page in booklet.pages:
        assert all(b.y + b.height <= booklet.height - booklet.margin for b in page.blocks)
        # A line only between the languages, never at the foot or the top of a page.
        kinds = [b.kind for b in page.blocks if getattr(b, "role", "") != "draft"]
        assert kinds[:1] != ["rule"] and kinds[-1:] != ["rule"]
    printed = [w for p in booklet.pages for w in p.words()]
    assert printed.count("poszedł") == printed.count("went") == repeat
