"""The guided editor: starting a story from a template, the editor page, and sibling copies."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Panel, Person, Storyboard
from storyboard.story.templates import all_templates, get_template, guide_for

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def worker(make_user, make_case, auth):
    """A signed-in worker with a case that has Mum and Dad in it."""
    user_id = make_user("wendy")
    case_id = make_case("CR-1", user_id)
    auth.sign_in("wendy")
    return {"user": user_id, "case": case_id}


def start(client, case_id, **overrides):
    data = {
        "child_name": "Sam",
        "child_age": "7",
        "language": "en",
        "purpose": "First explanation",
        "template": "standard",
    }
    data.update(overrides)
    return client.post(f"/cases/{case_id}/storyboards/new", data=data)


def test_templates_are_data_with_a_guide_for_every_panel():
    templates = all_templates()
    assert {"standard", "relatives", "mental-health", "violence", "violence-minimal"} <= set(
        templates
    )
    for template in templates.values():
        assert len(template.panels) >= 3
        for spec in template.panels:
            guide = guide_for(template.id, spec.section, spec.key)
            assert guide.prompts, (template.id, spec.key)
    standard = get_template("standard")
    assert [p.section for p in standard.panels][:4] == ["title", "family", "worried", "worries"]
    assert get_template("violence-minimal").minimal


def test_start_storyboard_creates_panels_from_the_template(client, app, worker):
    response = start(client, worker["case"], template="mental-health")
    assert response.status_code == 302
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        assert response.headers["Location"] == f"/storyboards/{sb.id}"
        assert (sb.child_name, sb.child_age, sb.template, sb.number) == (
            "Sam",
            7,
            "mental-health",
            1,
        )
        assert sb.title == "Sam’s story"
        spec = get_template("mental-health").panels
        assert [(p.position, p.section, p.kind) for p in sb.panels] == [
            (i, s.section, s.kind) for i, s in enumerate(spec)
        ]
        assert sb.panels[0].version == 1
        kinds = {p.kind for p in sb.panels}
        assert {"scale", "steps"} <= kinds
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "create_storyboard" in actions


def test_minimal_template_marks_the_storyboard_minimal(client, app, worker):
    start(client, worker["case"], template="violence-minimal")
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        assert sb.minimal is True
        assert [p.section for p in sb.panels] == ["title", "safety-plan", "talk-to"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("child_name", "", "This field is required."),
        ("child_age", "18", "Number must be between 0 and 17."),
        ("child_age", "", "Give the child's age (0 to 17)."),
    ],
)
def test_start_form_errors(client, app, worker, field, value, message):
    response = start(client, worker["case"], **{field: value})
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert message in soup.select_one(f"#{field}-errors").get_text()
    with app.app_context():
        assert db.session.scalar(select(Storyboard)) is None


def test_cannot_start_a_storyboard_in_another_workers_case(client, make_user, make_case, auth):
    make_user("wendy")
    other = make_user("olive")
    case_id = make_case("CR-9", other)
    auth.sign_in("wendy")
    assert client.get(f"/cases/{case_id}/storyboards/new").status_code == 404
    assert start(client, case_id).status_code == 404


def test_editor_page_shows_each_panel_with_prompts_people_and_scene(client, app, worker):
    with app.app_context():
        db.session.add(Person(case_id=worker["case"], name="Grace", relationship_="Mum"))
        db.session.commit()
    start(client, worker["case"])
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        sb_id, panel_ids = sb.id, [p.id for p in sb.panels]
    response = client.get(f"/storyboards/{sb_id}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.data, "html.parser")
    cards = soup.select("section.panel-card")
    assert [int(c["data-panel-id"]) for c in cards] == panel_ids
    first = cards[0]
    assert first.select_one("details.guide li")
    assert "not printed" in first.select_one("details.guide summary").get_text()
    speakers = [o.get_text() for o in first.select("select[data-field=speaker] option")]
    assert speakers == ["Not said", "Agreed together", "Me (Sam)", "Mum (Grace)"]
    scene = first.select_one(".scene-editor")
    assert scene["data-panel-id"] == str(panel_ids[0])
    assert scene["data-storyboard-id"] == str(sb_id)
    assert scene["data-scene"] == "{}"
    # Every control has a label.
    for control in soup.select("#editor input, #editor select, #editor textarea"):
        if control.get("type") in ("hidden", "radio", "checkbox"):
            continue
        assert soup.select_one(f'label[for="{control["id"]}"]'), control
    assert soup.select_one('meta[name="csrf-token"]')
    assert not soup.select("[style]") and not soup.select("style")


def test_story_text_with_script_is_shown_escaped(client, app, worker):
    start(client, worker["case"])
    with app.app_context():
        panel = db.session.scalar(select(Panel).order_by(Panel.position))
        panel.text = SCRIPT
        panel.heading = SCRIPT
        panel.scene = {"pictures": [{"src": "library:home", "label": SCRIPT}]}
        sb_id, panel_id = panel.storyboard_id, panel.id
        db.session.commit()
    html = client.get(f"/storyboards/{sb_id}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("textarea[data-field=text]").get_text() == SCRIPT
    assert soup.select_one("input[data-field=heading]")["value"] == SCRIPT
    assert (
        json.loads(soup.select_one(".scene-editor")["data-scene"])["pictures"][0]["label"] == SCRIPT
    )
    preview = client.get(f"/storyboards/{sb_id}/preview?panel={panel_id}")
    assert b"<script>alert" not in preview.data
    assert "script-src" not in preview.headers["Content-Security-Policy"]


def test_copy_for_a_sibling_remembers_its_source(client, app, worker):
    start(client, worker["case"])
    with app.app_context():
        sb = db.session.scalar(select(Storyboard))
        sb.panels[1].text = "Sam lives with Mum. Samuel is a friend."
        sb.panels[2].deleted_at = sb.panels[2].updated_at
        sb.family_words = [{"word": "poorly days", "means": "depression"}]
        sb_id, count = sb.id, len(sb.panels) - 1
        db.session.commit()
    response = client.post(
        f"/storyboards/{sb_id}/copy", data={"child_name": "Ava", "child_age": "4"}
    )
    assert response.status_code == 302
    client.post(f"/storyboards/{sb_id + 1}/copy-changes", data={"action": "accept-all"})
    with app.app_context():
        twin = db.session.scalar(select(Storyboard).where(Storyboard.id != sb_id))
        assert (twin.source_id, twin.child_name, twin.child_age, twin.number) == (
            sb_id,
            "Ava",
            4,
            2,
        )
        assert twin.title == "Ava’s story"
        assert len(twin.panels) == count
        assert twin.panels[1].text == "Ava lives with Mum. Samuel is a friend."
        assert twin.family_words == [{"word": "poorly days", "means": "depression"}]
        assert response.headers["Location"] == f"/storyboards/{twin.id}/copy-changes"


def test_case_page_links_to_start_and_to_each_storyboard(client, app, worker):
    start(client, worker["case"])
    soup = BeautifulSoup(client.get(f"/cases/{worker['case']}").data, "html.parser")
    hrefs = [a["href"] for a in soup.select("a")]
    assert f"/cases/{worker['case']}/storyboards/new" in hrefs
    with app.app_context():
        sb_id = db.session.scalar(select(Storyboard.id))
    assert f"/storyboards/{sb_id}" in hrefs


def test_an_arabic_story_starts_with_an_arabic_title_and_boxes_follow_the_text(client, app, worker):
    response = start(client, worker["case"], child_name="ليلى", language="ar")
    assert response.status_code == 302
    with app.app_context():
        storyboard = db.session.scalar(select(Storyboard).order_by(Storyboard.id.desc()))
        assert storyboard.title == "قصة ليلى"  # "Layla's story", never English words
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    boxes = page.select("textarea[data-field], input[data-field='heading']")
    assert boxes and all(box.get("dir") == "auto" for box in boxes)


def test_the_page_list_says_empty_only_of_pages_left_out_of_the_booklet(client, app, worker):
    start(client, worker["case"])
    with app.app_context():
        rows = db.session.scalars(select(Panel).order_by(Panel.position)).all()
        rows[1].scene = {"pictures": [{"src": "library:home", "x": 0.3, "y": 0.2, "width": 0.4}]}
        sb_id, ids = rows[0].storyboard_id, [p.id for p in rows]
        kinds = [p.kind for p in rows]
        db.session.commit()
    soup = BeautifulSoup(client.get(f"/storyboards/{sb_id}").data, "html.parser")
    state = {i: soup.select_one(f"#row-{i}-state").get_text(strip=True) for i in ids}
    assert state[ids[0]] == ""  # the cover always prints
    assert state[ids[1]] == ""  # a heading and a picture print
    assert state[ids[2]] == "Empty"  # a heading alone is left out
    assert state[ids[kinds.index("scale")]] == ""  # the scale prints
