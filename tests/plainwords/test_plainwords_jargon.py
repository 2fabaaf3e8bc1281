"""The jargon finder: the list, and real sentences with the right hits and suggestions."""

import pytest

from storyboard.plainwords import check_panel
from storyboard.plainwords.jargon import builtin_terms, find_jargon, merge_terms


def jargon(text, **kwargs):
    """Return {words found: suggestion} for the jargon in a panel's text."""
    report = check_panel(text, child_name="Sam", age=10, **kwargs)
    return {h.words: h.suggestion for h in report.hints if h.kind == "jargon"}


# ---- The jargon list --------------------------------------------------------------------------


def test_jargon_list_has_at_least_100_terms_with_plain_words():
    terms = builtin_terms()
    assert len(terms) >= 100
    assert all(t.term.strip() and t.plain.strip() for t in terms)
    assert len({t.term.casefold() for t in terms}) == len(terms)


@pytest.mark.parametrize(
    "term",
    [
        "child protection plan",
        "core group",
        "conference",
        "child protection conference",
        "section 47",
        "strategy meeting",
        "LADO",
        "non-accidental injury",
        "LAC",
        "CIN",
        "CP",
        "contact",
        "placement",
        "respite",
        "allegation",
        "disclosure",
        "neglect",
        "safeguarding",
        "threshold",
        "assessment",
        "care proceedings",
        "PLO",
        "section 20",
        "IRO",
        "MASH",
        "looked after child",
        "care order",
        "interim care order",
        "supervision order",
        "foster placement",
        "kinship care",
        "special guardianship",
        "family group conference",
        "child in need plan",
        "review child protection conference",
        "initial child protection conference",
        "domestic abuse",
        "DV",
        "substance misuse",
        "parenting capacity",
        "risk assessment",
        "multi-agency",
        "referral",
        "CAMHS",
        "EHCP",
        "SENCO",
        "GP",
        "A&E",
        "designated safeguarding lead",
        "DSL",
        "Cafcass",
        "guardian",
        "court order",
        "public law outline",
        "legal gateway meeting",
        "pre-proceedings",
        "parenting assessment",
        "unsupervised contact",
        "supervised contact",
    ],
)
def test_issue_terms_are_in_the_list(term):
    assert term.casefold() in {t.casefold() for t in _all_spellings()}


def _all_spellings():
    return [s for t in builtin_terms() for s in t.spellings]


def test_acronyms_are_flagged_as_such():
    by_term = {t.term: t for t in builtin_terms()}
    for name in ["LADO", "LAC", "CIN", "CP", "PLO", "IRO", "MASH", "CAMHS", "GP", "DSL"]:
        assert by_term[name].acronym, name
    assert not by_term["child protection plan"].acronym


@pytest.mark.parametrize(
    ("term", "plain"),
    [
        ("child protection plan", "a plan to keep you safe"),
        ("contact", "family time"),
        ("placement", "the home where you live"),
        ("core group", "the grown-ups who meet to check the plan is working"),
    ],
)
def test_plain_words_from_the_design_notes(term, plain):
    assert {t.term: t.plain for t in builtin_terms()}[term] == plain


# ---- Finding jargon ---------------------------------------------------------------------------


def test_multi_word_term_any_case_takes_in_its_article():
    found = jargon("Sam is on a Child Protection Plan because of the worries.")
    assert found == {"a Child Protection Plan": "a plan to keep you safe"}


def test_plural_terms_are_hits():
    found = jargon("Child Protection Plans help families. Two core groups met.")
    assert "Child Protection Plans" in found
    assert "core groups" in found
    assert found["Child Protection Plans"] == "Plans to keep you safe"


def test_hit_offsets_point_at_the_words_and_suggestion_can_be_applied():
    text = "Mum has contact with Sam on Sundays."
    report = check_panel(text, child_name="Sam", age=7)
    (hit,) = [h for h in report.hints if h.kind == "jargon"]
    assert text[hit.start : hit.end] == "contact" == hit.words
    assert text[: hit.start] + hit.suggestion + text[hit.end :] == (
        "Mum has family time with Sam on Sundays."
    )


def test_longest_match_wins_and_hits_do_not_overlap():
    hits = find_jargon("The child protection plan and the review child protection conference.")
    assert [h.term.term for h in hits] == [
        "child protection plan",
        "review child protection conference",
    ]
    spans = [(h.start, h.end) for h in hits]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_acronyms_match_only_in_capitals():
    found = jargon("Sam is LAC and was CIN before. The CP team and the MASH met.")
    assert set(found) >= {"LAC", "CIN", "CP", "the MASH"}
    assert jargon("Sam is lac and was cin before; cp and mash.") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Sam stroked a black cat.",
        "Mum gives Sam his medicine every morning.",
        "Dad talked to the employer about his hours.",
        "Sam loves mashed potato and peas.",
        "Sam has a cp in lowercase and a CPU.",
        "Mum will contact the school on Monday.",
        "Nan's number is in Mum's contacts list.",
        "Sam likes Lego and the Maldives.",
    ],
)
def test_no_hits_inside_other_words_or_other_senses(text):
    assert jargon(text) == {}


@pytest.mark.parametrize(
    ("text", "words", "plain"),
    [
        ("Mum has contact with Sam on Sundays.", "contact", "family time"),
        ("A section 47 enquiry was started.", "section 47 enquiry", "checking that you are safe"),
        (
            "The LADO was told.",
            "The LADO",
            "The person who checks that grown-ups who work with children are safe to do their job",
        ),
        (
            "Sam went into care under s20.",
            "s20",
            "living away from home for a while, with Mum or Dad saying yes",
        ),
        (
            "There was a strategy meeting.",
            "a strategy meeting",
            "a meeting where grown-ups decided how to check you were safe",
        ),
        (
            "The doctors found a non-accidental injury.",
            "a non-accidental injury",
            "a hurt the doctors think did not happen by accident",
        ),
        ("Sam's placement is going well.", "placement", "home where you live"),
        ("There are concerns about Dad's drinking.", "concerns", "worries"),
        (
            "Sam stays with Jo for respite.",
            "respite",
            "a short stay with someone else, so everyone can have a rest",
        ),
    ],
)
def test_real_sentences_get_the_right_suggestion(text, words, plain):
    assert jargon(text)[words] == plain


def test_suggestion_is_capitalised_at_the_start_of_a_sentence():
    assert jargon("Contact will be on Saturdays.") == {"Contact": "Family time"}


def test_local_terms_merge_with_the_built_in_list():
    extra = [
        {"term": "TAF meeting", "plain": "a meeting with your helpers"},
        {"term": "contact", "plain": "time with your family"},
    ]
    found = jargon("The TAF meeting is about contact.", extra_terms=extra)
    assert found == {
        "The TAF meeting": "A meeting with your helpers",
        "contact": "time with your family",
    }
    assert len(merge_terms(extra)) == len(builtin_terms()) + 1


def test_local_acronym_is_case_sensitive():
    extra = [{"term": "BRAG", "plain": "the colour rating"}]
    assert jargon("The BRAG was red.", extra_terms=extra) == {"The BRAG": "The colour rating"}
    assert jargon("Do not brag.", extra_terms=extra) == {}
