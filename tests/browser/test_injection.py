"""Script typed into any field never runs, in any page that shows it, checked in the browser.

A corpus of XSS payloads goes through every kind of field (panel words, headings, voices,
steps, the scale, picture labels, people, the case, a reviewer's name, a comment, family
words, a jargon term) and out through the editor, preview, read mode, the review hub and a
version, the reviewer's phone page, the HTML booklet opened as a file (where no CSP guards
it), and the Word file. In the browser, a payload that ran would open a dialog or set a flag;
one that was not escaped would leave an element with an event handler, a script, or a
javascript: address in the page even where the CSP stopped it. Neither may happen.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Case, JargonTerm, Panel, Person
from tests.conftest import PASSWORD
from tests.fixtures.factories import add_storyboard, make_link, send

pytestmark = pytest.mark.browser

_RUN = "window.__xss=(window.__xss||[]).concat([{n}])"
_VECTORS = [
    "<script>{run}</script>",
    '<img src=x onerror="{run}">',
    '<svg onload="{run}">',
    "<svg><script>{run}</script></svg>",
    '<body onload="{run}">',
    '<iframe srcdoc="<script>{run}</script>"></iframe>',
    '<iframe src="javascript:{run}"></iframe>',
    '<a href="javascript:{run}">tap</a>',
    '<details open ontoggle="{run}">',
    '<input autofocus onfocus="{run}">',
    '<video><source onerror="{run}"></video>',
    '<math><mtext><table><mglyph><style><img src=x onerror="{run}">',
    '"><img src=x onerror="{run}">',
    "'><img src=x onerror='{run}'>",
    '</textarea><img src=x onerror="{run}">',
    '</title><img src=x onerror="{run}">',
    "</script><script>{run}</script>",
    "<style>@import 'javascript:{run}';</style>",
    '<object data="javascript:{run}"></object>',
    '<embed src="javascript:{run}">',
    '<form><button formaction="javascript:{run}">x</button></form>',
    '<marquee onstart="{run}">',
    '<div style="background:url(javascript:{run})">',
    '<template><img src=x onerror="{run}"></template>',
    "{{{{constructor.constructor('{run}')()}}}}",
    "${{{run}}}",
    "<img src=x onerror=&#x61;lert({n})>",
    '<img src="x" onerror="eval(atob(\'d2luZG93Ll9feHNzPTE=\'))">',
    "<scr<script>ipt>{run}</scr</script>ipt>",
    '<!--<img src=x onerror="{run}">-->',
    '<base href="javascript:{run}//">',
    '<meta http-equiv="refresh" content="0;url=javascript:{run}">',
    '<link rel=stylesheet href="javascript:{run}">',
    '<isindex action="javascript:{run}" type=image>',
    '<keygen autofocus onfocus="{run}">',
    '<select autofocus onfocus="{run}">',
    '<textarea autofocus onfocus="{run}">',
    '<audio src=x onerror="{run}">',
    '<img srcset="x" onerror="{run}">',
    '<svg><animate onbegin="{run}" attributeName=x dur=1s>',
    '<svg><a xlink:href="javascript:{run}"><text x=20 y=20>x</text></a></svg>',
    "javascript:{run}",
    "data:text/html,<script>{run}</script>",
    '<x onclick="{run}">tap me</x>',
    '<p onmouseover="{run}">hover</p>',
    '&lt;img src=x onerror="{run}"&gt;',
    '\u202e<img src=x onerror="{run}">',
    '<img src=x onerror="{run}"\u0000>',
    '<svg/onload="{run}">',
    '<img/src=x/onerror="{run}">',
    '<body/onpageshow="{run}">',
    '<xmp><img src=x onerror="{run}"></xmp>',
    '<noscript><p title="</noscript><img src=x onerror={run}>">',
]
PAYLOADS = [vector.format(run=_RUN.format(n=n), n=n) for n, vector in enumerate(_VECTORS)]

# After a page loads: what would show that a payload ran, or was not escaped.
FIND_LIVE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(el.tagName + ' ' + attr.name);
      if (/^(href|src|action|formaction|xlink:href|data|srcdoc|poster|background)$/i
          .test(attr.name) && /^\\s*(javascript|data:text\\/html)/i.test(attr.value))
        bad.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 30));
    }
    if (el.tagName === 'SCRIPT' && !(el.getAttribute('src') || '').startsWith('/static/')
        && el.type !== 'application/json') bad.push('inline script');
    if (['OBJECT', 'EMBED', 'BASE', 'MARQUEE', 'KEYGEN', 'ISINDEX'].includes(el.tagName))
      bad.push(el.tagName);
  }
  return {ran: window.__xss || [], bad: bad};
}"""


def _plant(app) -> dict:  # noqa: ANN001
    """A storyboard whose every field carries payloads, a second for the rest, and a term."""
    with app.app_context():
        meg = create_user("meg", "Meg", PASSWORD, "manager")
        db.session.flush()
        ann = create_user("ann", "Ann", PASSWORD, "worker", meg.id)
        case = Case(reference="CR-<b>1</b>", family_name=PAYLOADS[0], workers=[ann])
        db.session.add(case)
        db.session.flush()
        for i, payload in enumerate(PAYLOADS[:6]):
            db.session.add(
                Person(
                    case_id=case.id,
                    name=payload,
                    relationship_=PAYLOADS[-1 - i],
                    known_as=PAYLOADS[10 + i],
                )  # fmt: skip
            )
        panels = [
            ("custom", PAYLOADS[(i + 7) % len(PAYLOADS)], payload)
            for i, payload in enumerate(PAYLOADS)
        ]
        story = add_storyboard(case.id, panels, child_name="Sam", title=PAYLOADS[3])
        db.session.flush()
        rows = db.session.scalars(select(Panel).where(Panel.storyboard_id == story.id)).all()
        for i, row in enumerate(rows[:12]):
            row.voices = [
                {"speaker": "", "label": PAYLOADS[i], "text": PAYLOADS[-1 - i]},
                {"speaker": "", "label": PAYLOADS[i + 12], "text": PAYLOADS[i + 24]},
            ]
            row.scene = {"pictures": [
                {"src": "library:home", "x": 0.1, "y": 0.1, "width": 0.4,
                 "label": PAYLOADS[i + 5], "alt": PAYLOADS[i + 6]},
            ]}  # fmt: skip
        for i, row in enumerate(rows[12:18]):
            row.kind, row.extra = "steps", {"steps": PAYLOADS[i * 3 : i * 3 + 3]}
        for i, row in enumerate(rows[18:22]):
            row.kind, row.extra = "scale", {"scale": {"value": 5, "ten_means": PAYLOADS[i + 30]}}
        story.family_words = [{"word": p, "means": PAYLOADS[-1]} for p in PAYLOADS[40:44]]
        db.session.add(JargonTerm(term="TAF", plain=PAYLOADS[8]))
        db.session.commit()
        return {"story": story.id, "case": case.id}


def _check(page: Page, where: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # a handler on a loaded image or a focused field has fired
    found = page.evaluate(FIND_LIVE)
    assert found["ran"] == [], f"{where}: payloads ran: {found['ran']}"
    assert found["bad"] == [], f"{where}: live markup from the words: {found['bad'][:5]}"


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["landscape"], indirect=True)
def test_no_payload_runs_or_stays_live_on_any_page(
    live_server, live_app, tablet, sign_in, tmp_path: Path
):
    ids = _plant(live_app)
    story = ids["story"]
    page = tablet.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The worker sends a version and makes a link named with a payload (through the forms).
    live_app.config["WTF_CSRF_ENABLED"] = False  # the test's own client posts the forms
    staff = live_app.test_client()
    staff.post("/signin", data={"username": "ann", "password": PASSWORD})
    assert send(staff, story, confirm_private="yes").status_code == 302
    token = make_link(staff, story, reviewer_name=PAYLOADS[20], reviewer_role="Mum")
    reader = live_app.test_client()
    for i in range(4):
        reader.post(f"/r/{token}/comment", data={"panel": str(i + 1), "name": PAYLOADS[44 + i],
                                                 "body": PAYLOADS[48 + i]})  # fmt: skip
    live_app.config["WTF_CSRF_ENABLED"] = True

    sign_in(tablet, "ann", PASSWORD)
    page.wait_for_url(live_server.url + "/")
    tablet.audited.add(page.url)
    pages = [
        ("dashboard", "/"),
        ("case", f"/cases/{ids['case']}"),
        ("editor", f"/storyboards/{story}"),
        ("preview", f"/storyboards/{story}/preview"),
        ("read", f"/storyboards/{story}/read"),
        ("review-hub", f"/storyboards/{story}/review"),
        ("version", f"/storyboards/{story}/versions/1"),
        ("exports", f"/storyboards/{story}/exports"),
    ]
    for label, path in pages:
        page.goto(live_server.url + path)
        _check(page, label)
        tablet.audited.add(page.url)  # axe on 55 payload pages is not the point here
    page.goto(live_server.url + f"/r/{token}")
    _check(page, "reviewer's page")
    tablet.audited.add(page.url)

    # The HTML booklet, opened as a file: no CSP there, so escaping alone must hold.
    booklet = staff.get(f"/storyboards/{story}/export/html?checked=yes")
    assert booklet.status_code == 200, booklet.status_code
    saved = tmp_path / "booklet.html"
    saved.write_bytes(booklet.data)
    page.goto(saved.as_uri())
    _check(page, "HTML booklet file")
    tablet.audited.add(page.url)
    assert dialogs == []

    # The Word file holds every payload as plain text.
    word = staff.get(f"/storyboards/{story}/export/docx?checked=yes")
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(word.data))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    kept = [p for p in PAYLOADS if p.replace("\u0000", "") in text]
    assert len(kept) >= len(PAYLOADS) - 2, f"{len(PAYLOADS) - len(kept)} payloads lost in Word"
