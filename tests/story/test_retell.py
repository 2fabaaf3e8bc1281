"""Retelling a story for a brother or sister: names, pronouns and the point of view."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyboard.story.retell import Child, Person, pronouns_of, propose, sibling_word

LILY = Child("Lily", "she", 6)
JOSH = Child("Josh", "he", 12)
MUM = Person("mum", ("Mum", "Kerry"), "she")
DAD = Person("dad", ("Dad",), "he")


def retold(text: str, old: Child = LILY, new: Child = JOSH, others=(MUM, DAD)) -> str:
    """The text with every proposal accepted."""
    out = text
    for p in sorted(propose(text, old, new, list(others)), key=lambda p: -p.start):
        assert out[p.start : p.end] == p.before
        out = out[: p.start] + p.after + out[p.end :]
    return out


def test_the_issue_examples_are_retold() -> None:
    assert retold("Lily and her family live in Leeds.") == "Josh and his family live in Leeds."
    assert retold("Lily did not get her tea.") == "Josh did not get his tea."
    assert retold("I love my big brother Josh.") == "I love my little sister Lily."


def test_a_her_meaning_mum_stays() -> None:
    assert retold("Lily helped Mum with her bags.") == "Josh helped Mum with her bags."
    assert (
        retold("Kerry was tired. Lily made her a card.") == "Kerry was tired. Josh made her a card."
    )


def test_pronouns_follow_the_last_person_who_can_take_them() -> None:
    text = "Lily was scared. She hid under her bed. Mum found her and gave her a hug."
    assert (
        retold(text) == "Josh was scared. He hid under his bed. Mum found him and gave him a hug."
    )


def test_the_brother_of_the_first_story_becomes_the_sister() -> None:
    text = "Josh looks after Lily. He walks her to school on his bike."
    assert retold(text) == "Lily looks after Josh. She walks him to school on her bike."


def test_they_changes_the_verb_too() -> None:
    sam = Child("Sam", "they", 9)
    assert retold("Lily is brave. She is kind.", new=sam) == "Sam is brave. They are kind."
    assert retold("Sam was sad. They were hungry.", old=sam, new=LILY) == (
        "Lily was sad. She was hungry."
    )


def test_pronouns_in_the_familys_own_words_are_never_rewritten() -> None:
    ash = Child("Ash", "xe/xem", 10)
    assert retold("Lily lost her coat.", new=ash) == "Ash lost her coat."
    assert (
        retold("Ash lost xyr coat. She cried.", old=ash, new=LILY)
        == "Lily lost xyr coat. She cried."
    )


def test_sizes_follow_the_ages() -> None:
    baby = Child("Mia", "she", 1)
    assert retold("My baby sister Mia laughs.", new=baby) == "My big sister Lily laughs."
    assert sibling_word(JOSH, LILY) == "big brother"
    assert sibling_word(LILY, JOSH) == "little sister"
    assert sibling_word(Child("Alex", "they", None), LILY) == "sibling"


def test_words_imply_pronouns() -> None:
    assert pronouns_of("Nanny Pat") == "she"
    assert pronouns_of("Uncle Joe") == "he"
    assert pronouns_of("Andrea") == ""


def test_each_proposal_says_why() -> None:
    reasons = {p.reason for p in propose("Lily and Josh", LILY, JOSH, [])}
    assert reasons == {"This is now Josh’s story.", "In Josh’s story, Lily is the little sister."}


@given(st.text(alphabet=st.sampled_from(list("LilyJoshMum her she his he a . ,\n’'")), max_size=60))
def test_every_proposal_replaces_exactly_what_it_says(text: str) -> None:
    last_end = -1
    for p in propose(text, LILY, JOSH, [MUM]):
        assert text[p.start : p.end] == p.before
        assert p.start >= last_end
        last_end = p.end


def test_names_in_any_alphabet_and_whole_names_only():
    zoe = Child("Zoë", "she", 9)
    assert retold("Zoë and Lily played.", new=zoe) == "Lily and Zoë played."
    jo = Child("Jo", "she", 9)
    assert retold("Joël came round. Lily waved.", new=jo) == "Joël came round. Jo waved."
    lily_mae = Child("Lily-Mae", "she", 6)
    assert retold("Lily-Mae went home. She cried.", old=lily_mae) == "Josh went home. He cried."


def test_a_name_that_is_also_a_word_is_changed_only_as_a_name():
    will = Child("Will", "he", 8)
    assert retold("I will tell Mum. Will is kind.", old=will, new=LILY) == (
        "I will tell Mum. Lily is kind."
    )


def test_another_brother_of_the_family_is_left_alone():
    assert retold("I love my big brother Tom.") == "I love my big brother Tom."


def test_two_children_with_the_same_name_swap_nothing():
    assert (
        propose("Sam was sad. Sam cried.", Child("Sam", "he", 6), Child("Sam", "she", 9), []) == []
    )
