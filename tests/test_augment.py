"""The training augmentation varies a transcript the way a recogniser does, and only that much."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("torch")  # the training extra
from trm_intent.training.augment import digits_to_words, slip, vary, words_to_digits

SENTENCES = [
    "Please send the report to the whole team before Friday.",
    "go to line 50",
    "scratch that",
    "camel get value",
    "Snake user name.",
    "undo",
    "git commit message bump version",
    "Sounds good, see you at three.",
]


def _one_word_apart(a: str, b: str) -> bool:
    wa, wb = a.split(" "), b.split(" ")
    if len(wb) == len(wa) - 1:  # a filler dropped
        return any(wa[:i] + wa[i + 1 :] == wb for i in range(len(wa)))
    return len(wa) == len(wb) and sum(x != y for x, y in zip(wa, wb)) <= 1


@pytest.mark.parametrize("text", SENTENCES)
def test_slip_changes_one_word_at_most(text: str) -> None:
    rng = random.Random(0)
    outs = {slip(text, rng) for _ in range(300)}
    assert all(_one_word_apart(text, o) for o in outs), outs
    if any(len(w) >= 3 for w in text.split()):
        assert len(outs - {text}) >= 5  # it does vary the words, in several ways


def test_slip_keeps_the_spelling_of_the_sounds_it_does_not_swap() -> None:
    rng = random.Random(1)
    outs = {slip("delete", rng) for _ in range(400)}
    assert not outs & {"delte", "deete", "deltee", "ddelete"}  # no letters dropped or doubled
    assert all(len(o) in (len("delete"), len("delete") + 1) for o in outs)  # a sound swapped, or a plural s


def test_vary_is_seeded_and_keeps_text() -> None:
    a = [vary(t, random.Random(7), p=1.0, slip_p=0.5) for t in SENTENCES]
    b = [vary(t, random.Random(7), p=1.0, slip_p=0.5) for t in SENTENCES]
    assert a == b and all(x.strip() for x in a)


def test_numbers_both_ways() -> None:
    assert digits_to_words("go to line 52") == "go to line fifty two"
    assert digits_to_words("line 105") == "line one hundred and five"  # as the data generator says it
    assert words_to_digits("Go three up.") == "Go 3 up."
