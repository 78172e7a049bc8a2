"""Generate data/labeled_intents.jsonl: seeded, deterministic, hand-written phrase lists.

Usage (from the repository root)::

    python data/gen/generate.py [--out PATH] [--seed N]

Every phrase and template in this directory was written for this project; nothing is
taken from the evaluation or holdout sets. The same seed always writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import app_commands  # noqa: E402
import code_and_ui_grammar  # noqa: E402
import command_words_inside_prose  # noqa: E402
import commandlike_text  # noqa: E402
import commands  # noqa: E402
import contexts  # noqa: E402
import developer_windows  # noqa: E402
import dictation  # noqa: E402
import flips  # noqa: E402
import imperative_prose  # noqa: E402
import mixed_utterances  # noqa: E402
import payload_commands  # noqa: E402
import prose  # noqa: E402
import terse_commands  # noqa: E402
import titled_windows  # noqa: E402
from common import Item, cut_segments, surface  # noqa: E402

log = logging.getLogger("generate")

SEED = 20240514
UNKNOWN_SHARE = 0.11
DEFAULT_OUT = ROOT / "data" / "labeled_intents.jsonl"

COMMAND_DEFAULT = {
    "editor": 5,
    "terminal": 2.5,
    "browser": 1,
    "finder": 0.4,
    "document": 0.6,
    "chat": 0.4,
    "mail": 0.2,
    "other": 0.4,
}
DICTATION_DEFAULT = contexts.PROSE

DICTATION_FAMILIES = [
    ("short-reply", 165, dictation.short_reply, None),
    ("chat-message", 95, dictation.chat_message, None),
    ("email", 100, dictation.email, None),
    ("document", 65, dictation.documents, None),
    ("notes", 50, dictation.notes, None),
    ("commit-message", 90, dictation.commit_msg, None),
    ("code-comment", 45, dictation.code_comment, None),
    ("issue-title", 70, dictation.issue_title, None),
    ("search-query", 55, dictation.search_query, None),
    ("terminal-text", 95, dictation.terminal_text, None),
    ("command-words-in-prose", 120, dictation.command_words_prose, None),
    ("formatter-prefix-prose", 60, dictation.formatter_prose, None),
]

# Families whose base list is small: repeat bases in new contexts and surfaces up to quota.
REPEATING = {
    "voz-exact",
    "voz-misheard",
    "modes-mic",
    "punctuation",
    "media",
    "repeat",
    "menu-help",
    "snippets",
    "find-replace",
    "short-reply",
    "terminal-text",
    "app-chat",
    "app-docs",
    "app-finder",
    "app-media",
    "app-mail",
    "app-system",
    "app-meeting",
    "command-word-prose",
    "number-first-prose",
    "verb-first-prose",
}


def all_families() -> list[tuple[str, int, object, dict | None]]:
    """Every family, in the order the data was built up (each family's records, and the
    final shuffle, depend on it)."""
    return [
        *commands.FAMILIES,
        *DICTATION_FAMILIES,
        *prose.FAMILIES,
        *flips.FAMILIES,
        *terse_commands.FAMILIES,
        *commandlike_text.FAMILIES,
        *imperative_prose.FAMILIES,
        *app_commands.FAMILIES,
        *code_and_ui_grammar.FAMILIES,
        *payload_commands.FAMILIES,
        *command_words_inside_prose.FAMILIES,
        *developer_windows.FAMILIES,
        *titled_windows.FAMILIES,
        *mixed_utterances.FAMILIES,
    ]


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("'", "").strip(" .!?,").split())


# Utterances a person might type as a reply: the social flip words, the short replies,
# and any one-word command ("Save.", "Find.") — in a chat box those read as text.
REPLY_LIKE = (
    {_fold(s[0]) for s in flips.SOCIAL}
    | {_fold(t) for t in dictation.SHORT_REPLIES}
    | {_fold(t) for t in commandlike_text.REPLIES_MORE}
    | {_fold(t) for t in app_commands.APP_TALK}
    | {_fold(t) for t, _label, _kind in flips.AMBIGUOUS}
)


# Typing commands with a payload ("type hello world", "insert my email", "Type int."): vozctl
# types whatever follows "type" or "insert" at the start of an utterance (its fast path,
# ``^(type|insert) (.+)$``), so by LABELING.md the verb is a command and the payload the text
# to type: such a command record of any family gets two segments. The exceptions are vozctl's:
# "insert space|tab|enter|newline" presses the key (one command), and "insert mode" is the
# editor's mode, a command of its own.
TYPING_VERBS = {"type", "insert"}
KEY_PAYLOADS = {"space", "tab", "enter", "newline"}  # vozctl's _INSERT_AS_KEY
NOT_PAYLOADS = {"mode"}


def _typing_runs(item: Item, text: str) -> tuple[tuple[int, str], ...] | None:
    """``(1, command), (rest, dictation)`` for a typing command with a payload, else None."""
    words = text.split()
    if item.label != "command" or len(words) < 2:
        return None
    verb = re.sub(r"[^\w]", "", words[0].lower())
    payload = " ".join(re.sub(r"[^\w\s]", "", " ".join(words[1:]).lower()).split())
    if verb not in TYPING_VERBS or payload in KEY_PAYLOADS or payload in NOT_PAYLOADS:
        return None
    return ((1, "command"), (len(words) - 1, "dictation"))


def _reply_like(text: str) -> bool:
    folded = _fold(text)
    return len(folded.split()) <= 1 or folded in REPLY_LIKE


def _choose_context(rng: random.Random, item: Item, weights: dict[str, float]) -> tuple:
    if item.windows is not None:
        return rng.choice(item.windows)
    if item.ctx is not None:
        return contexts.pick(rng, item.ctx)
    if rng.random() < UNKNOWN_SHARE:
        return contexts.pick(rng, "unknown")
    w = dict(item.kinds or weights)
    if item.label == "command" and _reply_like(item.text):
        # A command word that is also a common reply ("Copy that.") flips with the window;
        # keep those out of chat and mail here: the context-flip families place them.
        w.pop("chat", None)
        w.pop("mail", None)
    return contexts.pick(rng, contexts.pick_pool(rng, w))


def build(seed: int = SEED) -> list[dict]:
    records: list[dict] = []
    seen: dict[tuple, str] = {}
    for name, quota, fn, weights in all_families():
        rng = random.Random(f"{seed}:{name}")
        bases: list[Item] = list(fn(rng))  # type: ignore[operator]
        if not bases:
            raise RuntimeError(f"family {name} produced nothing")
        rng.shuffle(bases)
        label_default = COMMAND_DEFAULT if bases[0].label == "command" else DICTATION_DEFAULT
        w = weights or label_default
        n = (
            quota
            if name in REPEATING or bases[0].ctx is not None or bases[0].windows is not None
            else min(quota, len(bases))
        )
        made = 0
        for i in range(n * 3):
            if made >= n or (i >= len(bases) and name not in REPEATING):
                break
            item = bases[i % len(bases)]
            for _attempt in range(8):
                text = surface(rng, item.text, item.style)
                ctx = _choose_context(rng, item, w)
                key = (text.strip(), *ctx)
                if key not in seen:
                    break
            else:
                continue
            seen[key] = item.label
            made += 1
            record = {
                "transcript": text,
                "context": {"app_name": ctx[0], "bundle_id": ctx[1], "window_title": ctx[2]},
                "label": item.label,
                "source": f"generator:{name}",
                "tags": sorted(set(item.tags)),
            }
            runs = item.segments if item.segments is not None else _typing_runs(item, text)
            if runs is not None:
                record["segments"] = cut_segments(text, runs)
                record["tags"] = sorted({*record["tags"], "mixed"})
            records.append(record)
        if made < n:
            log.debug("family %s: %d of %d records (ran out of bases or pairs)", name, made, n)
    random.Random(f"{seed}:shuffle").shuffle(records)
    out = []
    for i, r in enumerate(records, start=1):
        out.append({"id": f"gen-{i:05d}", **r})
    return out


def validate(records: list[dict]) -> None:
    """Check every record against the project's schema when it is importable."""
    sys.path.insert(0, str(ROOT / "src"))
    try:
        from trm_intent.schema import LabeledRecord
    except ImportError:  # pragma: no cover - schema needs pydantic
        log.warning("trm_intent.schema not importable; skipping validation")
        return
    for r in records:
        LabeledRecord.model_validate(r)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    records = build(args.seed)
    validate(records)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    labels = {lab: sum(r["label"] == lab for r in records) for lab in ("command", "dictation")}
    log.info("wrote %d records to %s (%s)", len(records), args.out, labels)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
