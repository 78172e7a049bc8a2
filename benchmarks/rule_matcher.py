"""A rule matcher of vozctl's command vocabulary (VOZCTL_COMMANDS.md), in vozctl's manner.

What vozctl does today without the model: lower-case, strip punctuation, then exact
phrases, patterns, formatter prefixes, NATO letters and punctuation words are commands;
anything else is dictation. A baseline for benchmarks, not part of the library.
"""

from __future__ import annotations

import re

EXACT = {
    "scratch that",
    "scratch",
    "command mode",
    "commands",
    "command",
    "dictation mode",
    "dictation",
    "dictate",
    "typing",
    "typing mode",
    "cancel",
    "control c",
    "clear",
    "exit",
    "suspend",
    "find",
    "find all",
    "go to file",
    "comment",
    "undo",
    "redo",
    "copy",
    "cut",
    "paste",
    "save",
    "select all",
    "select line",
    "new line",
    "newline",
    "slap",
    "enter",
    "stomp",
    "tab",
    "escape",
    "space",
    "backspace",
    "delete",
    "delete that",
    "delete word",
    "option delete",
    "go up",
    "go down",
    "go left",
    "go right",
    "page up",
    "page down",
    "go home",
    "head",
    "go end",
    "tail",
    "new tab",
    "next tab",
    "previous tab",
    "close tab",
    "next window",
    "switch window",
    "change window",
    "next app",
    "previous app",
    "switch app",
    "go to the beginning of the line",
    "start of line",
    "go to the end of the line",
    "back",
    "top of file",
    "go to the bottom of the file",
}
NUMBER = (
    r"(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)(?: (?:one|two|three|four|five|six|seven|eight|nine|hundred))*"
)
DIR = r"(?:up|down|left|right)"
PATTERNS = [
    re.compile(p)
    for p in (
        rf"(?:pane|pain|focus) {DIR}",
        rf"select(?: {NUMBER})? words? (?:left|right)",
        rf"select(?: {NUMBER})? {DIR}",
        rf"(?:go )?(?:{NUMBER} )?words? (?:left|right)",
        rf"(?:go|got) {NUMBER} {DIR}",
        rf"delete(?: {NUMBER})? words?",
        rf"delete {NUMBER}",
        rf"go to line {NUMBER}",
        rf"select line {NUMBER}",
        r"(?:type|insert) .+",
    )
]
FORMATTERS = (
    "snake",
    "camel",
    "pascal",
    "kebab",
    "dot",
    "slash",
    "upper",
    "lower",
    "title",
    "constant",
    "all caps",
)
NATO = {
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "x-ray",
    "yankee",
    "zulu",
    "cap",
}
PUNCTUATION = {
    "comma",
    "period",
    "full stop",
    "question mark",
    "exclamation mark",
    "colon",
    "semicolon",
    "dash",
    "hyphen",
    "open paren",
    "close paren",
    "open bracket",
    "close bracket",
    "open brace",
    "close brace",
    "ellipsis",
}
_STRIP = re.compile(r"[^\w\s'-]+")


def normalise(text: str) -> str:
    return " ".join(_STRIP.sub(" ", text.lower()).split())


def is_command(text: str) -> bool:
    """True when vozctl's rules would execute the utterance."""
    t = normalise(text)
    if not t:
        return False
    if t in EXACT or t in PUNCTUATION or any(p.fullmatch(t) for p in PATTERNS):
        return True
    if any(t.startswith(f + " ") or t.startswith(f + " case ") for f in FORMATTERS):
        return True
    words = t.split()
    return all(w in NATO for w in words)


def classify(text: str) -> str:
    return "command" if is_command(text) else "dictation"
