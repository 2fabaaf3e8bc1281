"""Copying Lily's story (she, 6) for Josh (he, 12): both children are people of the case, and
the copy proposes names, pronouns and the point of view for the worker to decide one by one.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, CopyChange, Panel, Person, Storyboard
from storyboard.services.storydoc import to_document

WORDS = {
    1: "Lily and her family live in Leeds. I love my big brother Josh.",
    2: "Lily did not get her tea. Lily helped Mum with her bags.",
}


@pytest.fixture
def lily(client, app, make_user, make_case, auth):
    """A signed-in worker; Lily's story (she, 6), with Mum, in a case."""
    user = make_user("wendy")
    case_id = make_case("CR-9", user)
    auth.sign_in("wendy")
    mum = client.post(f"/cases/{case_id}", data={"name": "Kerry Baker", "relationship": "Mum"})
    assert mum.status_code == 302
    response = client.post(
        f"/cases/{case_id}/storyboards/new",
        data={
            "child_name": "Lily", "child_age": "6", "pronoun_choice": "she", "language": "en",
            "purpose": "First explanation", "template": "standard",
        },
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        for index, text in WORDS.items():
            sb.panels[index].text = text
        me = sb.child_person
        sb.panels[1].speaker = str(me.id)
        db.session.commit()
        return {"case": case_id, "sb": sb.id, "lily": me.id}


def copy_for_josh(client, sb_id):
    return client.post(
        f"/storyboards/{sb_id}/copy",
        data={"child_name": "Josh", "child_age": "12", "pronoun_choice": "he"},
    )


def open_changes(app, sb_id):
    with app.app_context():
        return db.session.scalars(
            select(CopyChange).where(CopyChange.storyboard_id == sb_id, CopyChange.state == "open")
        ).all()


def decide(client, sb_id, change_id, action="accept"):
    return client.post(
        f"/storyboards/{sb_id}/copy-changes", data={"change": change_id, "action": action}
    )


def test_the_child_is_a_person_of_the_case_with_chosen_pronouns(client, app, lily):
    with app.app_context():
        person = db.session.get(Person, lily["lily"])
        assert (person.kind, person.name, person.pronouns, person.age) == (
            "child",
            "Lily",
            "she",
            6,
        )
        doc = to_document(db.session.get(Storyboard, lily["sb"]))
    me = next(p for p in doc["people"] if p["name"] == "Lily")
    assert (me["role"], me["kind"], me["pronouns"], me["age"]) == ("me", "child", "she", 6)
    assert doc["panels"][1]["speaker"] == me["id"]


def test_a_copy_for_josh_proposes_each_rewrite_and_changes_nothing_by_itself(client, app, lily):
    response = copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"]))
        assert response.headers["Location"] == f"/storyboards/{josh.id}/copy-changes"
        assert josh.panels[1].text == WORDS[1]
        assert josh.child_person.kind == "child" and josh.child_person.pronouns == "he"
        doc = to_document(josh)
    roles = {p["name"]: p["role"] for p in doc["people"]}
    assert roles == {"Kerry Baker": "Mum", "Lily": "little sister", "Josh": "me"}
    proposals = [(c.field, c.before, c.after) for c in open_changes(app, josh.id)]
    assert ("text", "Lily", "Josh") in proposals
    assert ("text", "my big brother Josh", "my little sister Lily") in proposals
    assert ("text", "her", "his") in proposals
    assert ("speaker", str(lily["lily"]), str(doc_id := josh_id(app, josh.id))) in proposals
    assert doc_id != lily["lily"]


def josh_id(app, sb_id):
    with app.app_context():
        return db.session.get(Storyboard, sb_id).child_person_id


def test_accepting_each_one_retells_the_story_and_a_her_meaning_mum_stays(client, app, lily):
    copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"])).id
    page = BeautifulSoup(client.get(f"/storyboards/{josh}/copy-changes").data, "html.parser")
    items = page.select("li.copy-change")
    assert len(items) == len(open_changes(app, josh))
    assert items[0].select_one("del") and items[0].select_one("ins")
    for change in open_changes(app, josh):
        assert decide(client, josh, change.id).status_code == 302
    with app.app_context():
        panels = db.session.get(Storyboard, josh).panels
        assert panels[1].text == (
            "Josh and his family live in Leeds. I love my little sister Lily."
        )
        assert panels[2].text == "Josh did not get his tea. Josh helped Mum with her bags."
        assert panels[1].speaker == str(db.session.get(Storyboard, josh).child_person_id)
        source = db.session.get(Storyboard, lily["sb"]).panels
        assert source[1].text == WORDS[1]
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "accept_copy_change" in actions
    assert open_changes(app, josh) == []
    done = client.get(f"/storyboards/{josh}/copy-changes").get_data(as_text=True)
    assert "Nothing left to check" in done


def test_keeping_the_words_leaves_them_and_takes_the_change_off_the_list(client, app, lily):
    copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"])).id
    first = open_changes(app, josh)[0]
    decide(client, josh, first.id, "keep")
    with app.app_context():
        assert db.session.get(CopyChange, first.id).state == "kept"
        assert db.session.get(Storyboard, josh).panels[1].text == WORDS[1]


def test_words_edited_since_the_copy_are_never_rewritten_blindly(client, app, lily):
    copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.get(
            Storyboard, db.session.scalar(select(Storyboard.id).where(Storyboard.id != lily["sb"]))
        )
        josh.panels[2].text = "Her tea was late. Mum had her bags."
        db.session.commit()
        sb_id = josh.id
    with app.app_context():
        pronoun = next(
            c
            for c in open_changes(app, sb_id)
            if c.before == "her" and db.session.get(Panel, c.panel_id).position == 2
        )
    response = decide(client, sb_id, pronoun.id)
    with app.app_context():
        assert db.session.get(CopyChange, pronoun.id).state == "gone"
        assert (
            db.session.get(Storyboard, sb_id).panels[2].text
            == "Her tea was late. Mum had her bags."
        )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "the words there have changed since the copy" in page


def test_make_all_the_rest_at_once(client, app, lily):
    copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"])).id
    count = len(open_changes(app, josh))
    response = client.post(f"/storyboards/{josh}/copy-changes", data={"action": "accept-all"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{count} changes made." in page
    editor = client.get(f"/storyboards/{josh}").get_data(as_text=True)
    assert "changes to check" not in editor


def test_the_editor_says_there_are_changes_to_check(client, app, lily):
    copy_for_josh(client, lily["sb"])
    with app.app_context():
        josh = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"])).id
    editor = client.get(f"/storyboards/{josh}").get_data(as_text=True)
    count = len(open_changes(app, josh))
    assert re.search(rf"This copy has {count} changes to check", editor)


def test_a_professional_can_be_a_speaker(client, app, lily):
    response = client.post(
        f"/cases/{lily['case']}",
        data={"kind": "professional", "name": "Andrea Smith", "relationship": "Social worker"},
    )
    assert response.status_code == 302
    page = BeautifulSoup(client.get(f"/storyboards/{lily['sb']}").data, "html.parser")
    group = page.select_one('select[data-field="speaker"] optgroup[label="Professionals"]')
    assert group is not None and "Social worker (Andrea Smith)" in group.get_text()
    assert page.select_one('optgroup[label="Children"] option').get_text() == "Me (Lily)"
    with app.app_context():
        doc = to_document(db.session.get(Storyboard, lily["sb"]))
    andrea = next(p for p in doc["people"] if p["name"] == "Andrea Smith")
    assert andrea["kind"] == "professional"


def test_a_person_needs_who_they_are_unless_a_child_of_the_family(client, app, lily):
    bad = client.post(f"/cases/{lily['case']}", data={"kind": "family", "name": "Pat"})
    assert bad.status_code == 400
    assert "Say who they are to the child" in bad.get_data(as_text=True)
    assert 'value="Pat"' in bad.get_data(as_text=True)
    ok = client.post(
        f"/cases/{lily['case']}",
        data={"kind": "child", "name": "Mia", "age": "2", "pronoun_choice": "own",
              "pronouns": "xe/xem"},
    )  # fmt: skip
    assert ok.status_code == 302
    with app.app_context():
        mia = db.session.scalar(select(Person).where(Person.name == "Mia"))
        assert (mia.kind, mia.age, mia.pronouns) == ("child", 2, "xe/xem")
    case_page = client.get(f"/cases/{lily['case']}").get_data(as_text=True)
    assert "Mia is Lily’s little sibling" in case_page


def test_a_copy_without_pronouns_says_they_were_not_changed(client, app, lily):
    client.post(f"/storyboards/{lily['sb']}/copy", data={"child_name": "Alex", "child_age": "9"})
    with app.app_context():
        alex = db.session.scalar(select(Storyboard).where(Storyboard.id != lily["sb"]))
        proposals = [(c.before, c.after) for c in open_changes(app, alex.id)]
    assert ("Lily", "Alex") in proposals and ("her", "his") not in proposals
    page = client.get(f"/storyboards/{alex.id}/copy-changes").get_data(as_text=True)
    assert "Pronouns for Alex are not set as she, he or they" in page


def test_a_copy_for_the_same_child_is_refused_with_the_words_kept(client, app, lily):
    response = client.post(
        f"/storyboards/{lily['sb']}/copy", data={"child_name": "lily", "child_age": "6"}
    )
    assert response.status_code == 400
    assert "story already: give the brother" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Storyboard)) == 1
