"""Vary transcripts the way a speech recogniser does: casing, punctuation, numbers, slips."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from trm_intent.numbers import number_words

_WORD_TO_NUM = {number_words(i): i for i in range(100)}
_NUM_WORDS = re.compile(
    r"\b(" + "|".join(sorted(_WORD_TO_NUM, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_DIGITS = re.compile(r"\b\d{1,3}\b")
_PUNCT = re.compile(r"[.,!?;:]")


def digits_to_words(text: str) -> str:
    return _DIGITS.sub(lambda m: number_words(int(m.group())), text)


def words_to_digits(text: str) -> str:
    return _NUM_WORDS.sub(lambda m: str(_WORD_TO_NUM[m.group().lower()]), text)


# Sounds a recogniser confuses: voiced/unvoiced and nasal consonants, neighbouring vowels.
_SOUND_SWAPS = {
    "p": "b",
    "b": "p",
    "t": "d",
    "d": "t",
    "k": "g",
    "g": "k",
    "s": "z",
    "z": "s",
    "f": "v",
    "v": "f",
    "m": "n",
    "n": "m",
    "a": "e",
    "e": "i",
    "i": "e",
    "o": "u",
    "u": "o",
}
_FILLER = {"the", "a", "an", "to", "of", "and", "please", "that", "it", "just"}
_WORD = re.compile(r"[A-Za-z]{3,}")


def edit_random_word(text: str, rng: random.Random, edit: Callable[[str], str]) -> str:
    """``text`` with ``edit`` applied to one of its words of 3+ letters, picked by ``rng``."""
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return text
    a, b = rng.choice(spans)
    return text[:a] + edit(text[a:b]) + text[b:]


def _sound_swap(word: str, rng: random.Random) -> str:
    at = [j for j, ch in enumerate(word) if ch.lower() in _SOUND_SWAPS]
    if not at:
        return word
    j = rng.choice(at)
    sub = _SOUND_SWAPS[word[j].lower()]
    return word[:j] + (sub.upper() if word[j].isupper() else sub) + word[j + 1 :]


def slip(text: str, rng: random.Random) -> str:
    """One recogniser slip: a sound swapped inside a word, a plural s gained or lost, or a
    short filler word dropped. The label never changes: a mis-heard command is still one."""
    words = text.split(" ")
    choice = rng.random()
    fillers = [i for i, w in enumerate(words) if w.lower().strip(".,!?") in _FILLER]
    if choice < 0.2 and fillers and len(words) >= 3:
        del words[rng.choice(fillers)]
        return " ".join(words)
    if choice < 0.4:
        return edit_random_word(text, rng, lambda w: w[:-1] if w.endswith("s") else w + "s")
    return edit_random_word(text, rng, lambda w: _sound_swap(w, rng))


def vary(text: str, rng: random.Random, p: float = 0.5, slip_p: float = 0.0) -> str:
    """A recogniser-style variant of ``text`` (unchanged with probability 1 - p); a slip
    (:func:`slip`) on top with probability ``slip_p``."""
    if slip_p and rng.random() < slip_p:
        text = slip(text, rng)
    if rng.random() >= p:
        return text
    choice = rng.random()
    if choice < 0.25:
        text = _PUNCT.sub("", text)
    elif choice < 0.45:
        text = text.rstrip(".!?") if text.rstrip()[-1:] in ".!?" else text.rstrip() + "."
    elif choice < 0.6:
        text = text[:1].upper() + text[1:]
        if text.rstrip()[-1:] not in ".!?":
            text = text.rstrip() + "."
    if rng.random() < 0.3:
        text = words_to_digits(text) if rng.random() < 0.5 else digits_to_words(text)
    return " ".join(text.split()) or text
