"""Whose language: each person of a case reads a language and may need an interpreter.

Case data for the worker: the case page shows it, the review page suggests each person's
link language from it; the storyfile and a version's hash never hold it.
"""

from __future__ import annotations

import io
import json
import zipfile

from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.cli import cli
from storyboard.services.db import db
from storyboard.services.models import Person, Storyboard
from storyboard.services.people import suggested_link_language
from storyboard.services.versions import draft_storyfile
from storyboard.story.hashing import version_hash

MUM = {"name": "Samira Haddad", "relationship": "Mum", "pronoun_choice": "she"}


def people(app) -> list[Person]:
    with app.app_context():
        return [
            (p.name, p.preferred_language, p.needs_interpreter)
            for p in db.session.scalars(select(Person).order_by(Person.id))
        ]


def test_a_person_is_added_with_their_language_and_an_interpreter(
    app, client, auth, make_user, make_case
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    data = {**MUM, "preferred_language": "ar", "needs_interpreter": "y"}
    response = client.post(f"/cases/{case_id}", data=data)
    assert response.status_code == 302
    client.post(f"/cases/{case_id}", data={"name": "Omar", "relationship": "Dad"})
    assert people(app) == [("Samira Haddad", "ar", True), ("Omar", None, False)]
    page = BeautifulSoup(client.get(f"/cases/{case_id}").data, "html.parser")
    rows = page.select(".people-list > li")
    assert (
        rows[0].select_one(".person-language").get_text() == "Reads Arabic · needs an interpreter"
    )
    assert rows[1].select_one(".person-language") is None


def test_an_unknown_language_is_refused_plainly_and_nothing_typed_is_lost(
    app, client, auth, make_user, make_case
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    data = {**MUM, "known_as": "Mama", "preferred_language": "tlh", "needs_interpreter": "y"}
    response = client.post(f"/cases/{case_id}", data=data)
    assert response.status_code == 400
    assert people(app) == []
    page = BeautifulSoup(response.data, "html.parser")
    errors = page.select_one("#preferred_language-errors").get_text()
    assert "We do not have that language yet. Choose one of: English" in errors
    assert page.select_one("#name")["value"] == "Samira Haddad"
    assert page.select_one("#known_as")["value"] == "Mama"
    assert page.select_one("#needs_interpreter").has_attr("checked")


def test_a_language_is_cleaned_where_it_enters(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data={**MUM, "preferred_language": "PA_in"})
    assert people(app) == [("Samira Haddad", "pa", False)]


def test_a_persons_language_is_changed_on_the_case_page(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data=MUM)
    with app.app_context():
        person_id = db.session.scalar(select(Person.id))
    url = f"/cases/{case_id}/people/{person_id}/language"
    response = client.post(url, data={"preferred_language": "pa", "needs_interpreter": "y"})
    assert response.headers["Location"] == f"/cases/{case_id}#people"
    assert people(app) == [("Samira Haddad", "pa", True)]
    refused = client.post(url, data={"preferred_language": "xx"}, follow_redirects=True)
    assert "We do not have that language yet" in refused.get_data(as_text=True)
    assert people(app) == [("Samira Haddad", "pa", True)]  # unchanged
    client.post(url, data={"preferred_language": ""})
    assert people(app) == [("Samira Haddad", None, False)]


def test_someone_elses_case_cannot_be_changed(app, client, auth, make_user, make_case):
    ann = make_user("ann")
    make_user("bob")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data=MUM)
    with app.app_context():
        person_id = db.session.scalar(select(Person.id))
    auth.sign_out()
    auth.sign_in("bob")
    url = f"/cases/{case_id}/people/{person_id}/language"
    assert client.post(url, data={"preferred_language": "pa"}).status_code == 404
    assert people(app) == [("Samira Haddad", None, False)]


def test_the_review_page_suggests_each_persons_link_language(
    app, client, auth, make_user, make_case, make_storyboard
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data={**MUM, "preferred_language": "ar"})
    dad = {"name": "Omar", "relationship": "Dad", "pronoun_choice": "he"}
    client.post(
        f"/cases/{case_id}", data={**dad, "preferred_language": "ur", "needs_interpreter": "y"}
    )
    client.post(f"/cases/{case_id}", data={"name": "Andrea", "relationship": "Social worker"})
    page = BeautifulSoup(client.get(f"/storyboards/{storyboard_id}/review").data, "html.parser")
    rows = [li.get_text(" ", strip=True) for li in page.select("#languages li")]
    assert rows == [
        "Samira Haddad Mum reads Arabic: make her link in Arabic.",
        "Omar Dad reads Urdu: make his link in Urdu. Book an interpreter for Dad’s review.",
    ]
    with app.app_context():
        mum, dad_row, worker = db.session.scalars(select(Person).order_by(Person.id))
        assert [suggested_link_language(p) for p in (mum, dad_row, worker)] == ["ar", "ur", None]


def test_no_suggestions_without_a_language(
    app, client, auth, make_user, make_case, make_storyboard
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data=MUM)
    page = BeautifulSoup(client.get(f"/storyboards/{storyboard_id}/review").data, "html.parser")
    assert page.select_one("#languages") is None


def test_the_storyfile_and_its_hash_never_hold_a_language(
    app, client, auth, make_user, make_case, make_storyboard
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    client.post(f"/cases/{case_id}", data=MUM)
    with app.app_context():
        storyboard = db.session.get(Storyboard, storyboard_id)
        mum = db.session.scalar(select(Person).where(Person.name == MUM["name"]))
        # Mum speaks on a page, so she is in the file's list of people.
        storyboard.panels[2].speaker = str(mum.id)
        db.session.commit()
        before = version_hash(draft_storyfile(storyboard))
    person_id = mum.id
    client.post(
        f"/cases/{case_id}/people/{person_id}/language",
        data={"preferred_language": "ar", "needs_interpreter": "y"},
    )
    exported = client.get(f"/storyboards/{storyboard_id}/export/json")
    text = exported.get_data(as_text=True)
    document = json.loads(text)
    assert any(p["name"] == MUM["name"] for p in document["people"])
    assert "preferred_language" not in text and "interpreter" not in text
    assert all(set(p) <= {"id", "name", "role", "pronouns", "known_as"} for p in document["people"])
    with app.app_context():
        storyboard = db.session.get(Storyboard, storyboard_id)
        assert db.session.get(Person, person_id).preferred_language == "ar"
        assert version_hash(draft_storyfile(storyboard)) == before


def test_subject_access_holds_each_persons_language(
    app, client, auth, make_user, make_case, tmp_path
):
    ann = make_user("ann")
    case_id = make_case("CR-1", ann)
    auth.sign_in("ann")
    client.post(
        f"/cases/{case_id}", data={**MUM, "preferred_language": "ar", "needs_interpreter": "y"}
    )
    out = tmp_path / "case.zip"
    result = app.test_cli_runner().invoke(cli, ["subject-access", str(case_id), str(out)])
    assert result.exit_code == 0, result.output
    case = json.loads(zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("case.json"))
    (person,) = case["people"]
    assert (person["preferred_language"], person["needs_interpreter"]) == ("ar", True)


def test_the_link_form_is_filled_in_for_a_person_in_the_language_they_read(app, client, review):
    from tests.fixtures.factories import send

    client.post(
        f"/cases/{review['case']}",
        data={**MUM, "known_as": "Mama", "preferred_language": "ar", "needs_interpreter": "y"},
    )
    client.post(f"/cases/{review['case']}", data={"name": "Omar", "relationship": "Uncle"})
    send(client, review["storyboard"])
    with app.app_context():
        mum, omar = (p.id for p in db.session.scalars(select(Person).order_by(Person.id)))
    url = f"/storyboards/{review['storyboard']}/versions/1"
    page = BeautifulSoup(client.get(url).data, "html.parser")
    offered = [a.get_text(" ", strip=True) for a in page.select(".link-for a")]
    assert "Mama (Mum) · Arabic · needs an interpreter" in offered
    page = BeautifulSoup(client.get(f"{url}?for={mum}").data, "html.parser")
    assert page.select_one("#reviewer_name")["value"] == "Mama"
    assert page.select_one("#reviewer_role option[selected]").get_text() == "Mum"
    assert page.select_one("#link-language option[selected]")["value"] == "ar"
    # Someone whose language is not known, or not a person of this case: the story's language.
    for other in (omar, 999_999, "x"):
        page = BeautifulSoup(client.get(f"{url}?for={other}").data, "html.parser")
        assert page.select_one("#link-language option[selected]")["value"] == "en"
    assert page.select_one("#reviewer_name")["value"] == ""
