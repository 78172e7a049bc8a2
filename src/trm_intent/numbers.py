"""English number words, as a recogniser may spell numbers out (shared by the data generator and
training's augmentation)."""

from __future__ import annotations

ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """English words for 0..999: 42 -> "forty two", 105 -> "one hundred and five"."""
    if not 0 <= n <= 999:
        raise ValueError(f"number_words takes 0..999, got {n}")
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f" {ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    head = f"{ONES[hundreds]} hundred"
    if rest == 0:
        return head
    return f"{head} and {number_words(rest)}" if rest < 10 else f"{head} {number_words(rest)}"
