"""Shared pieces of the generator: the item type, surface forms, numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from trm_intent.numbers import number_words


def count_text(rng: random.Random, n: int, digit_share: float = 0.35) -> str:
    return str(n) if rng.random() < digit_share else number_words(n)


@dataclass(frozen=True)
class Item:
    """One base utterance before surface variation and context assignment.

    ``style`` is how the recogniser surface is varied: ``cmd`` (terse command), ``prose``
    (written with case and punctuation), ``shell`` (text for a terminal), ``keep`` (as is).
    ``kinds`` overrides the family's weights over the window pools of ``contexts.py``;
    ``ctx`` pins one pool. (A pool is not the model's kind of window: see ``contexts.py``.)
    ``windows`` pins the item to exact windows ``(app_name, bundle_id, window_title)``, one
    drawn per record: the families whose window title decides (``developer_windows.py``,
    ``titled_windows.py``). ``segments`` marks a mixed utterance: ``(words, label)`` runs that
    cover ``text``'s words in order (surface variation changes case and end punctuation, never
    the words, so the record's segments are cut from the varied text by these counts).
    """

    text: str
    label: str
    tags: tuple[str, ...] = ()
    style: str = "cmd"
    kinds: dict[str, float] | None = field(default=None, hash=False, compare=False)
    ctx: str | None = None
    windows: tuple[tuple[str, str, str], ...] | None = field(default=None, hash=False, compare=False)
    segments: tuple[tuple[int, str], ...] | None = field(default=None, hash=False, compare=False)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def surface(rng: random.Random, text: str, style: str) -> str:
    if style == "keep":
        return text
    if style == "cmd":
        r = rng.random()
        if r < 0.45:
            return cap(text) + "."
        if r < 0.80:
            return text.lower() if text.islower() else text
        if r < 0.95:
            return cap(text)
        return text + "."
    if style == "shell":
        r = rng.random()
        if r < 0.6:
            return text
        if r < 0.9:
            return cap(text) + "."
        return cap(text)
    # prose: written the way it reads; the recogniser sometimes drops case or the period
    r = rng.random()
    if r < 0.76:
        return text
    if r < 0.88 and text[-1:] == ".":
        return text[:-1]
    if r < 0.97:
        return text.lower().rstrip(".!?")
    return text


def items(
    phrases: list[str],
    tags: tuple[str, ...] = (),
    style: str = "cmd",
    kinds: dict[str, float] | None = None,
    *,
    label: str,
) -> list[Item]:
    """One Item per phrase, all with the same label, tags, style and context kinds."""
    return [Item(p, label, tags, style, kinds) for p in phrases]


def cut_segments(text: str, runs: tuple[tuple[int, str], ...]) -> list[dict[str, str]]:
    """``text``'s words cut into labelled segments by ``(words, label)`` runs."""
    words = text.split()
    if sum(n for n, _ in runs) != len(words):
        raise ValueError(f"segment runs {runs} do not cover the {len(words)} words of {text!r}")
    out, at = [], 0
    for n, label in runs:
        out.append({"text": " ".join(words[at : at + n]), "label": label})
        at += n
    return out
