"""Staff search: a worker and a manager find the cases and storyboards they may open, and
nothing else; the page asks the database a fixed number of questions; what was typed is
escaped, never logged, never cached."""

from __future__ import annotations

from bs4 import BeautifulSoup

from storyboard.services.db import db
from storyboard.services.models import Person
from storyboard.services.search import MAX_QUERY_CHARS, MAX_RESULTS, PER_PAGE
from tests.web.test_dashboard_queries import counted


def _add_person(app, case_id, name, known_as=None, relationship="Mum"):  # noqa: ANN001, ANN201
    with app.app_context():
        db.session.add(
            Person(case_id=case_id, name=name, known_as=known_as, relationship_=relationship)
        )
        db.session.commit()


def _found(page) -> dict[str, dict]:
    """Each result card: its case reference -> the people and storyboards it lists."""
    soup = BeautifulSoup(page.data, "html.parser")
    out = {}
    for card in soup.select(".search-results > li"):
        reference = card.select_one("p.muted").get_text().removeprefix("Case ")
        people = card.select_one(".search-people")
        out[reference] = {
            "family": card.select_one("h2 a").get_text(),
            "people": people.get_text() if people else "",
            "storyboards": [a.get_text() for a in card.select(".storyboard-list a")],
        }
    return out


def _message(page) -> str:
    soup = BeautifulSoup(page.data, "html.parser")
    return " ".join(soup.select_one("#search-message").get_text().split())


def _world(app, make_user, make_case, make_storyboard):  # noqa: ANN001, ANN201
    """Meg manages Ann and Una; Otto manages Olly. Each worker has a case."""
    meg = make_user("meg", role="manager")
    otto = make_user("otto", role="manager")
    ann, una = make_user("ann", manager=meg), make_user("una", manager=meg)
    olly = make_user("olly", manager=otto)
    cases = {
        "ann": make_case("CR-100", ann, family_name="The Lees"),
        "una": make_case("CR-200", una, family_name="The Okafors"),
        "olly": make_case("CR-300", olly, family_name="The Lees of Leeds"),
    }
    _add_person(app, cases["ann"], "Zoë Lee", known_as="Zo", relationship="child")
    _add_person(app, cases["una"], "Grace Okafor")
    _add_person(app, cases["olly"], "Zoe Lee")  # the same name, in another team
    make_storyboard(cases["ann"], child_name="Zoë", title="Zoë's safety plan")
    make_storyboard(cases["una"], child_name="Ada", title="Ada's words and pictures")
    make_storyboard(cases["olly"], child_name="Zoe", title="Zoe's story")
    return cases


def test_a_worker_finds_their_own_case_by_name_accent_or_reference_and_no_one_elses(
    app, client, auth, make_user, make_case, make_storyboard
):
    _world(app, make_user, make_case, make_storyboard)
    auth.sign_in("ann")
    page = client.get("/search?q=zoe")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "private, no-store"
    found = _found(page)
    assert list(found) == ["CR-100"]  # not Olly's Zoe Lee, in another team
    assert found["CR-100"]["people"] == "People: Zoë Lee (Zo)"
    assert found["CR-100"]["storyboards"] == ["Zoë's safety plan"]
    assert _message(page) == "1 case matches."
    assert list(_found(client.get("/search?q=LEE+zo"))) == ["CR-100"]  # words in any order
    assert list(_found(client.get("/search?q=cr-100"))) == ["CR-100"]
    by_family = _found(client.get("/search?q=the+lees"))
    assert by_family == {"CR-100": {"family": "The Lees", "people": "", "storyboards": []}}
    for theirs in ("Grace", "CR-200", "Okafor", "Ada", "Leeds", "CR-300"):
        page = client.get(f"/search?q={theirs}")
        assert _found(page) == {}, theirs
        assert "Nothing matches" in _message(page), theirs


def test_a_manager_finds_the_teams_cases_but_not_another_teams(
    app, client, auth, make_user, make_case, make_storyboard
):
    _world(app, make_user, make_case, make_storyboard)
    auth.sign_in("meg")
    assert list(_found(client.get("/search?q=lee"))) == ["CR-100"]
    assert list(_found(client.get("/search?q=grace"))) == ["CR-200"]
    found = _found(client.get("/search?q=cr"))
    assert sorted(found) == ["CR-100", "CR-200"]
    assert _found(client.get("/search?q=leeds")) == {}
    auth.sign_out()
    auth.sign_in("otto")
    assert list(_found(client.get("/search?q=lee"))) == ["CR-300"]


def test_admins_search_nothing_and_signed_out_visitors_sign_in(client, auth, make_user):
    make_user("root", role="admin")
    assert client.get("/search?q=lee").status_code == 302  # to the sign-in page
    auth.sign_in("root")
    assert client.get("/search?q=lee").status_code == 403


def test_empty_too_long_and_first_visit_say_what_to_do(app, client, review):
    first = client.get("/search")
    assert first.status_code == 200
    soup = BeautifulSoup(first.data, "html.parser")
    assert soup.select_one("#search-message") is None
    assert soup.select_one("input#search-q")["maxlength"] == str(MAX_QUERY_CHARS)
    empty = client.get("/search?q=+++")
    assert _message(empty) == (
        "Type a case reference, a name or a storyboard's title to search for."
    )
    long = client.get("/search?q=" + "a" * (MAX_QUERY_CHARS + 1))
    assert long.status_code == 400
    assert _message(long) == (
        f"That is {MAX_QUERY_CHARS + 1} characters long; search for at most "
        f"{MAX_QUERY_CHARS}, such as a name or a case reference."
    )
    box = BeautifulSoup(long.data, "html.parser").select_one("input#search-q")
    assert box["value"] == "a" * (MAX_QUERY_CHARS + 1)  # what was typed is kept in the box


def test_what_was_typed_and_the_names_found_are_escaped(app, client, review, make_storyboard):
    script = "<script>alert(1)</script>"
    _add_person(app, review["case"], f"{script} Lee")
    page = client.get("/search", query_string={"q": script})
    soup = BeautifulSoup(page.data, "html.parser")
    assert soup.select_one("input#search-q")["value"] == script
    assert "People: " + script + " Lee" == soup.select_one(".search-people").get_text()
    assert script not in page.get_data(as_text=True)  # only ever as &lt;script&gt;
    assert all(tag.get("src") or tag.get("type") == "module" for tag in soup.find_all("script"))


def test_results_are_paged_and_capped(app, client, review, make_case):
    with app.app_context():
        ann = review["ann"]
    for n in range(PER_PAGE + 5):
        make_case(f"SB-{n:03}", ann, family_name=f"The Browns {n}")
    first = client.get("/search?q=brown")
    assert _message(first) == f"{PER_PAGE + 5} cases match. Page 1."
    assert len(_found(first)) == PER_PAGE
    soup = BeautifulSoup(first.data, "html.parser")
    more = soup.select_one('a[rel="next"]')["href"]
    second = client.get(more)
    assert sorted(_found(second)) == [f"SB-{n:03}" for n in range(5)]  # the oldest five
    assert set(_found(first)).isdisjoint(_found(second))
    assert client.get("/search?q=brown&page=3").status_code == 200


def test_more_than_the_cap_says_so(app, client, review):
    with app.app_context():
        from storyboard.services.models import Case, User

        ann = db.session.get(User, review["ann"])
        db.session.add_all(
            Case(reference=f"X-{n}", family_name="The Smiths", workers=[ann])
            for n in range(MAX_RESULTS + 1)
        )
        db.session.commit()
    page = client.get("/search?q=smith")
    assert _message(page).startswith(f"More than {MAX_RESULTS} cases match;")
    assert len(_found(page)) == PER_PAGE


def test_an_exact_reference_comes_first(app, client, review, make_case):
    make_case("CR-7", review["ann"], family_name="The Sevens")
    make_case("CR-77A", review["ann"], family_name="The Newer")
    assert list(_found(client.get("/search?q=cr-77")))[0] == "CR-77"


def test_the_search_asks_the_same_number_of_questions_for_few_or_many_cases(
    app, client, review, make_case, make_storyboard
):
    with counted(app) as few:
        assert len(_found(client.get("/search?q=sam"))) == 1
    for n in range(12):
        case = make_case(f"CR-{n}", review["ann"])
        _add_person(app, case, f"Sam {n}")
        make_storyboard(case)
    with counted(app) as many:
        assert len(_found(client.get("/search?q=sam"))) == 13
    assert len(many) == len(few), "\n".join(many)


def test_the_dashboard_and_the_nav_offer_the_search(client, review):
    soup = BeautifulSoup(client.get("/").data, "html.parser")
    form = soup.select_one("form.search-form")
    assert form["action"] == "/search" and form.select_one("input[name=q]")
    assert soup.select_one('.site-nav a[href="/search"]').get_text() == "Search"
