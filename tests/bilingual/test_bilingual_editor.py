"""The editor of a bilingual storyboard: the languages control and what it saves, each page's
two boxes with their own language and direction, the plain-words hints on the English box,
and the list of pages still missing words in the second language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from storyboard.services.db import db
from storyboard.services.models import Storyboard
from storyboard.services.second_missing import missing_second
from tests.web.test_editor_api import JSON, save

pytestmark = pytest.mark.db


def _page(client, sb_id):
    response = client.get(f"/storyboards/{sb_id}")
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _languages(client, sb_id, **body):
    return client.patch(f"/api/storyboards/{sb_id}/languages", json=body, headers=JSON)


def test_the_languages_control_offers_only_other_languages_and_saves_them(client, app, story):
    page = _page(client, story["sb"])
    offered = [o["value"] for o in page.select("#second-language option")]
    assert offered[0] == ""  # one language
    assert "ar" in offered and "pl" in offered and "en" not in offered
    assert "keeps every word" in page.select_one("#second-language-hint").get_text()
    # The page of one language has no second box anywhere.
    assert not page.select("[data-field=text_2], [data-voice-field=label_2], [data-step-2]")

    answer = _languages(client, story["sb"], second_language="ar", title_2="قصة سام")
    assert answer.status_code == 200
    assert answer.get_json() == {"language": "en", "second_language": "ar", "title_2": "قصة سام"}
    with app.app_context():
        sb = db.session.get(Storyboard, story["sb"])
        assert (sb.second_language, sb.title_2) == ("ar", "قصة سام")

    page = _page(client, story["sb"])
    assert page.select_one("#second-language option[selected]")["value"] == "ar"
    assert page.select_one("#title-2")["value"] == "قصة سام"
    assert page.select_one("#title-2")["dir"] == "rtl"
    # Its own language is refused, and nothing changes.
    refused = _languages(client, story["sb"], second_language="en-GB")
    assert (refused.status_code, refused.get_json()["field"]) == (400, "second_language")
    with app.app_context():
        assert db.session.get(Storyboard, story["sb"]).second_language == "ar"


def test_each_page_has_both_boxes_with_their_language_and_direction(client, app, story):
    pid = story["panels"][1]
    saved = save(client, pid, version=1, text="I live with Mum.", text_2="أعيش مع أمي.")
    assert saved.status_code == 200
    _languages(client, story["sb"], second_language="ar")
    page = _page(client, story["sb"])
    card = page.select_one(f"#panel-{pid}")
    first, second = card.select_one("[data-field=text]"), card.select_one("[data-field=text_2]")
    assert (first["lang"], first["dir"], first.get_text()) == ("en", "ltr", "I live with Mum.")
    assert (second["lang"], second["dir"], second.get_text()) == ("ar", "rtl", "أعيش مع أمي.")
    label = card.select_one(f"label[for={second['id']}]").get_text(" ", strip=True)
    assert "Arabic" in label
    assert card.select_one("[data-field=heading_2]")["dir"] == "rtl"
    # The hints run on the English box only.
    assert first.has_attr("data-plainwords-url") and not second.has_attr("data-plainwords-url")
    # Every kind of printed field has its twin: steps, the scale's "10 means", the views,
    # and the pictures' (the composer is told the languages).
    assert page.select("[data-step-2][dir=rtl]")
    assert page.select("[data-field='scale.ten_means_2'][dir=rtl]")
    assert len(card.select("[data-voice-field=label_2][lang=ar]")) == 2  # the two views
    assert len(card.select("[data-voice-field=text_2][dir=rtl]")) == 2
    assert page.select_one(".scene-editor")["data-lang2"] == "ar"

    # Back to one language: the words stay, the boxes go.
    assert _languages(client, story["sb"], second_language=None).status_code == 200
    page = _page(client, story["sb"])
    assert not page.select("[data-field=text_2]")
    assert save(client, pid, version=2, text="I live with Mum and Nan.").status_code == 200
    assert (
        client.get(f"/api/storyboards/{story['sb']}/panels").get_json()["panels"][1]["text_2"]
        == "أعيش مع أمي."
    )


def test_hints_run_on_the_second_box_when_it_is_the_english_one(client, app, story):
    with app.app_context():
        sb = db.session.get(Storyboard, story["sb"])
        sb.language = "pl"
        db.session.commit()
    _languages(client, story["sb"], second_language="en")
    card = _page(client, story["sb"]).select_one(f"#panel-{story['panels'][1]}")
    first, second = card.select_one("[data-field=text]"), card.select_one("[data-field=text_2]")
    assert not first.has_attr("data-plainwords-url")
    assert second.has_attr("data-plainwords-url") and second.has_attr("data-plainwords-second")
    # The check of the second box is an English check (jargon found), the first's is not.
    url = f"/api/storyboards/{story['sb']}/plainwords"
    english = client.post(url, json={"text": "We held a strategy meeting.", "second": True})
    polish = client.post(url, json={"text": "We held a strategy meeting."})
    assert english.get_json()["english"] is True
    assert any(h["kind"] == "jargon" for h in english.get_json()["hints"])
    assert polish.get_json()["english"] is False


def test_pages_missing_words_in_the_second_language_are_listed(client, app, story):
    ids = story["panels"]
    save(client, ids[1], version=1, heading="My family", text="I live with Mum.",
         heading_2="عائلتي")  # fmt: skip
    home = {"src": "library:home", "label": "Home"}
    save(client, ids[2], version=1, text="Mum was worried.", text_2="كانت أمي قلقة.",
         heading_2="من القلق؟", scene={"pictures": [home]})  # fmt: skip
    with app.app_context():
        assert missing_second(db.session.get(Storyboard, story["sb"])) == []  # one language
    _languages(client, story["sb"], second_language="ar")
    with app.app_context():
        found = missing_second(db.session.get(Storyboard, story["sb"]))
    assert [(m.panel_id, m.number, m.heading, m.fields) for m in found] == [
        (ids[1], 2, "My family", ["words"]),
        (ids[2], 3, "Who is worried?", ["picture 1's name"]),
        (ids[7], 8, "How safe is it now?", ["heading"]),  # a scale always prints
    ]  # the other pages print nothing (empty), so nothing is missing there
    listed = _page(client, story["sb"]).select_one("#missing-second")
    assert "Missing in Arabic" in listed.get_text(" ", strip=True)
    link = listed.select_one(".missing-list a")
    assert (link["href"], link["data-show-panel"]) == (f"#panel-{ids[1]}", str(ids[1]))
    # Filled in: the list is gone.
    save(client, ids[1], version=2, text_2="أعيش مع أمي.")
    save(client, ids[2], version=2, scene={"pictures": [home | {"label_2": "البيت"}]})
    save(client, ids[7], version=1, heading_2="ما مدى الأمان الآن؟")
    assert _page(client, story["sb"]).select_one("#missing-second") is None


def test_the_words_check_reads_the_english_words_of_a_story_first_in_polish():
    from storyboard.plainwords import check_booklet
    from storyboard.story.storyfile import parse
    from tests.bilingual.test_second_language_file import bilingual

    panel = {"id": "p1", "text": "Mieliśmy spotkanie strategiczne.",
             "text_2": "We had a strategy meeting about Sam."}  # fmt: skip
    polish_first = parse(bilingual(language="pl", second_language="en", panels=[panel]))
    report = check_booklet(polish_first)
    assert report.english
    assert any(h.kind == "jargon" for p in report.panels for h in p.hints)
    # English first: its own words are checked, as before.
    english_first = parse(bilingual(panels=[panel | {"text": "A strategy meeting."}]))
    assert check_booklet(english_first).english
    assert check_booklet(english_first).panels[0].words == 3
