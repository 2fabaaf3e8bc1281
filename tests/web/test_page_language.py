"""Which language a family's page speaks: the choice made on the page, the link's language
(chosen by the worker), the browser's Accept-Language, then English; only languages with a
catalogue; staff pages stay English."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Comment, Panel, ShareLink
from tests.fixtures.factories import make_link, send

AGREE = {
    "en": "I agree with this version",
    "ar": "أوافق على هذه النسخة",
    "pl": "Zgadzam się z tą wersją",
}
GONE = {"en": "This link no longer works", "ar": "هذا الرابط لم يعد يعمل"}


def page(response) -> BeautifulSoup:  # noqa: ANN001
    return BeautifulSoup(response.data, "html.parser")


def spoken(response) -> tuple[str, str, str]:  # noqa: ANN001
    """The page's language and direction, and the words of its agree button (if any)."""
    soup = page(response)
    button = soup.find("button", attrs={"value": "agree"})
    return soup.html["lang"], soup.html["dir"], button.get_text(strip=True) if button else ""


def link_language(app) -> str | None:  # noqa: ANN001
    with app.app_context():
        return db.session.scalar(select(ShareLink.language).order_by(ShareLink.id.desc()))


@pytest.fixture
def sent(client, review):
    """Version 1 of Sam's story sent for review; the worker still signed in."""
    send(client, review["storyboard"])
    return review


def test_the_worker_chooses_the_links_language_and_it_is_kept(client, app, sent):
    form = page(client.get(f"/storyboards/{sent['storyboard']}/versions/1"))
    choices = {o["value"] for o in form.select("select#link-language option")}
    assert {"en", "ar", "pl", "pa", "cy", "so"} <= choices
    assert form.select_one("select#link-language option[selected]")["value"] == "en"
    make_link(client, sent["storyboard"], language="ar")
    assert link_language(app) == "ar"
    make_link(client, sent["storyboard"], reviewer_name="Dad", language="pl-PL")
    assert link_language(app) == "pl"
    make_link(client, sent["storyboard"], reviewer_name="Nan")  # no choice: the story's
    assert link_language(app) == "en"


def test_a_language_the_pages_do_not_have_is_refused_and_no_link_is_made(client, app, sent):
    for bad in ("xx", "de", "../../etc", "ar" * 40):
        response = client.post(
            f"/storyboards/{sent['storyboard']}/versions/1/links",
            data={"reviewer_name": "Mum", "reviewer_role": "Mum", "days": "7", "language": bad},
            follow_redirects=True,
        )
        assert (
            "Choose the language of the reviewer's page from the list." in page(response).get_text()
        )
    with app.app_context():
        assert db.session.scalars(select(ShareLink)).all() == []


def test_a_polish_story_starts_its_links_in_polish(client, app, review, make_storyboard):
    polish = make_storyboard(review["case"], child_name="Ola", language="pl")
    send(client, polish)
    form = page(client.get(f"/storyboards/{polish}/versions/1"))
    assert form.select_one("select#link-language option[selected]")["value"] == "pl"
    token = make_link(client, polish)
    assert link_language(app) == "pl"
    client.post("/sign-out")
    assert spoken(client.get(f"/r/{token}"))[0] == "pl"


def test_the_order_link_then_choice_then_browser_then_english(client, app, sent, auth):
    arabic = make_link(client, sent["storyboard"], language="ar")
    old = make_link(client, sent["storyboard"], reviewer_name="Dad")
    with app.app_context():  # a link made before links had a language
        db.session.get(ShareLink, 2).language = None
        db.session.commit()
    auth.sign_out()
    polish_browser = {"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"}
    # The link's language, whatever the browser says.
    response = client.get(f"/r/{arabic}", headers=polish_browser)
    assert spoken(response) == ("ar", "rtl", AGREE["ar"])
    switch = page(response).select("form.language-switch select option")
    assert [o["value"] for o in switch if o.has_attr("selected")] == ["ar"]
    assert {o.get_text(): o["lang"] for o in switch}["Polski"] == "pl"
    assert page(response).select_one(".reading-number")["lang"] == "ar"
    # No language on the link: the browser's; a browser language we lack: English.
    assert spoken(client.get(f"/r/{old}", headers=polish_browser)) == ("pl", "ltr", AGREE["pl"])
    french_last = {"Accept-Language": "de, fr-CA;q=0.1"}
    assert spoken(client.get(f"/r/{old}", headers=french_last))[0] == "fr"
    assert spoken(client.get(f"/r/{old}", headers={"Accept-Language": "de"})) == (
        "en", "ltr", AGREE["en"],
    )  # fmt: skip
    # A choice made on the page beats the link's language, for that link only.
    response = client.post(f"/r/{arabic}/language", data={"language": "pl"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/r/{arabic}")
    assert spoken(client.get(f"/r/{arabic}")) == ("pl", "ltr", AGREE["pl"])
    assert spoken(client.get(f"/r/{old}", headers={"Accept-Language": "de"}))[0] == "en"
    client.post(f"/r/{arabic}/language", data={"language": "ar"})
    assert spoken(client.get(f"/r/{arabic}"))[0] == "ar"


def test_an_unknown_language_is_refused_on_the_page(client, sent, auth):
    token = make_link(client, sent["storyboard"], language="ar")
    auth.sign_out()
    for bad in ("xx", "", "<script>", "en-" + "x" * 50):
        response = client.post(
            f"/r/{token}/language", data={"language": bad}, follow_redirects=True
        )
        assert spoken(response)[0] == "ar"  # unchanged, and said in the page's language
        assert "يرجى اختيار لغة من القائمة." in page(response).get_text()
    with client.session_transaction() as session:
        assert session.get("languages", {}) == {}


def test_switching_keeps_what_the_reviewer_typed_and_sends_nothing(client, app, sent, auth):
    token = make_link(client, sent["storyboard"], language="en")
    auth.sign_out()
    response = client.post(
        f"/r/{token}/language",
        data={
            "language": "ar", "keep-comment-0": "A comment I was writing", "keep-name": "Mum",
            "keep-details": "Please change page 2", "keep-comment-99": "no such page",
        },
    )  # fmt: skip
    assert response.status_code == 200
    soup = page(response)
    assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl"
    assert soup.find("textarea", id="comment-0").get_text() == "A comment I was writing"
    assert soup.find("textarea", id="details").get_text() == "Please change page 2"
    assert soup.find("input", id="reviewer-name")["value"] == "Mum"
    assert "no such page" not in soup.get_text()
    with app.app_context():
        assert db.session.scalars(select(Comment)).all() == []


def test_messages_and_errors_on_the_reviewers_page_are_in_its_language(client, sent, auth):
    token = make_link(client, sent["storyboard"], language="pl")
    auth.sign_out()
    sha = page(client.get(f"/r/{token}")).find("input", attrs={"name": "version"})["value"]
    empty = client.post(
        f"/r/{token}/comment", data={"panel": "0", "body": " ", "name": "Mum", "version": sha}
    )
    assert "Pole komentarza jest puste." in page(empty).get_text()
    sent_ = client.post(
        f"/r/{token}/comment",
        data={"panel": "0", "body": "Dobrze", "name": "Mum", "version": sha},
        follow_redirects=True,
    )
    assert "Dziękujemy. Twój komentarz został wysłany." in page(sent_).get_text()
    agreed = client.post(
        f"/r/{token}/decision",
        data={"decision": "agree", "name": "Mum", "version": sha},
        follow_redirects=True,
    )
    text = page(agreed).get_text(" ", strip=True)
    assert "Dziękujemy. Twoja zgoda na tę wersję została zapisana." in text
    assert "Zgoda na tę wersję:" in text and "(UTC), jako Mum." in text


def test_the_gone_page_and_an_error_follow_the_browser(client):
    arabic = {"Accept-Language": "ar"}
    gone = client.get("/r/" + "x" * 30, headers=arabic)
    assert gone.status_code == 404
    assert spoken(gone)[:2] == ("ar", "rtl") and GONE["ar"] in page(gone).get_text()
    wrong = client.get("/r/" + "x" * 30 + "/comment", headers=arabic)  # a form's address
    assert wrong.status_code == 405
    soup = page(wrong)
    assert soup.html["dir"] == "rtl" and "هذا الإجراء غير متاح هنا." in soup.get_text()
    assert not soup.find("a", string="Back to my cases")  # no way into the staff pages


def test_staff_pages_stay_english_whatever_the_browser(client, sent):
    soup = page(client.get("/", headers={"Accept-Language": "ar"}, follow_redirects=True))
    assert soup.html["lang"] == "en" and soup.html["dir"] == "ltr"
    assert "My cases" in soup.get_text()


def test_the_general_switch_goes_back_only_to_this_site(client):
    for target, where in (
        ("/r/abc", "/r/abc"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
    ):  # noqa: E501
        response = client.post("/language", data={"language": "pl", "next": target})
        assert response.status_code == 302 and response.headers["Location"] == where
    with client.session_transaction() as session:
        assert session["languages"] == {"family": "pl"}
    assert spoken(client.get("/r/" + "x" * 30))[0] == "pl"


def test_reading_together_speaks_the_storys_language(client, review, make_storyboard):
    polish = make_storyboard(review["case"], child_name="Ola", language="pl")
    soup = page(client.get(f"/storyboards/{polish}/read"))
    assert soup.html["lang"] == "pl"
    assert soup.find("button", id="reader-next").get_text(strip=True).startswith("Dalej")
    reader = soup.find(id="reader")
    assert reader["data-words-page"] == "Strona %(page)s z %(pages)s"
    assert reader["data-words-play"] == "Odtwórz całą historię"


def test_family_mode_speaks_the_storys_language_and_may_be_switched(
    client, review, make_storyboard
):
    welsh = make_storyboard(review["case"], child_name="Cai", language="cy")
    client.post(f"/storyboards/{welsh}/family-mode")
    blocked = client.get("/")
    assert blocked.status_code == 403
    assert spoken(blocked)[0] == "cy"
    assert "Mae'r llechen hon yn y modd teulu" in page(blocked).get_text()
    switched = client.post(
        "/language", data={"language": "so", "next": f"/storyboards/{welsh}/family-mode/leave"}
    )
    assert switched.status_code == 302  # family mode lets the choice through
    leave = client.get(f"/storyboards/{welsh}/family-mode/leave")
    assert spoken(leave)[0] == "so"
    wrong = client.post(f"/storyboards/{welsh}/family-mode/leave", data={"password": ""})
    assert "Qor furaha sirta ah ee shaqaalaha bulshada." in page(wrong).get_text()


# --- no English left on a family's page ------------------------------------------------------

LATIN = re.compile(r"[A-Za-z]")
# Attributes a person hears or sees, and the words the page gives its scripts.
SAID = ("aria-label", "title", "placeholder", "alt", "aria-description")


def english_left(soup: BeautifulSoup, typed: tuple[str, ...] = (), story: str = "") -> list[str]:
    """Latin words on a page shown in a language without them (Arabic): anything outside the
    story's own words (marked with their own `lang`, or found by the selector `story`), the
    check code, the council's name, the placeholders a script fills in, and what a person
    typed (`typed`: the reviewer's name, a picture's name, the story's title)."""
    language = soup.html["lang"]
    for own in soup.select("[lang]"):
        if not own.decomposed and own is not soup.html and own["lang"] != language:
            own.decompose()  # the story's words, a language's own name: not ours to translate
    for skip in soup.select(
        ", ".join(filter(None, [".code, .council-band, script, style, textarea", story]))
    ):
        skip.decompose()
    found = [("text", t) for t in soup.body.find_all(string=True)]
    for tag in soup.body.find_all(True):
        found += [
            (f"{tag.name}[{name}]", value)
            for name, value in tag.attrs.items()
            if name in SAID or name.startswith("data-words-") or name.endswith("-label")
        ]
    found += [("title", soup.title.get_text())] if soup.title else []
    left = []
    for where, text in found:
        text = re.sub(r"%\(\w+\)s", "", str(text))
        for word in typed:
            text = text.replace(word, "")
        if LATIN.search(str(text)):
            left.append(f"{where}: {str(text).strip()}")
    return left


def hand_over(client, auth) -> None:  # noqa: ANN001
    """The worker signs out and hands the tablet over (the staff page's English "You are
    signed out." shown and gone: the sign-in pages are staff pages)."""
    auth.sign_out()
    client.get("/", follow_redirects=True)


def test_no_english_is_left_on_the_family_pages_in_arabic(client, app, auth, review):
    """Every page an Arabic-speaking parent sees on their link, with an English story: the PIN,
    a wrong PIN, the booklet with what changed (library pictures, an emoji, a picture named
    by the worker), a comment refused, one too large, the answer given, the link gone, an
    error; and reading together and family mode for an Arabic story."""
    sid = review["storyboard"]
    with app.app_context():
        two = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == sid, Panel.position == 1)
        )
        two.scene = {"pictures": [{"src": "library:car"}, {"src": "library:teddy", "alt": ""}]}
        db.session.commit()
    send(client, sid)
    token = make_link(client, sid, follows="yes", pin="2468", language="ar")
    hand_over(client, auth)
    typed = ("Sarah", "Nan's house", "Sam's story")  # typed by a person, and the title
    assert english_left(page(client.get(f"/r/{token}"))) == []  # the PIN
    wrong = client.post(f"/r/{token}/pin", data={"pin": "1111"})
    assert wrong.status_code == 400 and english_left(page(wrong)) == []
    client.post(f"/r/{token}/pin", data={"pin": "2468"})
    assert english_left(page(client.get(f"/r/{token}")), typed) == []
    auth.sign_in("ann")
    home = {"src": "library:home", "alt": "A house with a yellow door, two windows and a chimney."}
    happy = {"src": "emoji:1F600", "alt": "Happy"}
    named = {"src": "library:house-dreams", "label": "Nan's house"}
    with app.app_context():
        two = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == sid, Panel.position == 1)
        )
        two.scene = {"pictures": [{"src": "library:teddy"}, home, happy, named]}
        two.text = "Sam lives with Mum and Dad. Nan picks Sam up."
        db.session.commit()
    client.post(f"/storyboards/{sid}/review/send", data={"reason": "Nan"})
    hand_over(client, auth)
    client.post(f"/r/{token}/pin", data={"pin": "2468"})
    response = client.get(f"/r/{token}")
    soup = page(response)
    changed = soup.find(id="what-changed")
    said = changed.get_text(" ", strip=True)
    assert "المنزل" in said and "😀" in said and "Nan's house" in said  # home, the emoji, typed
    assert "سيارة" in said  # the car taken out
    assert english_left(soup, typed) == []
    sha = soup.find("input", attrs={"name": "version"})["value"]
    form = {"panel": "1", "name": "Sarah", "version": sha}
    empty = client.post(f"/r/{token}/comment", data={**form, "body": " "})
    assert empty.status_code == 400 and english_left(page(empty), typed) == []
    huge = client.post(f"/r/{token}/comment", data={**form, "body": "x" * (3 * 1024 * 1024)})
    assert huge.status_code == 413 and english_left(page(huge)) == []
    assert "وكان حجم هذا 4 ميغابايت." in page(huge).find("main").get_text()  # just over 3 MB
    script = client.post(
        f"/r/{token}/comment", data={**form, "body": "x" * (3 * 1024 * 1024)},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert script.status_code == 413 and script.get_json()["error"] == "too_large"
    assert "ميغابايت" in script.get_json()["message"]
    agreed = client.post(
        f"/r/{token}/decision", data={**form, "decision": "agree"}, follow_redirects=True
    )
    assert english_left(page(agreed), typed) == []
    gone = client.get("/r/" + "x" * 30, headers={"Accept-Language": "ar"})
    assert english_left(page(gone)) == []
    wrong = client.get("/r/" + "x" * 30 + "/comment", headers={"Accept-Language": "ar"})
    assert wrong.status_code == 405 and english_left(page(wrong)) == []


def test_no_english_is_left_on_reading_together_and_family_mode_in_arabic(
    client, review, make_storyboard
):
    arabic = make_storyboard(review["case"], child_name="ليلى", language="ar")
    title = ("ليلى's story", "Ann")  # the story's title and the worker's name, as typed
    # The story's own words (the test's story is typed in English), and the staff header,
    # which read mode hides (read.css).
    words = ".read-heading, .read-text, .read-speaker, .site-header"
    read = page(client.get(f"/storyboards/{arabic}/read"))
    assert read.html["lang"] == "ar" and english_left(read, title, words) == []
    client.post(f"/storyboards/{arabic}/family-mode", follow_redirects=True)  # on the editor
    blocked = client.get("/")
    assert blocked.status_code == 403 and english_left(page(blocked), title) == []
    leave = client.get(f"/storyboards/{arabic}/family-mode/leave")
    assert english_left(page(leave), title) == []
    wrong = client.post(f"/storyboards/{arabic}/family-mode/leave", data={"password": "nope"})
    assert english_left(page(wrong), title) == []
    read = page(client.get(f"/storyboards/{arabic}/read"))
    assert english_left(read, title, words) == []
