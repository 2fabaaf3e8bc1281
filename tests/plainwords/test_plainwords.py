"""Plain words: real sentences a worker might write, and the hints they should get."""

import json

import pytest

from storyboard.plainwords import check_booklet, check_panel, to_json
from storyboard.plainwords.measure import (
    band_for_age,
    count_syllables,
    reading_age,
    split_sentences,
)
from storyboard.story.storyfile import parse


def kinds(report, kind):
    """Return the words of the hints of one kind."""
    return [h.words for h in report.hints if h.kind == kind]


# ---- Measures and targets ---------------------------------------------------------------------


def test_sentences_keep_offsets_and_ignore_abbreviations():
    text = "Dr. Patel saw Sam.  Mum was there!\nNan came too"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Dr. Patel saw Sam.", "Mum was there!", "Nan came too"]
    assert [s.word_count for s in sentences] == [4, 3, 3]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("cat", 1),
        ("make", 1),
        ("hoped", 1),
        ("wanted", 2),
        ("table", 2),
        ("family", 3),
        ("someone", 2),
        ("hospital", 3),
        ("responsibility", 6),
        ("information", 4),
    ],
)
def test_syllable_counts(word, n):
    assert count_syllables(word) == n


def test_reading_age_is_low_for_short_words_and_high_for_jargon():
    simple = reading_age(split_sentences("Sam lives with Mum. Sam likes football. Nan is kind."))
    hard = reading_age(
        split_sentences(
            "The local authority initiated child protection procedures following the disclosure, "
            "and a multi-agency strategy discussion was convened immediately."
        )
    )
    assert simple is not None and simple <= 7
    assert hard is not None and hard > 14


@pytest.mark.parametrize(
    ("age", "label", "words", "sentences"),
    [
        (3, "under 5", 8, 1),
        (7, "5 to 8", 10, 3),
        (11, "9 to 12", 14, None),
        (15, "13 to 17", 19, None),
        (None, "5 to 8", 10, 3),
    ],
)
def test_age_bands(age, label, words, sentences):
    band = band_for_age(age)
    assert (band.label, band.words, band.sentences) == (label, words, sentences)


def test_under_five_gets_one_short_sentence():
    report = check_panel(
        "Sam lives with Mum and Dad and Nan and the dog. Sam is happy.", child_name="Sam", age=4
    )
    assert kinds(report, "long-sentence") == ["Sam lives with Mum and Dad and Nan and the dog."]
    assert kinds(report, "too-many-sentences") == ["2 sentences"]
    assert report.over_target


def test_five_to_eight_allows_three_sentences_of_ten_words():
    text = "Sam lives with Mum. Dad lives in a flat. Sam sees Dad on Saturdays."
    report = check_panel(text, child_name="Sam", age=7)
    assert report.hints == [] and not report.over_target
    assert (report.sentences, report.words, report.longest_sentence) == (3, 14, 5)
    older = check_panel(text + " They go to the park.", child_name="Sam", age=10)
    assert not older.over_target
    assert check_panel(text + " They go to the park.", child_name="Sam", age=7).over_target


def test_long_words_get_shorter_ones_but_names_do_not():
    report = check_panel(
        "Unfortunately Elizabeth needed medication immediately.", child_name="Sam", age=9
    )
    hints = {h.words: h.suggestion for h in report.hints if h.kind == "long-word"}
    assert hints == {
        "Unfortunately": "sadly",
        "medication": "medicine",
        "immediately": "straight away",
    }


# ---- Other checks -----------------------------------------------------------------------------


def test_the_child_gets_the_childs_name():
    text = "The child told her teacher. The young person's room is upstairs."
    report = check_panel(text, child_name="Sam", age=9)
    assert [(h.words, h.suggestion) for h in report.hints if h.kind == "child-name"] == [
        ("The child", "Sam"),
        ("The young person", "Sam"),
    ]
    assert kinds(check_panel("Sam told her teacher.", child_name="Sam"), "child-name") == []


def test_family_words_are_suggested_instead_of_professional_words():
    family = [
        {"word": "Mum's poorly days", "means": "depression"},
        {"word": "the fighting", "means": "domestic abuse"},
    ]
    report = check_panel(
        "Mum has depression. There was domestic abuse at home.",
        child_name="Sam",
        family_words=family,
    )
    found = {h.words: (h.kind, h.suggestion) for h in report.hints}
    assert found["depression"] == ("family-word", "Mum's poorly days")
    assert found["domestic abuse"] == ("family-word", "the fighting")
    assert kinds(report, "jargon") == []
    ok = check_panel("Mum has poorly days.", child_name="Sam", family_words=family)
    assert kinds(ok, "family-word") == []


@pytest.mark.parametrize(
    ("text", "words", "suggestion"),
    [
        ("Sam was hurt.", "was hurt", "Say who hurt Sam."),
        ("A referral was made on Monday.", "was made", "Say who made it."),
        ("Sam and Ali were taken to Nan's.", "were taken", "Say who took them."),
        ("He got smacked.", "got smacked", "Say who smacked him."),
    ],
)
def test_passives_that_hide_who_did_it(text, words, suggestion):
    report = check_panel(text, child_name="Sam", age=9)
    assert [(h.words, h.suggestion) for h in report.hints if h.kind == "passive"] == [
        (words, suggestion)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sam was hurt by a dog in the park.",
        "Mum was worried and Sam was tired.",
        "Sam was born in Leeds.",
        "Dad hurt Sam's arm.",
        "The plan is working.",
    ],
)
def test_no_passive_hint_when_we_know_who_or_it_is_a_feeling(text):
    assert kinds(check_panel(text, child_name="Sam", age=9), "passive") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sam lives at 12 Oak Road with Mum.", "12 Oak Road"),
        ("Nan's house is 4a Mill Lane.", "4a Mill Lane"),
        ("The postcode is LS1 4AB.", "LS1 4AB"),
        ("Ring Mum on 07700 900123.", "07700 900123"),
        ("The office is on (020) 7946 0958.", "(020) 7946 0958"),
        ("Call +44 7700 900123 if worried.", "+44 7700 900123"),
        ("Email andrea.smith@leeds.gov.uk for help.", "andrea.smith@leeds.gov.uk"),
        ("Sam goes to Oakfield Primary School.", "Oakfield Primary School"),
        ("Sam's sister goes to St Mary's Academy.", "St Mary's Academy"),
    ],
)
def test_identifying_details_are_flagged(text, found):
    report = check_panel(text, child_name="Sam", age=9)
    assert kinds(report, "identifying") == [found]
    (hint,) = [h for h in report.hints if h.kind == "identifying"]
    assert text[hint.start : hint.end] == found
    assert found.casefold() not in hint.key


@pytest.mark.parametrize(
    "text",
    [
        "Sam goes to school on the bus. Sam is in Year 6 and has 2 dogs.",
        "Sam likes primary school and the Big Way slide.",
        "You can ring Childline on 0800 1111 at any time.",
        "Sam was 7 on 12 May 2024 and had 30 balloons.",
        "Mum walked down the road to the shop at 3 pm.",
    ],
)
def test_ordinary_text_has_no_identifying_hints(text):
    assert kinds(check_panel(text, child_name="Sam", age=9), "identifying") == []


def test_allowed_school_name_is_not_flagged():
    report = check_panel(
        "Sam goes to Oakfield Primary School.",
        child_name="Sam",
        allowed_details=["Oakfield Primary"],
    )
    assert kinds(report, "identifying") == []


# ---- Dismissing, other languages, the whole booklet -------------------------------------------


def test_dismissed_hints_are_not_reported():
    text = "Mum has contact with Sam. Sam was hurt."
    first = check_panel(text, child_name="Sam", age=9)
    key = next(h.key for h in first.hints if h.kind == "jargon")
    again = check_panel(text, child_name="Sam", age=9, dismissed=[key])
    assert kinds(again, "jargon") == [] and kinds(again, "passive") == ["was hurt"]
    assert again.dismissed == 1
    edited = check_panel("Contact is on Sundays.", child_name="Sam", dismissed=[key])
    assert kinds(edited, "jargon") == []


def test_arabic_gets_length_checks_but_no_reading_age():
    text = "سام يعيش مع أمه وأبيه في بيت كبير جميل قرب المدرسة والحديقة العامة. هو سعيد."
    report = check_panel(text, child_name="سام", age=7, language="ar")
    assert report.reading_age is None
    assert "Reading age is only estimated for English text." in report.notes
    assert len(kinds(report, "long-sentence")) == 1
    assert report.sentences == 2 and report.longest_sentence == 13
    assert {h.kind for h in report.hints} == {"long-sentence"}


def make_document(**changes):
    """Return a small portable storyboard document."""
    document = {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam", "age": 7},
        "language": "en",
        "family_words": [{"word": "Mum's poorly days", "means": "depression"}],
        "panels": [
            {"section": "worried", "text": "Miss Khan was worried. She made a referral."},
            {
                "section": "worries",
                "text": "Mum's depression made things hard.",
                "voices": [{"label": "Mum", "text": "I saw the GP."}],
            },
            {"section": "next", "text": "Sam is on a child protection plan.", "skipped": True},
            {
                "section": "safety-plan",
                "text": "Mum has contact with Sam on Sundays.",
                "steps": ["I can tell Nan if the child is scared."],
                "dismissed_hints": ["jargon:contact"],
            },
        ],
    }
    document.update(changes)
    return document


def test_booklet_summary():
    report = check_booklet(parse(make_document()))
    assert [p.number for p in report.panels] == [1, 2, 4]
    assert report.skipped == [3]
    assert report.jargon_left == ["referral", "GP"]
    assert report.reading_age is not None and report.reading_age < 9
    voice = next(h for h in report.panels[1].hints if h.kind == "jargon")
    assert (voice.field, voice.words, voice.suggestion) == ("voices[0].text", "GP", "your doctor")
    step = next(h for h in report.panels[2].hints if h.kind == "child-name")
    assert step.field == "steps[0]"
    assert report.panels[2].dismissed == 1
    assert report.counts == {"jargon": 2, "family-word": 1, "child-name": 1}


def test_booklet_over_target_and_json_shape():
    document = make_document()
    document["panels"][0]["text"] = (
        "Miss Khan, Sam's teacher at school, was worried when Sam came in sad on Monday."
    )
    monday = [{"term": "Monday", "plain": "a day"}]
    data = to_json(check_booklet(parse(document), extra_terms=monday))
    json.dumps(data)
    assert data["summary"]["panels_over_target"] == [1]
    assert data["summary"]["panels_skipped"] == [3]
    assert "Monday" in data["summary"]["jargon_left"]
    assert set(data) == {
        "title",
        "child",
        "language",
        "english",
        "band",
        "summary",
        "notes",
        "panels",
    }
    hint = data["panels"][0]["hints"][0]
    assert set(hint) == {"kind", "words", "suggestion", "start", "end", "field", "note", "key"}


def test_booklet_in_arabic_says_why_there_is_no_reading_age():
    document = make_document(language="ar", family_words=[])
    document["panels"] = [{"section": "worries", "text": "سام يحب أمه."}]
    report = check_booklet(parse(document))
    assert report.reading_age is None
    assert "Reading age is only estimated for English text." in report.notes


def test_booklet_notes_when_the_childs_name_is_never_used():
    document = make_document()
    document["panels"] = [{"section": "worries", "text": "The doctors are worried."}]
    assert "Sam's name is not used anywhere in the booklet." in check_booklet(parse(document)).notes
