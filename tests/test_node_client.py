"""The Node.js client (clients/node) against the Python runtime: the model-directory contract, proved twice.

Every record of the committed data, a set of odd inputs, a set of odd windows, a set of odd
segment inputs, transcripts with tokens of whitespace only (the next word's), transcripts cut
by max_chars with words after the cut (they join the last segment), and transcripts with odd
first words or whitespace around them (the whole span's ends) go through one
``node classify.mjs`` process; its answers must equal
``IntentClassifier.classify()``'s exactly (intent, steps, probabilities, confidence, halting
confidence and segments bit for bit), and with ``--batch`` those of
``IntentClassifier.classify_batch()``; with ``--command-threshold`` those of
``IntentClassifier(command_threshold=...)`` (0.5 gives real multi-segment answers). The client's
encoding (ids, window ids, the word of each token) is compared with ``IntentClassifier.encode()``
too, and its segments() with contract.segments() on made-up token probabilities (first words
without tokens among them). Skipped only where node cannot be had: no ``node`` binary, or no
``node_modules`` and ``npm ci`` impossible. ``TRM_NODE_MODEL_DIR`` names one more model
directory to compare on.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest
from tokenizers import Tokenizer

from trm_intent import IntentClassifier, WindowContext
from trm_intent.artifacts import FORMAT_VERSION, sha256_file
from trm_intent.contract import APP_FIELD_CHARS, TITLE_CHARS, segments, word_spans
from trm_intent.runtime import default_model_dir

from .conftest import DATA, ROOT

NODE_DIR = ROOT / "clients" / "node"
CLIENT = NODE_DIR / "classify.mjs"

MODEL_DIRS = [default_model_dir()]
if os.environ.get("TRM_NODE_MODEL_DIR"):
    MODEL_DIRS.append(Path(os.environ["TRM_NODE_MODEL_DIR"]))

# Characters around window fields: Python strips some that JS trim() keeps, and the reverse.
SPACES = [" ", "\t", "\n", "\x85", "\xa0", "\u2028", "\ufeff", "\x1f", "\x1c", "\u3000", "\u200b"]


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, with the client's packages installed (``npm ci`` if they are not)."""
    binary = shutil.which("node")
    if binary is None:
        pytest.skip("no `node` binary on PATH: the Node.js client cannot run here")
    major = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    if not major.startswith("v") or int(major[1:].split(".")[0]) < 18:
        pytest.skip(f"node {major} is too old for clients/node (needs 18 or later)")
    if not (NODE_DIR / "node_modules").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("clients/node/node_modules is missing and there is no `npm` to run `npm ci`")
        env = {**os.environ, "ONNXRUNTIME_NODE_INSTALL": "skip"}
        try:
            done = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"],
                cwd=NODE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
        except subprocess.TimeoutExpired:
            pytest.skip("`npm ci` in clients/node did not finish in 10 minutes (no registry?)")
        if done.returncode != 0:
            pytest.skip(f"`npm ci` in clients/node failed (no registry?): {done.stderr.strip()[-600:]}")
    return binary


def run_client(node: str, model_dir: Path, records: list[dict], *args: str) -> tuple[int, list[dict], str]:
    """All records through one client process (``args``: its options): exit status, one answer
    per record, stderr."""
    lines = "".join(_line(r) for r in records)
    done = subprocess.run(
        [node, str(CLIENT), str(model_dir), *args],
        input=lines.encode("utf-8"),
        capture_output=True,
        timeout=300,
    )
    # Lines end at "\n" only: a segment's text holds U+0085 or U+2028 raw (str.splitlines() splits there).
    out = [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line.strip()]
    return done.returncode, out, done.stderr.decode("utf-8", "replace")


def _line(record: dict) -> str:
    """One JSONL line, raw UTF-8 where it can be (lone surrogates need escapes)."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def odd_records() -> list[dict]:
    """Inputs where a second client is most likely to part from the Python one."""
    chrome = {"app_name": "Google Chrome", "bundle_id": "com.google.Chrome"}
    recs: list[dict] = []
    for ch in SPACES:
        for pad in (ch, ch * 3 + " ", " " + ch):
            recs += [
                {
                    "transcript": "git status",
                    "context": {"app_name": pad + "Terminal" + pad, "bundle_id": pad, "window_title": pad},
                },
                {
                    "transcript": "new paragraph",
                    "context": {"app_name": "x", "bundle_id": pad + "com.apple.Terminal" + pad},
                },
                {"transcript": "reply thanks", "context": {**chrome, "window_title": pad + "Gmail" + pad}},
                {"transcript": "scroll down", "context": {**chrome, "window_title": pad}},
                {"transcript": "close tab", "context": {"app_name": pad, "bundle_id": pad}},
                {"transcript": pad + "undo that" + pad, "context": {"app_name": pad + "Slack"}},
                {"transcript": pad},  # empty for Python only where str.strip() removes it all
                {"transcript": "\t" + pad + "\n"},
            ]
    # Fields cut at 256 (app, bundle) or 512 (title) code points, before or after stripping.
    for lead in (" " * 300, "\x1f" * 300, "\x1f" * 10, "🎉" * 300, "\ufeff"):
        recs += [
            {"transcript": "go to line ten", "context": {"bundle_id": lead + "com.apple.Terminal"}},
            {"transcript": "go to line ten", "context": {"app_name": lead + "Visual Studio Code"}},
            {"transcript": "go to line ten", "context": {"app_name": "Terminal" + lead}},
            {"transcript": "archive this", "context": {**chrome, "window_title": lead + "Gmail"}},
            {"transcript": "archive this", "context": {**chrome, "window_title": lead + "x" * 500 + "gmail"}},
        ]
    for context in (
        None,
        {},
        {"app_name": None, "bundle_id": None, "window_title": None},
        {"app_name": "Terminal"},
        {"bundle_id": "com.apple.Terminal"},
        {"window_title": "Gmail"},
        {"app_name": "unknown", "bundle_id": "UNKNOWN"},
        {"app_name": "", "bundle_id": ""},
        {"app_name": "Some New App"},
        {"app_name": "constructor"},
        {"bundle_id": "__proto__"},
        {"app_name": "toString"},
        {"app_name": "hasOwnProperty", "bundle_id": "valueOf"},
        {"app_name": "\u212aitty"},
        {"app_name": "TERMINAL", "bundle_id": "COM.APPLE.TERMINAL"},
        {"app_name": "İTerm2"},
        {"app_name": "Safari", "window_title": "İnbox – Gmail"},
    ):
        for transcript in ("delete the last word", "I think we should meet on Friday"):
            recs.append({"transcript": transcript, "context": context})
    recs.append({"transcript": "open settings"})  # no context key at all
    recs.append({"transcript": "open settings", "context": {"app_name": "Terminal", "pid": 42}, "label": "x"})
    recs.append({"transcript": "a" * 400 + "\ud800", "context": None})  # the lone surrogate is cut off
    for title in (
        "Gmail - Inbox (3)",
        "#general | Slack",
        "YouTube",
        "github.dev/foo",
        "Google Docs",
        "Notion – Roadmap",
        "Codespaces",
        "WhatsApp",
        "Confluence",
        "Messenger",
        "Outlook",
        "Hacker News",
        "",
        "GMAIL",
        "my inbox zero tips",
        "Slack and Gmail",
    ):
        for app in (chrome, {"app_name": "Safari"}, {"app_name": "Arc"}, {"app_name": "Terminal"}):
            recs.append({"transcript": "mark as read", "context": {**app, "window_title": title}})
    texts = [
        "",
        " ",
        "\t\n",
        "\x85",
        "\u2028\u2029",
        "\x1c\x1d\x1e\x1f",
        "\ufeff",
        "\u200b",
        "\xa0\u3000",
        "[ctx_terminal] git status",
        "[ctx_editor]",
        "[pad]",
        "[pad] [pad] [pad]",
        "[ctx_unknown] hello",
        "Öffne die Datei bitte",
        "打开终端",
        "новая строка",
        "café ﬁle ① Ⅻ",
        "send 👍 to bob 🎉🎉",
        "😀" * 50,
        "e\u0301 ñ",
        "tab\there",
        "line\r\nbreak",
        "in\u2028side",
        "İSTANBUL ΑΣ",
        "word " * 120,
        "a" * 399 + "🎉🎉 delete",
        "🎉" * 450 + " delete line",
        "select all and delete it then save the file and close the window please " * 8,
        "x" * 5000,
        "Delete.",
        "SCROLL UP",
        "  move the cursor to the end of the line  ",
    ]
    for text in texts:
        for context in (
            None,
            {"app_name": "Code", "bundle_id": "com.microsoft.VSCode"},
            {**chrome, "window_title": "Slack"},
        ):
            recs.append({"transcript": text, "context": context})
    return recs


def window_records() -> list[dict]:
    """Windows where the window ids (InputEncoder.window_ids) are most likely to part: titles
    around and over ``title_head + title_tail`` tokens, astral characters at the code-point cuts,
    "unknown" in any case, empty and whitespace-only fields, bundle ids of 0 to 8 tokens."""
    words = ["fix", "the", "flaky", "login", "test", "before", "the", "release", "branch", "is"]
    words += ["cut", "tomorrow", "morning", "please"]
    titles = [" ".join(words[i % len(words)] for i in range(n)) for n in range(1, 41)]
    titles += ["a" * n for n in (1, 15, 16, 17, 40, 600)]
    titles += ["🎉" * n + " title" for n in (1, 7, 8, 9, 16, 17, 30)]  # several byte-level tokens per emoji
    titles += [
        "x" * (TITLE_CHARS - 1) + "🎉 after the cut",  # the astral character is the last one read
        "x" * (TITLE_CHARS - 2) + "🎉🎉 after",
        "🎉" * TITLE_CHARS + "🎉 gone",  # 512 astral characters: 1024 UTF-16 units
        "🎉" * (TITLE_CHARS - 1) + "ab",
        "a" * (TITLE_CHARS - 1) + "👍🏽",  # the cut splits the emoji from its skin tone
        "👩‍💻" * 200 + " commit message",  # ZWJ sequences: three code points each
        "x" * TITLE_CHARS + "\ud800",  # a lone surrogate just past the cut: never read
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕥𝕚𝕥𝕝𝕖 𝒘𝒊𝒕𝒉 𝓂𝒶𝓉𝒽 𝗹𝗲𝘁𝘁𝗲𝗿𝘀 " * 4,  # astral, NFKC-normalized to ASCII
        "Re: 会议纪要 — 下周一 📅 " * 5,
        "[ctx_terminal] [pad] [ctx_editor] " * 3,  # plain text, never control tokens
        "COMMIT_EDITMSG — my-repo",
        "Pull Request #42: Fix the login test · org/repo",
        " " * 600 + "title after 600 spaces",  # the cut leaves only spaces: no ids
        "\x1f" * 5 + "between unit separators" + "\x1f" * 5,
        "\ufeffbom title\ufeff",
    ]
    vague = ["unknown", "UNKNOWN", "Unknown", " unknown ", "\tUNKNOWN\n", "UN\u212aNOWN", "unknown.", ""]
    vague += ["   ", "\x85", "\u3000\t", "\u2028", "\ufeff", "\u200b", "\x1c\x1d\x1e\x1f"]
    bundles = ["x", "a.b", "com.x", "com.apple", "io.kitty", "com.apple.Terminal", "com.microsoft.VSCode"]
    bundles += ["org.mozilla.firefox.nightly.beta", "com.googlecode.iterm2", "a" * 300 + ".tail"]
    bundles += ["🎉" * (APP_FIELD_CHARS - 1) + "é.app", "x" * (APP_FIELD_CHARS - 1) + "🎉.app"]
    apps = ["Terminal", "Visual Studio Code", "Google Chrome", "Microsoft Outlook for Mac (Beta)"]
    apps += ["a" * 300, "🎉" * 300, "x" * (APP_FIELD_CHARS - 1) + "🎉", "Zed 📝 Preview Edition Nightly"]
    transcripts = ["commit and push", "I think the fix is ready for review"]
    contexts: list[dict | None] = []
    chrome = {"app_name": "Google Chrome", "bundle_id": "com.google.Chrome"}
    for title in titles:
        contexts += [{"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": title}]
        contexts += [{**chrome, "window_title": title}, {"window_title": title}]
    for field in vague:
        contexts += [
            {"app_name": field, "bundle_id": field, "window_title": field},
            {"app_name": field, "bundle_id": "com.apple.Terminal", "window_title": "zsh"},
            {"app_name": "Terminal", "bundle_id": field, "window_title": field},
            {"app_name": field, "bundle_id": field, "window_title": "Inbox – Gmail"},
        ]
    contexts += [{"app_name": "Some App", "bundle_id": b, "window_title": "main.py"} for b in bundles]
    contexts += [{"app_name": a, "bundle_id": "com.example.app", "window_title": "x"} for a in apps]
    contexts += [None, {}, {"app_name": None, "bundle_id": None, "window_title": None}]
    return [{"transcript": t, "context": c} for c in contexts for t in transcripts] + [
        {"transcript": "  ", "context": {"app_name": "Terminal", "window_title": "🎉" * 600}}
    ]


def data_records() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


# Gaps between words: str.split() splits on all of them (U+001C..U+001F and U+0085 are Python's
# whitespace only: the tokenizer's regex and Rust's strip do not count them as spaces).
GAPS = ["  ", "\t", " \t ", "\n", "\u3000", "\xa0", "\x85", "\u2028", "\x1f", "\u2003\u2009", "\r\n", "\x1c "]


def fullwidth(word: str) -> str:
    """ASCII letters as full-width forms (NFKC folds them back: offsets map several to one)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def math_bold(word: str) -> str:
    """Lower-case ASCII letters as MATHEMATICAL BOLD ones: astral, NFKC-folded to ASCII."""
    return "".join(chr(0x1D41A + ord(c) - ord("a")) if "a" <= c <= "z" else c for c in word)


# Word changes that move the tokenizer's offsets: astral characters (two UTF-16 units),
# NFKC-changed ones (ligatures, full-width and math letters, "㍱" -> "hpa"), combining marks,
# zero-width characters that are not whitespace.
ODD_WORDS = [
    lambda w: w,
    lambda w: w + "🎉",
    lambda w: w.replace("fi", "ﬁ") if "fi" in w else "ﬁ" + w,
    fullwidth,
    lambda w: "e\u0301" + w,
    math_bold,
    lambda w: w[:1] + "👩‍💻" + w[1:],
    lambda w: w + "\u200b",
    lambda w: "ﬃ" + w + "㍱",
    lambda w: "\ufeff" + w,
]


def segment_records() -> list[dict]:
    """Transcripts where the segments (contract.segments) are most likely to part: every mixed
    record of the data with odd gaps between its words, with odd characters inside its words, and
    cut by max_tokens (its words lose their tokens and take the previous word's P) or max_chars
    (its words join the last span, see also cut_records);
    words with no token of their own, or that share a token's bytes."""
    mixed = [r for r in data_records() if r.get("segments")]
    recs: list[dict] = []
    for i, record in enumerate(mixed):
        words, context = record["transcript"].split(), record.get("context")
        gaps = [GAPS[(i + j) % len(GAPS)] for j in range(len(words))]
        spaced = GAPS[i % len(GAPS)] + "".join(w + g for w, g in zip(words, gaps))
        odd = " ".join(ODD_WORDS[(i + j) % len(ODD_WORDS)](w) for j, w in enumerate(words))
        recs += [{"transcript": spaced, "context": context}, {"transcript": odd, "context": context}]
        if i % 2 == 0:  # over max_tokens: the words at the end lose their tokens
            more = " and then I said that we would all meet again next week" * (1 + i % 3)
            recs.append({"transcript": record["transcript"] + more, "context": context})
        else:  # the command after a long prose start: the cut falls inside or before it
            lead = "so as I was saying the other day " * (2 + i % 4)
            recs.append({"transcript": lead + record["transcript"], "context": context})
        if i % 8 == 0:  # over max_chars: the words past it were never tokenized
            recs.append({"transcript": "a" * (390 + i % 20) + " " + record["transcript"], "context": context})
    terminal = {"app_name": "Terminal", "bundle_id": "com.apple.Terminal", "window_title": "zsh"}
    texts = [
        "open\x1fterminal and type hello",  # one word for the tokenizer, two for str.split()
        "hello \x1f world type it",  # a word of one Python-only space character
        "hit ¨ enter then type done",  # NFKC: " ̈" (its own space)
        "type a¨b c now",
        "go\u200bto line ten and write hi",
        "x \u0301 y delete that",  # a word that is one combining mark
        "press ㍱ now and say hello there",
        "word \ufeff next type this",
        "type ① ② ③ then press enter",
        "🎉 🎉🎉 👍🏽 type 👩‍💻 done",
        "select all\u3000\u3000and\t\tdelete it\xa0then type\x85hello\u2028world",
        "\x85\u2028 press enter \x1f\x1c",
        "ｏｐｅｎ ｔｅｒｍｉｎａｌ and type ｈｅｌｌｏ ｗｏｒｌｄ",
        "𝐨𝐩𝐞𝐧 𝐭𝐞𝐫𝐦𝐢𝐧𝐚𝐥 and type 𝐡𝐞𝐥𝐥𝐨",
        "new line " * 20 + "type the end",
        "type " + "word " * 60,
        "scroll down " + "🎉" * 200 + " type this",
        "a" * 399 + "🎉 type hello",  # the astral character straddles max_chars
        "a" * 400 + "\ud800 type",  # the lone surrogate is past max_chars: read only by the segments
        "delete the last word and type" + " x" * 200,
    ]
    for text in texts:
        recs += [{"transcript": text, "context": None}, {"transcript": text, "context": terminal}]
    return recs


def model_max_chars() -> int:
    """The default model's max_chars (the cut the records below are built around)."""
    meta = json.loads((default_model_dir() / "trm_intent.json").read_text(encoding="utf-8"))
    return int(meta["max_chars"])


# Tokens of whitespace only: the byte-level pre-tokenizer leaves a lone space before a second
# space, a digit, a symbol or punctuation (" ", then " 5"); the token is the next word's.
LONE_SPACES = [
    "Volume down 8",
    "go to line  5",
    "go to line\t\t12 and select it",
    "set volume to  80 percent",
    "press  ! now",
    "type  , then  . done",
    "a  #b  $c",
    "x \t 7",
    "1 2  3   4",
    "hello  world",
    "delete  (that)  please",
    "price  $5  and  €10",
    "line  5  col  3 then type hi",
    "move down  3 lines",
    "indent  2 spaces and  save",
    "scroll up 10",
    "open tab 2",
    "say   👍 to bob",
    "go to  @mention",
    "  5 more",
    "type 3  \u3000 4",
    "zoom in 150 %",
]


def lone_space_records() -> list[dict]:
    """Transcripts with tokens of whitespace only (contract.token_words: the next word's), as
    commands and as prose, and every mixed record of the data with double spaces and digits."""
    terminal = {"app_name": "Terminal", "bundle_id": "com.apple.Terminal", "window_title": "zsh"}
    editor = {"app_name": "Code", "bundle_id": "com.microsoft.VSCode", "window_title": "main.py"}
    recs = [{"transcript": t, "context": c} for t in LONE_SPACES for c in (None, terminal, editor)]
    for i, record in enumerate(r for r in data_records() if r.get("segments")):
        words, context = record["transcript"].split(), record.get("context")
        recs.append({"transcript": "  ".join(words), "context": context})
        recs.append({"transcript": " ".join(words) + f" {i % 97}  !", "context": context})
    return recs


def cut_records(max_chars: int) -> list[dict]:
    """Transcripts longer than ``max_chars`` (contract.segments: the words after the cut join the
    last span, which runs to the transcript's last word): the cut inside a word, inside
    whitespace, at a word's start or end, after max_chars spaces; astral characters and trailing
    whitespace after it; mixed records of the data before a long tail and after a long lead."""
    mc = max_chars
    tail = " and then I said that we would all meet again next week"
    texts = [
        "x" * (mc - 3) + " hello world type this",  # the cut inside "hello"
        "x" * (mc - 1) + "yz delete that",  # the cut inside the first word
        "x" * (mc - 2) + "    delete the last word",  # the cut inside whitespace
        "x" * (mc - 2) + "  \n\t  " + "new line " * 5,
        "x" * mc + " delete that",  # the cut at a word's end
        "x" * (mc - 1) + " delete that",  # the cut at a word's start
        "x" * (mc - 5) + " ab 🎉 🎉 type this 🎉",  # astral after the cut: code points, not units
        "x" * (mc - 5) + " ab" + " " * 50,  # only whitespace after the cut
        "x" * (mc - 5) + " ab cd  \u3000\x85 \u2028",
        "x" * (mc - 5) + " ab cd ef\x1f\x1c",
        "select all and delete it " + "x" * mc + " then save",
        " " * mc + "open the terminal",  # max_chars spaces, then words: no word was read
        " " * mc + "  open the terminal  ",
        " " * (mc - 1) + "open the terminal",
        " " * (mc + 7) + "delete that",
        "\u3000" * mc + "type hello",
        "\t" * mc + "\n" + "scroll down",
        "\x85" * mc + "go back",
        "delete the last word" + " " * mc + "and type hello",
        "delete the last word " * (1 + mc // 10),
        "new paragraph " + "and so on " * (mc // 5),
        "go to line 5 " * (mc // 4),
        "delete the last word " * 50_000,  # a megabyte: read as fast as a short one
        "so as I was saying " * 50_000 + "delete that",
    ]
    terminal = {"app_name": "Terminal", "bundle_id": "com.apple.Terminal", "window_title": "zsh"}
    recs = [{"transcript": t, "context": c} for t in texts for c in (None, terminal)]
    for i, record in enumerate(r for r in data_records() if r.get("segments")):
        text, context = record["transcript"], record.get("context")
        if i % 2 == 0:  # the command, then prose past the cut: the cut falls in the prose
            more = tail * (1 + mc // len(tail))
            recs.append({"transcript": text + more[: mc - len(text) + 3 + i % 40], "context": context})
        else:  # prose to the cut, then the record: after the cut, it joins the last span
            lead = (tail * (1 + mc // len(tail)))[: mc - 6 + i % 12]
            recs.append({"transcript": lead + " " + text, "context": context})
        if i % 5 == 0:  # the record, then max_chars spaces, then more of it
            recs.append({"transcript": text + " " * mc + text, "context": context})
    return recs


# Whitespace around a transcript (contract.segments' whole span: from the first non-whitespace
# character to len(transcript.rstrip())): Python-only spaces (U+001C..U+001F, U+0085; the
# tokenizer's Strip keeps U+001C..U+001F), Unicode spaces, and U+FEFF, U+200B, which are no
# spaces for Python (JS trim() strips U+FEFF): they are words, or part of the first/last word.
EDGES = ["\u3000", "\x85", "\u2028\u2029", "\x1c\x1d\x1e\x1f", "\xa0 ", "\u2003\u2009", "\t\n\r\n", "\u1680"]
EDGES += ["\u202f\u205f", " \x1f", "\x1e\u3000 ", "\ufeff", " \ufeff ", "\u200b", "\x0b\x0c"]

# First words that might get no token of their own (contract.segments: the words before the first
# word with tokens take its P): zero-width and control characters, format characters, a lone
# combining mark, characters NFKC turns into a space and a mark, a tag character; and leading
# tokens of whitespace only (U+001C..U+001F: Python's spaces, the tokenizer's text), the first
# word's. The bundled tokenizer gives each of these first words a token (it drops no character
# and merges none across a gap: test_first_word_records_cover_their_cases counts them).
LEADS = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u180e", "\x00", "\x01", "\x7f", "\u0301", "\xa8"]
LEADS += ["\U000e0001", "\xad", "\u200e", "\ufe0f", "\u034f", "\u2061", "\U0001d173", "\u0600", "\u061c"]
LEADS += ["\x1c", "\x1f\x1e", " \x1f", "\x1c\u3000", "\x1d\x1d\x1d"]


def first_word_records(max_chars: int) -> list[dict]:
    """Transcripts whose first word may have no token (LEADS) and transcripts with whitespace
    around them (EDGES), as commands and as mixed records of the data (cut into several segments
    at threshold 0.5), and leading whitespace that runs up to the max_chars cut."""
    terminal = {"app_name": "Terminal", "bundle_id": "com.apple.Terminal", "window_title": "zsh"}
    recs: list[dict] = []
    for i, record in enumerate(r for r in data_records() if r.get("segments")):
        text, context = record["transcript"], record.get("context")
        if i % 2 == 0:
            gap = GAPS[i % len(GAPS)] if i % 4 else ""  # the lead its own word, or the word's start
            recs.append({"transcript": LEADS[(i // 2) % len(LEADS)] + gap + text, "context": context})
        else:
            lead, trail = EDGES[(i // 2) % len(EDGES)], EDGES[(i // 2 + 5) % len(EDGES)]
            recs.append({"transcript": lead + text + trail, "context": context})
    texts = ["delete that", "so I was saying open the terminal", "type hello world then press enter"]
    for lead in LEADS:
        for text in texts:
            recs += [{"transcript": lead + " " + text, "context": c} for c in (None, terminal)]
            recs.append({"transcript": lead + lead + text, "context": terminal})
    for edge in EDGES:
        for text in texts:
            recs += [{"transcript": edge + text + edge, "context": c} for c in (None, terminal)]
            recs.append({"transcript": edge * 3 + "🎉 " + text + " 🎉" + edge * 3, "context": terminal})
    mc = max_chars
    for edge in ("\u3000", "\x1e", "\x1c ", "\x85", " "):
        lead = (edge * mc)[: mc - 3]  # the cut inside the first word, words after it
        for text in ("delete that word", "hello there open the terminal", "🎉🎉 type x"):
            recs += [{"transcript": lead + text + edge, "context": c} for c in (None, terminal)]
    return recs


def all_records() -> list[dict]:
    return (
        data_records()
        + odd_records()
        + window_records()
        + segment_records()
        + lone_space_records()
        + cut_records(model_max_chars())
        + first_word_records(model_max_chars())
    )


# What the client answers: IntentResult's fields (rules 1 to 6 of the step contract).
FIELDS = ("intent", "confidence", "halting_confidence", "probabilities", "steps", "segments")


def as_python(results: list) -> list[dict]:
    return [{key: r.model_dump()[key] for key in FIELDS} for r in results]


class Comparison(NamedTuple):
    problems: list[str]  # the disagreements, described
    by_field: dict[str, int]  # answers that disagree in each field
    worst: float  # the largest difference of any probability or confidence, segments' included


def compare(records: list[dict], wants: list[dict], answers: list[dict]) -> Comparison:
    """An answer agrees only when it equals Python's exactly (JSON numbers read back to the same
    doubles, segments' texts, offsets and confidences included)."""
    assert len(answers) == len(records), f"{len(records)} records but {len(answers)} answers"
    problems, by_field, worst = [], dict.fromkeys(FIELDS, 0), 0.0
    for record, want, got in zip(records, wants, answers):
        if "error" in got:
            problems.append(f"{record!r}: client error {got['error']}")
            for key in FIELDS:
                by_field[key] += 1
            continue
        for key in FIELDS:
            by_field[key] += got.get(key) != want[key]
        diffs = [abs(got[key] - want[key]) for key in ("confidence", "halting_confidence")]
        diffs += [abs(got["probabilities"][k] - p) for k, p in want["probabilities"].items()]
        if len(got["segments"]) == len(want["segments"]):
            diffs += [
                abs(g["confidence"] - w["confidence"]) for g, w in zip(got["segments"], want["segments"])
            ]
        else:
            diffs.append(1.0)
        worst = max(worst, *diffs)
        if set(got) != set(FIELDS) or got != want or got["confidence"] != got["probabilities"][got["intent"]]:
            problems.append(f"{record!r}: node {got} != python {want}")
    return Comparison(problems, by_field, worst)


def report(what: str, records: list[dict], result: Comparison, answers: list[dict]) -> None:
    steps = np.bincount([a.get("steps", 0) for a in answers]).tolist()
    commands = sum(a.get("intent") == "command" for a in answers)
    several = sum(len(a.get("segments", ())) > 1 for a in answers)
    fields = ", ".join(f"{key} {n}" for key, n in result.by_field.items())
    print(
        f"\n{what}: {len(records)} records compared, {len(result.problems)} disagreements ({fields}), "
        f"max difference {result.worst:.3g} ({commands} commands, {several} with several segments; "
        f"records by steps {steps})",
        file=sys.stderr,
    )
    assert not result.problems, f"{len(result.problems)} disagreements, e.g.\n" + "\n".join(
        result.problems[:10]
    )


def test_window_records_cover_the_cuts() -> None:
    """The odd windows reach what they are for: titles under, at and over head + tail tokens,
    bundle ids under and over the bundle cut, fields that give no ids."""
    clf = IntentClassifier()
    cut = clf.meta.window
    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    tok.no_truncation()

    def count(text: str, chars: int) -> int:
        text = text[:chars].strip()
        return 0 if text.lower() == "unknown" else len(tok.encode(text, add_special_tokens=False).ids)

    contexts = [WindowContext.coerce(r["context"]) for r in window_records()]
    titles = {count(c.window_title, TITLE_CHARS) for c in contexts}
    bundles = {count(c.bundle_id, APP_FIELD_CHARS) for c in contexts}
    edge = cut.title_head + cut.title_tail
    assert {0, edge - 1, edge, edge + 1} <= titles and max(titles) > 4 * edge, sorted(titles)
    assert set(range(cut.bundle + 2)) <= bundles, sorted(bundles)


@pytest.mark.parametrize("model_dir", MODEL_DIRS, ids=lambda p: p.name)
def test_node_client_answers_as_python_on_all_data_and_odd_inputs(node: str, model_dir: Path) -> None:
    clf = IntentClassifier(model_dir)
    records = all_records()
    rc, answers, stderr = run_client(node, model_dir, records)
    assert rc == 0, stderr
    wants = [as_python([clf.classify(r["transcript"], r.get("context"))])[0] for r in records]
    report(f"{model_dir} classify()", records, compare(records, wants, answers), answers)


@pytest.mark.parametrize("model_dir", MODEL_DIRS, ids=lambda p: p.name)
def test_node_client_batch_answers_as_classify_batch(node: str, model_dir: Path) -> None:
    """--batch: rows of similar length together, 64 at a time, halted rows dropped between steps."""
    clf = IntentClassifier(model_dir)
    records = all_records()
    rc, answers, stderr = run_client(node, model_dir, records, "--batch")
    assert rc == 0, stderr
    wants = as_python(
        clf.classify_batch([r["transcript"] for r in records], [r.get("context") for r in records])
    )
    report(f"{model_dir} classify_batch()", records, compare(records, wants, answers), answers)


def command_thresholds(clf: IntentClassifier, records: list[dict]) -> list[float]:
    """Thresholds that test the float32 comparison: a command probability itself, the double
    just above it (float32 rounds it back to the same), one float32 step above, and 0.5 (see
    also test_node_client_cuts_segments_as_python_at_threshold_half; 0.9 where 0.5 is the
    model's own). None is the model's threshold: each must override it."""
    p = max(
        r.probabilities["command"]
        for r in clf.classify_batch([r["transcript"] for r in records], [r.get("context") for r in records])
        if r.probabilities["command"] < 0.5
    )
    above = float(np.nextafter(np.float32(p), np.float32(1)))
    own = clf.meta.command_threshold
    thresholds = [p, float(np.nextafter(p, 1.0)), above, 0.5 if own != 0.5 else 0.9]
    return [t for t in thresholds if t != own]


def test_node_client_takes_a_command_threshold(node: str) -> None:
    """--command-threshold overrides the model's, as IntentClassifier(command_threshold=...) does."""
    model_dir = default_model_dir()
    records = odd_records() + window_records() + data_records()[::5]
    thresholds = command_thresholds(IntentClassifier(model_dir), records)
    for threshold in thresholds:
        clf = IntentClassifier(model_dir, command_threshold=threshold)
        assert clf.command_threshold != clf.meta.command_threshold
        for mode in ((), ("--batch",)):
            rc, answers, stderr = run_client(
                node, model_dir, records, "--command-threshold", repr(threshold), *mode
            )
            assert rc == 0, stderr
            if mode:
                wants = as_python(
                    clf.classify_batch(
                        [r["transcript"] for r in records], [r.get("context") for r in records]
                    )
                )
            else:
                wants = [as_python([clf.classify(r["transcript"], r.get("context"))])[0] for r in records]
            result = compare(records, wants, answers)
            report(f"command_threshold {threshold!r} {' '.join(mode)}", records, result, answers)


@pytest.mark.parametrize("model_dir", MODEL_DIRS, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", [(), ("--batch",)], ids=["stream", "batch"])
def test_node_client_cuts_segments_as_python_at_threshold_half(
    node: str, model_dir: Path, mode: tuple[str, ...]
) -> None:
    """Command threshold 0.5: more utterances are commands, so mixed ones are cut into several
    segments (at a model's own, higher threshold an unsure mixed utterance is one dictation span).
    All records, streaming and --batch."""
    clf = IntentClassifier(model_dir, command_threshold=0.5)
    records = all_records()
    rc, answers, stderr = run_client(node, model_dir, records, "--command-threshold", "0.5", *mode)
    assert rc == 0, stderr
    transcripts, contexts = [r["transcript"] for r in records], [r.get("context") for r in records]
    if mode:
        wants = as_python(clf.classify_batch(transcripts, contexts))
    else:
        wants = [as_python([clf.classify(t, c)])[0] for t, c in zip(transcripts, contexts)]
    several = sum(len(w["segments"]) > 1 for w in wants)
    assert several >= 20, f"only {several} answers with several segments: the segments' runs go untested"
    report(
        f"{model_dir} command_threshold 0.5 {' '.join(mode)}",
        records,
        compare(records, wants, answers),
        answers,
    )


def segment_spans(transcript: str, max_chars: int) -> list[tuple[int, int]]:
    """The word spans contract.segments cuts along: those of ``transcript[:max_chars]`` (or one
    from the first non-whitespace character), the last running to ``len(transcript.rstrip())``;
    checked against the one span of segments() for a dictation answer."""
    stripped = transcript.rstrip()
    whole = segments(transcript, [], np.zeros(0, np.float32), "dictation", 1.0, max_chars)
    if not stripped:
        assert whole == []
        return []
    spans = word_spans(transcript[:max_chars]) or [(len(transcript) - len(transcript.lstrip()), 0)]
    spans[-1] = (spans[-1][0], len(stripped))
    assert [(whole[0].start, whole[0].end)] == [(spans[0][0], spans[-1][1])]
    return spans


ENCODE_SCRIPT = """
import { createInterface } from 'node:readline';
import { loadModel } from './classify.mjs';
const model = await loadModel(process.env.TRM_MODEL_DIR);
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const { transcript, context } = JSON.parse(line);
  const row = await model.encode(transcript, context);
  const spans = row.spans.map(([start, end]) => [start, end]);
  const whole = row.whole === null ? null : row.whole.slice(0, 2);
  console.log(JSON.stringify([row.ids, row.windowIds, row.words, spans, whole]));
}
"""


@pytest.mark.parametrize("model_dir", MODEL_DIRS, ids=lambda p: p.name)
def test_node_client_encodes_as_python(node: str, model_dir: Path) -> None:
    """The client's ModelInput: ids, window ids and the word of each token (the tokenizer
    binding's offsets are code points of the transcript, as Python's, and a token of whitespace
    only is the next word's), the word spans the segments are cut along (segment_spans) and the
    whole span (Python's one span of a dictation answer: from the first non-whitespace character
    to len(transcript.rstrip()), the first word's start and the last span's end)."""
    clf = IntentClassifier(model_dir)
    records = all_records()
    done = subprocess.run(
        [node, "--input-type=module", "-e", ENCODE_SCRIPT],
        cwd=NODE_DIR,
        env={**os.environ, "TRM_MODEL_DIR": str(model_dir)},
        input="".join(_line(r) for r in records).encode("utf-8"),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line]
    assert len(answers) == len(records)
    problems = []
    for record, got in zip(records, answers):
        ids, window, words = clf.encode(record["transcript"], record.get("context"))
        spans = segment_spans(record["transcript"], clf.meta.max_chars)
        whole = [spans[0][0], spans[-1][1]] if spans else None
        want = [ids, window, words, [list(span) for span in spans], whole]
        if got != want:
            problems.append(f"{record!r}: node {got} != python {want}")
    print(f"\n{model_dir} encode(): {len(records)} records, {len(problems)} disagreements", file=sys.stderr)
    assert not problems, f"{len(problems)} disagreements, e.g.\n" + "\n".join(problems[:10])


def test_segment_records_cover_their_cases() -> None:
    """The odd segment inputs reach what they are for: words that lose their tokens to
    max_tokens (and to max_chars), gaps of Python-only whitespace, astral and NFKC-changed
    characters inside words, words of a mixed record among them."""
    clf = IntentClassifier()
    records = segment_records()
    tokenless = 0
    for r in records:
        _, _, words = clf.encode(r["transcript"], r.get("context"))
        tokenless += max(words) + 1 < len(r["transcript"].split())
    texts = [r["transcript"] for r in records]
    assert tokenless >= 500, tokenless
    assert sum(len(t) > clf.meta.max_chars for t in texts) >= 100
    for gap in GAPS:
        assert sum(gap in t for t in texts) >= 100, repr(gap)
    for odd in ("🎉", "ﬁ", "ｅ", "\u0301", "\U0001d41a", "👩‍💻", "㍱"):
        assert sum(odd in t for t in texts) >= 100, repr(odd)


def test_lone_space_and_cut_records_cover_their_cases() -> None:
    """The records for contract.token_words' whitespace tokens and contract.segments' cut reach
    what they are for: tokens of whitespace only whose word the old rule (the word of the last
    character) gets wrong; transcripts longer than max_chars with words after the cut, the cut
    inside a word, inside whitespace, and max_chars whitespace before the first word."""
    clf = IntentClassifier()
    mc = clf.meta.max_chars
    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=clf.meta.config.max_tokens - 1)
    lone = moved = 0
    for r in lone_space_records():
        text = r["transcript"][:mc]
        starts = [start for start, _ in word_spans(text)]
        offsets = tok.encode(text, add_special_tokens=False).offsets
        spaces = [(a, b) for a, b in offsets if text[a:b].isspace()]
        lone += bool(spaces)
        moved += any(
            bisect.bisect_left(starts, b) != max(0, bisect.bisect_right(starts, b - 1) - 1)
            and bisect.bisect_left(starts, b) < len(starts)
            for _, b in spaces
        )
    assert lone >= 300 and moved >= 300, (lone, moved)
    texts = [r["transcript"] for r in cut_records(mc)]
    after = [t for t in texts if t[mc:].split()]
    assert len(after) >= 300, len(after)
    assert sum(not t[mc - 1].isspace() and not t[mc].isspace() for t in after) >= 100
    assert sum(t[mc - 1].isspace() and t[mc].isspace() for t in after) >= 50
    assert sum(not t[:mc].split() for t in after) >= 10
    assert sum(len(t) > 1_000_000 for t in texts) >= 2
    assert mc == model_max_chars()


def test_first_word_records_cover_their_cases() -> None:
    """The first-word and whitespace records reach what they are for: leading tokens of
    whitespace only that are the first word's, every LEAD and EDGE at a transcript's start, every
    EDGE at its end, leading whitespace up to the max_chars cut. A first word without tokens of
    its own is counted, not required: the bundled tokenizer drops no character (NFKC, lower case,
    Strip, then byte-level BPE over every byte) and merges none across a gap, so the first word
    always has a token (test_node_client_segments_as_python covers the rule with made-up tokens)."""
    clf = IntentClassifier()
    mc = clf.meta.max_chars
    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=clf.meta.config.max_tokens - 1)
    records = first_word_records(mc)
    texts = [r["transcript"] for r in records]
    leading_space = tokenless = 0
    for text in texts:
        cut = text[:mc]
        start = len(cut) - len(cut.lstrip())
        offsets = tok.encode(cut, add_special_tokens=False).offsets
        leading_space += any(b <= start and cut[a:b].isspace() for a, b in offsets)
        _, _, words = clf.encode(text, None)
        tokenless += 0 not in words
    print(
        f"\nfirst-word records: {len(records)}, {leading_space} with leading tokens of whitespace "
        f"only, {tokenless} whose first word has no token",
        file=sys.stderr,
    )
    assert leading_space >= 200, leading_space
    for lead in LEADS:
        assert sum(t.startswith(lead) for t in texts) >= 10, repr(lead)
    for edge in EDGES:
        assert sum(t.startswith(edge) for t in texts) >= 10, repr(edge)
        assert sum(t.endswith(edge) for t in texts) >= 10, repr(edge)
    assert sum(len(t) > mc and t[: mc - 3].isspace() for t in texts) >= 20


SEGMENTS_SCRIPT = """
import { createInterface } from 'node:readline';
import { segmentSpans, segments, wholeSpan } from './classify.mjs';
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const c = JSON.parse(line);
  const whole = wholeSpan(c.transcript);
  const spans = segmentSpans(c.transcript, c.max_chars, whole);
  console.log(JSON.stringify(segments(c.transcript, whole, spans, c.words, c.probs, c.intent, c.confidence)));
}
"""

SEG_WORDS = ["open", "the", "terminal", "🎉", "ﬁle", "ｔｙｐｅ", "e\u0301", "\u200b", "\ufeff"]
SEG_WORDS += ["𝐡𝐢", "5", "!", "\u0301", "a\udc00b", "👩‍💻x"]
SEG_SPACES = [" ", "  ", "\t", "\n", "\u3000", "\x85", "\x1c", "\x1f ", "\u2028", "\xa0", "\u2003", "\r\n"]


def segment_cases(n: int, seed: int = 0) -> list[dict]:
    """Made-up inputs of contract.segments: words before the first word with tokens, words
    without tokens between and after, tokens at 0.5 and one float32 step either side, all on
    one side or mixed (by word, or inside a word), none at all; whitespace around the transcript;
    the max_chars cut anywhere after the first word's start; dictation too. The first words read
    always hold a word (see test_node_client_whole_span_when_the_cut_holds_no_word)."""
    rng = np.random.default_rng(seed)
    f32 = lambda x: float(np.float32(x))  # noqa: E731
    half_down = float(np.nextafter(np.float32(0.5), np.float32(0)))
    half_up = float(np.nextafter(np.float32(0.5), np.float32(1)))
    pool = [0.0, 1.0, 0.5, half_down, half_up, f32(0.25), f32(0.75), f32(1e-30), f32(0.9999999)]
    high = [1.0, 0.5, half_up]
    pads = ["", "", "", *SEG_SPACES, "\x1c\u3000 ", "\x1e\x1f"]
    cases: list[dict] = [
        {  # the first two words without tokens take the third's P (dictation), not 1.0
            "transcript": " \u3000 so hello there open terminal \x85",
            "max_chars": 400,
            "words": [-1, 2, 2, 3, 3, 4],
            "probs": [0.5, f32(0.2), f32(0.3), f32(0.1), f32(0.9), f32(0.8)],
            "intent": "command",
            "confidence": f32(0.7),
        }
    ]
    while len(cases) < n:
        k = int(rng.integers(1, 8))
        body = "".join(
            str(rng.choice(SEG_WORDS)) + (str(rng.choice(SEG_SPACES)) if j < k - 1 else "") for j in range(k)
        )
        text = str(rng.choice(pads)) + body + str(rng.choice(pads))
        mc = 400 if rng.random() < 0.5 else int(rng.integers(1, len(text) + 1))
        count = len(word_spans(text[:mc]))
        if count == 0:
            continue
        first = int(rng.integers(0, count)) if rng.random() < 0.6 else 0  # the words before: no tokens
        last = int(rng.integers(first, count))  # the words after: no tokens
        m = int(rng.integers(0, 10))
        words = sorted(int(w) for w in rng.integers(first, last + 1, size=m))
        side = rng.random()
        if side < 0.2:
            probs = [f32(rng.uniform(0.5, 1.0)) if rng.random() < 0.5 else high[i % 3] for i in words]
        elif side < 0.4:
            probs = [min(f32(rng.uniform(0.0, 0.5)), half_down) for _ in words]
        elif side < 0.7:  # by word: each word's tokens on one side
            sides = {w: rng.random() < 0.5 for w in set(words)}
            probs = [
                f32(rng.uniform(0.5, 1.0)) if sides[w] else min(f32(rng.uniform(0, 0.5)), half_down)
                for w in words
            ]
        else:
            probs = [float(rng.choice(pool)) if rng.random() < 0.5 else f32(rng.random()) for _ in words]
        cases.append(
            {
                "transcript": text,
                "max_chars": mc,
                "words": [-1, *words],
                "probs": [f32(rng.random()), *probs],
                "intent": "command" if rng.random() < 0.85 else "dictation",
                "confidence": f32(rng.random()),
            }
        )
    return cases


def test_node_client_segments_as_python(node: str) -> None:
    """The client's segments() against contract.segments on made-up words and token
    probabilities (segment_cases): the rules the model's answers seldom or never reach, such as
    first words without tokens (they take the first word with tokens' P; they took 1.0 before
    606da1b), exactly, offsets and confidences included."""
    cases = segment_cases(4000)
    done = subprocess.run(
        [node, "--input-type=module", "-e", SEGMENTS_SCRIPT],
        cwd=NODE_DIR,
        input="".join(_line(c) for c in cases).encode("utf-8"),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line]
    assert len(answers) == len(cases)
    problems, leading, cut = [], 0, 0
    for case, got in zip(cases, answers):
        probs = np.array(case["probs"], dtype=np.float32)
        words = case["words"]
        want = [
            seg.model_dump()
            for seg in segments(
                case["transcript"], words, probs, case["intent"], case["confidence"], case["max_chars"]
            )
        ]
        if got != want:
            problems.append(f"{case!r}: node {got} != python {want}")
        leading += len(want) > 1 and case["words"][1:2] != [0]
        cut += len(want) > 1
    print(
        f"\nsegments(): {len(cases)} made-up inputs, {len(problems)} disagreements, {cut} cut, "
        f"{leading} cut with a first word without tokens",
        file=sys.stderr,
    )
    assert cut >= 300 and leading >= 100, (cut, leading)
    assert not problems, f"{len(problems)} disagreements, e.g.\n" + "\n".join(problems[:10])


def test_node_client_whole_span_when_the_cut_holds_no_word(node: str) -> None:
    """max_chars characters of U+001C..U+001F (Python's whitespace, the tokenizer's text: tokens
    but no word), then words: both answer with the whole span, from the first word after the cut
    to the end (the Python runtime of 606da1b raised IndexError here)."""
    mc = model_max_chars()
    terminal = {"app_name": "Terminal", "bundle_id": "com.apple.Terminal", "window_title": "zsh"}
    records = [
        {"transcript": (sep * mc)[:mc] + tail + " ", "context": context}
        for sep in ("\x1e", "\x1c\x1d", "\x1f", "\x1e\x1f ")
        for tail in ("delete that", "go back", "open the terminal", "type hello world")
        for context in (None, terminal)
    ]
    rc, answers, stderr = run_client(node, default_model_dir(), records, "--command-threshold", "0.5")
    assert rc == 0, stderr
    clf = IntentClassifier(command_threshold=0.5)
    problems = []
    for record, got in zip(records, answers):
        text = record["transcript"]
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        assert [(s["start"], s["end"], s["text"]) for s in got["segments"]] == [(start, end, text[start:end])]
        assert (
            got["segments"][0]["intent"] == got["intent"]
            and got["segments"][0]["confidence"] == got["confidence"]
        )
        want = as_python([clf.classify(text, record["context"])])[0]
        if got != want:
            problems.append(f"{record!r}: node {got} != python {want}")
    assert not problems, "\n".join(problems[:10])


def copy_model(
    src: Path, dst: Path, *, format_version: int | None = None, added_tokens: bool = False
) -> Path:
    """A copy of a model directory, optionally re-stamped, with its hashes updated."""
    shutil.copytree(src, dst)
    meta = json.loads((dst / "trm_intent.json").read_text(encoding="utf-8"))
    if added_tokens:
        spec = json.loads((dst / "tokenizer.json").read_text(encoding="utf-8"))
        pad = {"id": meta["pad_id"], "content": "[pad]", "single_word": False, "lstrip": False}
        spec["added_tokens"] = [{**pad, "rstrip": False, "normalized": False, "special": True}]
        (dst / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    if format_version is not None:
        meta["format_version"] = format_version
    meta["tokenizer_sha256"] = sha256_file(dst / "tokenizer.json")
    (dst / "trm_intent.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return dst


def test_node_client_strips_window_fields_as_python_does(node: str) -> None:
    """The client's whitespace set is Python's str.strip(), which WindowContext applies too."""
    script = (
        "import * as m from './classify.mjs';"
        "const cps = (s) => [...s].map((c) => c.codePointAt(0));"
        "console.log(JSON.stringify(cps(m.PY_STRIP)));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], cwd=NODE_DIR, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    py_space = [c for c in range(0x110000) if chr(c).isspace()]
    assert sorted(json.loads(done.stdout)) == py_space
    # str.split() and contract.word_spans (`\S+`) split on the same set.
    assert [c for c in range(0x110000) if re.fullmatch(r"\s", chr(c))] == py_space
    assert [c for c in range(0x110000) if len(f"a{chr(c)}b".split()) == 2] == py_space
    candidates = py_space + [0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    window = [c for c in candidates if WindowContext(app_name=f"{chr(c)}a{chr(c)}").app_name == "a"]
    assert window == py_space


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("tokenizer", "tokenizer.json: SHA-256"),
        ("onnx", "model.onnx: SHA-256"),
        ("window", "window.onnx: SHA-256"),
        ("no window", "window.onnx: cannot read"),
        ("format", "format_version 99 is not supported (this client reads 4"),
        ("format 3", "format_version 3 is not supported (this client reads 4"),
        ("no format", "format_version undefined is not supported"),
        ("added tokens", "tokenizer.json: declares added tokens"),
        ("threshold", "command_threshold must be in (0, 1]"),
        ("no token_probs", "are not the TRM step's"),
    ],
)
def test_node_client_refuses_a_broken_model_directory(
    node: str, tmp_path: Path, change: str, message: str
) -> None:
    model_dir = copy_model(default_model_dir(), tmp_path / "broken", added_tokens=change == "added tokens")
    meta_path = model_dir / "trm_intent.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if change == "tokenizer":
        with (model_dir / "tokenizer.json").open("a", encoding="utf-8") as fh:
            fh.write(" ")
    elif change == "onnx":
        meta["onnx_sha256"] = "0" * 64
    elif change == "format":
        meta["format_version"] = 99
    elif change == "window":
        with (model_dir / "window.onnx").open("ab") as fh:
            fh.write(b"\0")
    elif change == "no window":
        (model_dir / "window.onnx").unlink()
    elif change == "format 3":  # a directory of the previous format: no window graph
        (model_dir / "window.onnx").unlink()
        meta["format_version"] = 3
        del meta["window_sha256"]
    elif change == "no format":
        del meta["format_version"]
    elif change == "threshold":
        meta["command_threshold"] = 1.5
    elif change == "no token_probs":  # the graph of 9194ab8: no per-token head, no segments
        onnx = pytest.importorskip("onnx")
        graph = onnx.load(str(model_dir / "model.onnx"))
        kept = [o for o in graph.graph.output if o.name != "token_probs"]
        del graph.graph.output[:]
        graph.graph.output.extend(kept)
        onnx.save(graph, str(model_dir / "model.onnx"))
        meta["onnx_sha256"] = sha256_file(model_dir / "model.onnx")
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    if change != "tokenizer":  # Python refuses the directory too
        with pytest.raises(
            Exception,
            match="format_version|added tokens|command_threshold|SHA-256|TRM step|window.onnx: missing",
        ):
            IntentClassifier(model_dir)
    rc, answers, stderr = run_client(node, model_dir, [{"transcript": "git status"}])
    assert rc == 2 and not answers
    assert message in stderr and str(model_dir) in stderr
    assert FORMAT_VERSION == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--command-threshold", "0"], "command_threshold must be in (0, 1], got 0"),
        (["--command-threshold", "1.01"], "command_threshold must be in (0, 1]"),
        (["--command-threshold", "nan"], "--command-threshold needs a number"),
        (["--command-threshold=abc"], "--command-threshold needs a number"),
        (["--command-threshold"], "--command-threshold needs a number"),
        (["--halt-threshold", "-1"], "halt_threshold must be in (0, 1]"),
        (["--bogus"], "unexpected argument"),
    ],
)
def test_node_client_refuses_bad_options(node: str, args: list[str], message: str) -> None:
    rc, answers, stderr = run_client(node, default_model_dir(), [{"transcript": "git status"}], *args)
    assert rc == 2 and not answers and message in stderr, stderr


BAD_RECORDS = [
    {"transcript": "abc\ud800def"},
    {"transcript": "\udc00"},
    {"transcript": 5},
    {"transcript": None},
    {"context": {"app_name": "Terminal"}},
    {"transcript": "git status", "context": "Terminal"},
    {"transcript": "git status", "context": ["Terminal"]},
    {"transcript": "git status", "context": {"app_name": 5}},
    {"transcript": "git status", "context": {"window_title": {"a": 1}}},
    # A lone surrogate in the part of a window field that is read: Python's tokenizer refuses it.
    {"transcript": "git status", "context": {"app_name": "Term\ud800inal"}},
    {"transcript": "git status", "context": {"bundle_id": "com.apple.\udfff"}},
    {"transcript": "git status", "context": {"window_title": "x" * (TITLE_CHARS - 1) + "\udc00"}},
    {"transcript": "git status", "context": {"app_name": "unknown\ud800"}},
    {"transcript": "   ", "context": {"window_title": "\ud800"}},  # refused even with no words
]


@pytest.mark.parametrize("mode", [(), ("--batch",)], ids=["stream", "batch"])
def test_node_client_refuses_what_python_refuses(node: str, mode: tuple[str, ...]) -> None:
    """A record Python cannot classify is an error line (the others are answered); exit status 1."""
    clf = IntentClassifier()
    for record in BAD_RECORDS:
        with pytest.raises((TypeError, ValueError, KeyError)):
            clf.classify(record["transcript"], record.get("context"))
    good = [{"transcript": "git status", "context": {"app_name": "Terminal"}}, {"transcript": " "}]
    records = [good[0], *BAD_RECORDS, good[1], good[0]]
    rc, answers, _ = run_client(node, default_model_dir(), records, *mode)
    assert rc == 1 and len(answers) == len(records)
    assert [("error" in a) for a in answers] == [False] + [True] * len(BAD_RECORDS) + [False, False]
    kept = [answers[0], answers[-2], answers[-1]]
    asked = good + good[:1]
    if mode:
        wants = as_python(
            clf.classify_batch([r["transcript"] for r in asked], [r.get("context") for r in asked])
        )
    else:
        wants = [as_python([clf.classify(r["transcript"], r.get("context"))])[0] for r in asked]
    result = compare(asked, wants, kept)
    assert not result.problems, result.problems
