"""Staff pages, English first: a member of staff may read them in a language whose catalogue
translates every staff page's words, chosen on the account page; families' pages keep theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from storyboard.services.db import db
from storyboard.services.models import User
from storyboard.web import i18n


@pytest.fixture
def welsh_complete(monkeypatch):
    """As if the Welsh catalogue translated every staff string."""
    monkeypatch.setattr(i18n, "staff_languages", lambda: ("en", "cy"))


def _language_of(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id).page_language


def test_no_language_is_offered_while_every_catalogue_leaves_staff_words_in_english(
    client, make_user, auth
):
    make_user("ann")
    auth.sign_in("ann")
    page = client.get("/account").get_data(as_text=True)
    assert "Language of these pages" in page
    assert "These pages are in English" in page and 'name="language"' not in page
    # Every catalogue today is English first for staff, so none is complete.
    assert i18n.staff_languages() == ("en",)


def test_a_complete_catalogue_is_offered_and_an_incomplete_one_is_not(tmp_path, monkeypatch):
    def catalogue(code: str, translated: bool) -> Path:
        path = tmp_path / code / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        cat = Catalog(locale=code)
        cat.add("Enter your PIN", "Rhowch eich PIN")
        cat.add("My cases", "Fy achosion" if translated else "")
        forms = ("a", "b", "c", "d", "e", "f") if translated else ("a", "", "", "", "", "")
        cat.add(("%(num)d case", "%(num)d cases"), forms)
        with path.open("wb") as po:
            write_po(po, cat)
        return path

    paths = {"cy": catalogue("cy", True), "pl": catalogue("pl", False)}
    # Every entry filled in, but one fuzzy: compiled without it, so not complete either.
    paths["ro"] = catalogue("ro", True)
    with paths["ro"].open("rb") as po:
        fuzzy = read_po(po, locale="ro")
    fuzzy.get("My cases").flags.add("fuzzy")
    with paths["ro"].open("wb") as po:
        write_po(po, fuzzy)
    monkeypatch.setattr(i18n, "supported", lambda: ("en", "cy", "pl", "ro"))
    monkeypatch.setattr(i18n, "catalogue_path", paths.__getitem__)
    i18n.staff_languages.cache_clear()
    try:
        assert i18n.staff_languages() == ("en", "cy")
    finally:
        i18n.staff_languages.cache_clear()


def test_choosing_welsh_shows_the_staff_pages_in_welsh(
    app, client, make_user, auth, welsh_complete
):
    ann = make_user("ann")
    auth.sign_in("ann")
    form = client.get("/account").get_data(as_text=True)
    assert 'name="language"' in form and 'value="cy"' in form and 'value="pl"' not in form

    answer = client.post("/account/language", data={"language": "cy"}, follow_redirects=True)
    assert _language_of(app, ann) == "cy"
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="cy"' in page
    assert "Allgofnodi" in page and "Sign out" not in page  # translated in the Welsh catalogue
    assert answer.status_code == 200

    client.post("/account/language", data={"language": "en"})
    assert _language_of(app, ann) is None
    assert "Sign out" in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_a_language_not_offered_is_refused_and_nothing_changes(
    app, client, make_user, auth, welsh_complete
):
    ann = make_user("ann")
    auth.sign_in("ann")
    for bad in ("pl", "xx", "<script>", "cy" * 50, ""):
        answer = client.post("/account/language", data={"language": bad}, follow_redirects=True)
        assert "Choose one of the languages in the list." in answer.get_data(as_text=True)
        assert _language_of(app, ann) is None


def test_a_language_whose_catalogue_is_no_longer_complete_falls_back_to_english(
    app, client, make_user, auth
):
    ann = make_user("ann")
    with app.app_context():
        db.session.get(User, ann).page_language = "cy"  # chosen while it was complete
        db.session.commit()
    auth.sign_in("ann")
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert '<html lang="en"' in page and "Sign out" in page


def test_the_choice_needs_a_signed_in_person(client):
    answer = client.post("/account/language", data={"language": "cy"})
    assert answer.status_code in (302, 401)
    assert "/signin" in answer.headers.get("Location", "/signin")


def test_the_language_card_is_shown_once_and_the_title_is_only_the_title(client, make_user, auth):
    make_user("ann")
    auth.sign_in("ann")
    page = client.get("/account").get_data(as_text=True)
    assert page.count("Language of these pages") == 1
    assert "<title>Your account" in page
