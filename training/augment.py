"""Vary transcripts the way a speech recogniser does: casing, punctuation, numbers."""

from __future__ import annotations

import random
import re

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for 0..999."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


_WORD_TO_NUM = {number_words(i): i for i in range(100)}
_NUM_WORDS = re.compile(r"\b(" + "|".join(sorted(_WORD_TO_NUM, key=len, reverse=True)) + r")\b",
                        re.IGNORECASE)
_DIGITS = re.compile(r"\b\d{1,3}\b")
_PUNCT = re.compile(r"[.,!?;:]")


def digits_to_words(text: str) -> str:
    return _DIGITS.sub(lambda m: number_words(int(m.group())), text)


def words_to_digits(text: str) -> str:
    return _NUM_WORDS.sub(lambda m: str(_WORD_TO_NUM[m.group().lower()]), text)


def vary(text: str, rng: random.Random, p: float = 0.5) -> str:
    """A recogniser-style variant of ``text`` (unchanged with probability 1 - p)."""
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
