"""Mixed utterances: one breath that holds commands and text, cut into labelled segments.

LABELING.md ("Mixed utterances: segments") labels such an utterance word by word: command
words with their counts and directions, the connectives between actions ("and", "then") and
the typing verb ("type", "insert") are ``command``; the words to be typed (a typing payload,
or prose) are ``dictation``. Punctuation stays on its word. Each mixed record is labelled
``command``, tagged ``mixed`` and carries ``segments`` runs (``Item.segments``). The text is
rendered here (``style="keep"``) in one of the recogniser's styles: lower case without
punctuation, cased and punctuated, or cased without punctuation; numbers as digits or words.

Families (``source``):

- ``mixed-cmd-type``: commands, a connective and a typing verb, then the payload ("undo that
  and type see you at noon", "go to line 40, insert max retries equals five", "new folder
  and type tax receipts"), in the kind of window the payload belongs to;
- ``mixed-cmd-text``: a command, then prose with no typing verb ("Scratch that. Let's meet on
  Friday instead.", "New paragraph. Thanks again for hosting us.");
- ``mixed-text-cmd``: text, then the command that finishes it ("All done here, talk soon.
  Send message.", "npm run dev and press enter", "fix the flaky upload test. new line");
- ``mixed-text-cmd-text``: text, a command (a new line, a correction), more text;
- ``mixed-chain``: commands only ("copy and close the window", "select line, copy, go down
  two, paste"): several actions, so tagged ``mixed``, but ONE command segment (neighbouring
  command words form one segment);
- ``mixed-type-payload``: a typing verb and its payload alone ("type see you at noon",
  "insert colon"): two segments, the verb ``command`` and the payload ``dictation``, also when
  the payload holds command words ("type delete this later");
- ``mixed-formatter``: a formatter with its identifier inside a sentence ("the bug is in snake
  load model", "set the variable snake user name then save"): the formatter word and its
  identifier words are one command (vozctl formats the words it is given: typing them as
  dictation would lose the formatting), the sentence around it dictation;
- ``mixed-prose-uncut``: NOT mixed: everyday prose that holds command words and connectives
  ("I'll copy the notes and close the ticket after lunch", "Put each name on a new line."),
  one dictation segment (no ``segments`` field), so the model learns prose is not cut.

Every phrase and template here was written for this project, without looking at any
evaluation or holdout set.
"""

from __future__ import annotations

import random

import commands
import terse_commands
import titled_windows
from common import Item, cap, count_text

C = "command"
D = "dictation"

# --- window weights (pools of contexts.py) --------------------------------------------------

CHAT_W = {"chat": 8, "mail": 1, "document": 0.4, "browser": 0.3}
MAIL_W = {"mail": 8, "document": 1, "chat": 0.5}
DOC_W = {"document": 8, "mail": 0.8, "editor": 0.5, "other": 0.3}
CODE_W = {"editor": 8, "terminal": 1, "browser": 0.3}
TERM_W = {"terminal": 8, "editor": 1}
SEARCH_W = {"browser": 8, "finder": 0.4, "other": 0.4}
FINDER_W = {"finder": 8, "other": 0.5}
MEDIA_W = {"media": 8, "browser": 1.5, "other": 0.5}
OTHER_W = {"other": 6, "finder": 1, "document": 0.5}
PROSE_W = {"document": 4, "chat": 3, "mail": 2.5, "editor": 0.8, "browser": 0.4, "other": 0.4}
FMT_W = {"editor": 8, "browser": 1, "chat": 0.5}

# --- rendering ----------------------------------------------------------------------------------

# Words that keep their capital when a piece starts mid-sentence.
_KEEP_CAP = {"I", "I'll", "I'm", "I've", "I'd", "Friday", "Monday", "Thursday", "Priya", "Sam", "Maria"}


def _uncap(word: str) -> str:
    if word.rstrip(",.?!") in _KEEP_CAP or word[1:2].isupper():
        return word
    return word[:1].lower() + word[1:]


def _strip(word: str) -> str:
    out = word.strip(",.;:!?")
    if not out:
        raise ValueError(f"word {word!r} is only punctuation")
    return out


def render(rng: random.Random, plan: list[tuple[str, str, str]]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Render ``(text, label, sep)`` pieces (``sep`` after the piece: "", "," or ".") in a
    recogniser style; return the transcript and its segment runs."""
    r = rng.random()
    mode = "lower" if r < 0.48 else "cased" if r < 0.88 else "bare"
    words: list[str] = []
    labels: list[str] = []
    start = True
    for i, (text, label, sep) in enumerate(plan):
        ws = text.split()
        last = i == len(plan) - 1
        if mode == "lower":
            ws = [_strip(w).lower() for w in ws]
        elif mode == "bare":
            ws = [_strip(w) for w in ws]
            ws[0] = cap(ws[0]) if start else _uncap(ws[0])
            start = False
        else:
            ws[0] = cap(ws[0]) if start else _uncap(ws[0])
            if last:
                sep = "" if rng.random() < 0.12 else "."
            if sep and ws[-1][-1] not in ".?!":
                ws[-1] = ws[-1].rstrip(",") + sep
            start = ws[-1][-1] in ".?!"
        words += ws
        labels += [label] * len(ws)
    runs: list[list] = []
    for lab in labels:
        if runs and runs[-1][1] == lab:
            runs[-1][0] += 1
        else:
            runs.append([1, lab])
    return " ".join(words), tuple((n, lab) for n, lab in runs)


def _mixed(text: str, runs: tuple, tags: tuple[str, ...], kinds: dict) -> Item:
    return Item(text, C, ("mixed", *tags), "keep", kinds, segments=runs)


# Typing commands other families already hold as one whole command (no segments), left out
# here so that one transcript never gets two word labellings (LABELING.md cuts the payload off;
# those records predate segments).
TAKEN = {
    " ".join(t.lower().split())
    for t in [
        *(f"type {p}" for p in commands.TYPE_PAYLOADS),
        *(f"insert {p}" for p in commands.INSERT_PAYLOADS),
        *(f"{v} {s}" for v in ("type", "insert") for s in terse_commands.SYMBOLS),
        *(f"{v} {s} {s}" for v in ("type", "insert") for s in terse_commands.SYMBOLS),
        *titled_windows.SHELL_TYPE,
    ]
}


def _fold(text: str) -> str:
    return " ".join(w.strip(",.;:!?") for w in text.lower().split())


def _collect(rng: random.Random, make, tries: int) -> list[Item]:
    """Items from ``make(rng)`` (an Item or None), each text once."""
    out, seen = [], set()
    for _ in range(tries):
        item = make(rng)
        if item is None or item.text.lower() in seen or _fold(item.text) in TAKEN:
            continue
        seen.add(item.text.lower())
        out.append(item)
    return out


def _n(rng: random.Random, lo: int = 2, hi: int = 9) -> str:
    return count_text(rng, rng.randint(lo, hi), digit_share=0.3)


# --- text, by the window it is said in ------------------------------------------------------------

CHAT_TEXT = [
    "Sounds good, see you then",
    "All done here, talk soon",
    "Running about ten minutes late",
    "Thanks for the quick review",
    "I'll take a look after lunch",
    "Can you send me the link again?",
    "Happy Friday everyone",
    "Just pushed the fix to the branch",
    "The build is green now",
    "Let me know if that works for you",
    "Great work on the demo today",
    "I'm heading out for the day",
    "Lunch at noon works for me",
    "No worries, take your time",
    "That makes sense to me",
    "Are you free for a quick call?",
    "I think we're good to merge",
    "Congrats on the launch",
    "Back in five minutes",
    "See you at standup tomorrow",
    "I'll be working from home on Monday",
    "The deploy finished without errors",
    "Who's joining the retro this afternoon?",
    "Can we push the sync to Thursday?",
    "Nice catch on that typo",
    "Happy to pair on it later",
    "The staging server is back up",
    "Does anyone have a spare charger?",
    "I left a few comments on your draft",
    "Let's grab coffee next week",
    "Thanks, that fixed it",
    "Fingers crossed for the release",
    "I'm stuck on the login test",
    "Dinner is at seven, don't be late",
    "Can you pick up bread on the way back?",
    "Just landed, heading to the hotel",
    "Call me when you're free",
    "The kids loved the museum",
    "We're out of coffee again",
    "Good morning, how did the interview go?",
    "Looks great to me, ship it whenever",
    "I'll review the pull request tonight",
    "Sorry, I missed your message earlier",
    "The meeting room is booked until four",
    "Anyone up for pizza after work?",
    "My train is delayed by twenty minutes",
    "Please water the plants while I'm away",
    "I can cover the support shift on Sunday",
    "That bug only happens on the old phones",
    "Thanks a lot, you saved my afternoon",
]

MAIL_TEXT = [
    "Thanks again for hosting us last weekend",
    "Please find the signed contract attached",
    "I hope you had a restful holiday",
    "Let me know if you need anything else before the review",
    "Best regards, Alex",
    "Kind regards, Alex",
    "Thanks for getting back to me so quickly",
    "I wanted to follow up on our call from Tuesday",
    "The invoice for March is attached",
    "Could we move our meeting to next Wednesday?",
    "I'm happy to answer any questions about the proposal",
    "We would love to have you join the workshop",
    "Apologies for the slow reply, it has been a busy week",
    "The agenda for the offsite is below",
    "Please confirm the number of guests by Friday",
    "I have shared the folder with the whole team",
    "Looking forward to seeing you at the conference",
    "Unfortunately I can't make it on the tenth",
    "Our flight lands at half past six",
    "Here is a short summary of what we agreed",
    "Could you review the budget before Thursday?",
    "Thank you for the warm welcome yesterday",
    "The venue has parking for about thirty cars",
    "I've copied Maria, who will handle the booking",
    "Have a lovely weekend",
]

DOC_TEXT = [
    "The results were better than we expected",
    "Chapter three covers the early history of the town",
    "Our main goal this quarter is reliability",
    "Each participant received a short survey",
    "The river floods almost every spring",
    "We interviewed twelve people for this report",
    "Costs rose by about eight percent last year",
    "The garden gets full sun in the afternoon",
    "She opened the letter with shaking hands",
    "The second experiment confirmed the first",
    "Preheat the oven to two hundred degrees",
    "Attendance doubled after the schedule changed",
    "The plan has three phases",
    "Nobody expected the storm to last so long",
    "This section describes the new onboarding flow",
    "Volunteers will meet at the north entrance",
    "The old bridge was rebuilt in nineteen sixty",
    "Key risks are listed in the appendix",
    "He walked home through the empty market",
    "The survey closes at the end of the month",
]

DEV_TEXT = [
    "fix the flaky upload test",
    "bump the parser to version two",
    "add retries to the webhook client",
    "this function assumes the list is sorted",
    "todo handle the empty case",
    "guard against a missing config file",
    "the cache is cleared on every restart",
    "log the request id on failure",
    "skip the slow tests on the laptop runner",
    "rename the audio module",
    "this loop runs once per frame",
    "the timeout is in milliseconds",
    "workaround for the old Safari bug",
    "keep the order stable for the snapshot tests",
    "add a note about the new flag",
    "drop support for the legacy token format",
    "the parser returns none on bad input",
    "make the retry delay configurable",
    "check the window title before the app name",
    "update the changelog for the release",
    "split the long handler into two functions",
    "document the environment variables",
]

SHELL_TEXT = [
    "git status",
    "git pull origin main",
    "npm run dev",
    "make test",
    "cargo build",
    "docker compose up",
    "pytest tests",
    "brew update",
    "kubectl get pods",
    "cd src",
    "ls",
    "git log oneline",
    "python train.py",
    "npm install",
    "git diff",
    "make clean",
    "cargo test",
    "yarn build",
    "go test",
    "htop",
    "ssh devbox",
    "uv sync",
]

SEARCH_TEXT = [
    "weather in Lisbon",
    "best pizza near me",
    "python read csv file",
    "flights to Montreal in June",
    "how long to boil an egg",
    "rust borrow checker explained",
    "train times to Bristol",
    "cheap standing desk",
    "pancake recipe without eggs",
    "opening hours of the library",
    "how to center a div",
    "used bikes for sale",
    "football scores tonight",
    "sourdough starter tips",
    "time zone in Tokyo",
    "translate thank you into Spanish",
]

FOLDER_NAMES = [
    "tax receipts",
    "holiday photos",
    "old invoices",
    "project drafts",
    "scans",
    "wedding pictures",
    "contracts",
    "backup",
    "school forms",
    "book notes",
]

CODE_PAYLOADS = [
    "max retries equals five",
    "return none",
    "import os",
    "for item in items",
    "if not user",
    "def main",
    "pass",
    "await fetch data",
    "raise value error",
    "let count equals zero",
    "console dot log",
    "from typing import any",
    "self dot name equals name",
    "while true",
    "else",
    "print done",
    "x plus one",
    "return result",
    "break",
    "try",
    "assert response ok",
    "todo clean this up",
    "fixme slow path",
    "count plus equals one",
    "elif value is none",
]

SYMBOL_PAYLOADS = [
    "colon",
    "semicolon",
    "equals",
    "dash",
    "underscore",
    "dot",
    "hash",
    "at sign",
    "question mark",
    "close bracket",
    "open brace",
    "pipe",
    "double quote",
    "plus",
    "star",
]

# Payloads that hold command words: still text to type.
COMMANDY_PAYLOADS = [
    "delete this later",
    "undo the last migration first",
    "copy of the report",
    "close the loop with finance",
    "save the date",
    "select a time that suits you",
    "go home early today",
    "new line characters are stripped",
    "paste your token here",
    "switch to the new endpoint",
    "find me after the talk",
    "press any key to continue",
    "scroll down for the details",
    "next steps",
    "tab completion works now",
    "cut the scope for this sprint",
]

# --- commands, by the window they are said in ---------------------------------------------------


def code_cmd(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        n = rng.choice([rng.randint(2, 60), rng.randint(60, 400)])
        say = str(n) if rng.random() < 0.65 else count_text(rng, n, 0)
        return rng.choice(["go to line", "go to line", "jump to line", "line"]) + f" {say}"
    if r < 0.5:
        return rng.choice(
            [
                f"go down {_n(rng)}",
                f"go {_n(rng)} up",
                f"go {_n(rng)} down",
                f"move up {_n(rng)} lines",
                f"delete {_n(rng)} words",
                f"go {_n(rng)} words left",
                f"select {_n(rng)} words right",
            ]
        )
    return rng.choice(
        [
            "new line",
            "go to the end of the line",
            "end of line",
            "go to the start of the line",
            "tail",
            "head",
            "undo that",
            "undo",
            "select line",
            "delete that",
            "delete the line",
            "bottom of file",
            "top of file",
            "go up",
            "go down",
            "slap",
            "delete the last word",
            "new line below",
            "select word left",
        ]
    )


def text_cmd(rng: random.Random) -> str:
    """A command said while writing prose (chat, mail, documents)."""
    return rng.choice(
        [
            "new line",
            "new paragraph",
            "scratch that",
            "undo that",
            "delete the last word",
            f"delete the last {_n(rng, 2, 5)} words",
            "go to the end of the line",
            "select all",
            "delete that",
            "new line",
            "slap",
            "stomp",
        ]
    )


def term_cmd(rng: random.Random) -> str:
    return rng.choice(
        ["clear", "control c", "cancel", "new tab", "clear the screen", "press enter", "page up"]
    )


def browser_cmd(rng: random.Random) -> str:
    return rng.choice(
        [
            "new tab",
            "focus the address bar",
            "go to the address bar",
            "open a new tab",
            "close tab",
            "go back",
        ]
    )


CHAT_SEND = ["send message", "press enter", "hit enter", "slap", "send the message", "press return", "enter"]
MAIL_END = ["new paragraph", "new line", "send the email", "send message", "save the draft", "save draft"]
DOC_END = ["new paragraph", "new line", "save", "save the document", "slap", "go to the end of the line"]
CODE_END = ["new line", "save", "save the file", "escape", "slap", "go down two", "save and close the file"]
ENTER = ["press enter", "hit enter", "enter", "slap", "press return"]

APPS = ["Chrome", "Slack", "Terminal", "Safari", "Finder", "Spotify", "Mail", "Notes", "Code", "Firefox"]


# --- mixed-cmd-type -----------------------------------------------------------------------------

VERB_JOIN = [
    ("and type", ""),
    ("then type", ""),
    ("and then type", ""),
    ("type", ","),
    ("then type", ","),
    ("type", "."),
    ("and insert", ""),
    ("insert", ","),
]


def _payload_for(rng: random.Random, where: str) -> tuple[str, dict]:
    if where == "chat":
        return rng.choice(CHAT_TEXT), CHAT_W
    if where == "mail":
        return rng.choice(MAIL_TEXT), MAIL_W
    if where == "doc":
        return rng.choice(DOC_TEXT), DOC_W
    if where == "code":
        return rng.choice(CODE_PAYLOADS + DEV_TEXT[:8]), CODE_W
    if where == "term":
        return rng.choice(SHELL_TEXT), TERM_W
    if where == "search":
        return rng.choice(SEARCH_TEXT), SEARCH_W
    return rng.choice(FOLDER_NAMES), FINDER_W


def cmd_type(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        where = rng.choice(
            ["chat", "chat", "mail", "doc", "code", "code", "code", "term", "term", "search", "finder"]
        )
        payload, kinds = _payload_for(rng, where)
        if where in ("chat", "mail", "doc"):
            pre = text_cmd(rng)
        elif where == "code":
            pre = code_cmd(rng)
        elif where == "term":
            pre = term_cmd(rng)
        elif where == "search":
            pre = browser_cmd(rng)
        else:
            pre = rng.choice(["new folder", "new folder", "rename", "rename this", "go to downloads"])
        join, sep = rng.choice(VERB_JOIN)
        if rng.random() < 0.2:  # two commands before the typing verb
            second = (
                code_cmd(rng)
                if where == "code"
                else text_cmd(rng)
                if where in ("chat", "mail", "doc")
                else None
            )
            if second and second != pre:
                pre = f"{pre} {rng.choice(['and', 'then', 'and then'])} {second}"
        plan = (
            [(pre, C, sep), (join, C, ""), (payload, D, "")]
            if sep
            else [(f"{pre} {join}", C, ""), (payload, D, "")]
        )
        text, runs = render(rng, plan)
        return _mixed(text, runs, ("cmd-then-text", "type-payload"), kinds)

    return _collect(rng, make, 1500)


# --- mixed-cmd-text ------------------------------------------------------------------------------


def cmd_text(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        where = rng.choice(["chat", "chat", "mail", "mail", "doc", "doc", "code"])
        if where == "code":
            text, kinds = rng.choice(DEV_TEXT), {"editor": 8, "other": 0.5, "browser": 0.5}
            cmd = rng.choice(
                ["new line", "slap", "scratch that", "go to the end of the line", "new line below"]
            )
        else:
            text, kinds = _payload_for(rng, where)
            cmd = rng.choice(
                ["new line", "new paragraph", "scratch that", "slap", "undo that", "stomp", text_cmd(rng)]
            )
        if rng.random() < 0.2 and cmd in (
            "scratch that",
            "undo that",
            "delete that",
            "new paragraph",
            "select all",
        ):
            cmd = rng.choice(["please ", "now "]) + cmd
        sep = rng.choice([".", ".", ","])
        text_out, runs = render(rng, [(cmd, C, sep), (text, D, "")])
        return _mixed(text_out, runs, ("cmd-then-text",), kinds)

    return _collect(rng, make, 900)


# --- mixed-text-cmd ------------------------------------------------------------------------------


def text_cmd_family(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        where = rng.choice(["chat", "chat", "chat", "mail", "doc", "code", "term", "term", "search"])
        if where == "chat":
            text, kinds, end = rng.choice(CHAT_TEXT), CHAT_W, rng.choice(CHAT_SEND)
        elif where == "mail":
            text, kinds, end = rng.choice(MAIL_TEXT), MAIL_W, rng.choice(MAIL_END)
        elif where == "doc":
            text, kinds, end = rng.choice(DOC_TEXT), DOC_W, rng.choice(DOC_END)
        elif where == "code":
            text, kinds, end = rng.choice(DEV_TEXT), CODE_W, rng.choice(CODE_END)
        elif where == "term":
            text, kinds, end = rng.choice(SHELL_TEXT), TERM_W, rng.choice(ENTER)
        else:
            text, kinds, end = rng.choice(SEARCH_TEXT), SEARCH_W, rng.choice(ENTER)
        r = rng.random()
        if where in ("term", "search") and r < 0.45:
            plan = [(text, D, ""), (rng.choice(["and", "then", "and then"]), C, ""), (end, C, "")]
        elif r < 0.12:
            plan = [(text, D, ","), (rng.choice(["then", "and then"]), C, ""), (end, C, "")]
        else:
            plan = [(text, D, rng.choice([".", ".", ","])), (end, C, "")]
        if rng.random() < 0.12 and where in ("chat", "mail", "doc"):  # a second command after it
            plan.append((rng.choice(["and", "then"]), C, ""))
            plan.append(
                (rng.choice(["switch to Slack", "close the window", "next tab", "switch app", "save"]), C, "")
            )
        text_out, runs = render(rng, plan)
        return _mixed(text_out, runs, ("text-then-cmd",), kinds)

    return _collect(rng, make, 2000)


# --- mixed-text-cmd-text -----------------------------------------------------------------------

# A sentence with one slot, and what was said first and what replaced it after "scratch that".
CORRECTIONS = [
    ("The meeting is at {}", ["three", "four", "noon", "two thirty", "ten"]),
    ("Let's meet on {}", ["Monday", "Friday", "Thursday", "the weekend"]),
    ("I'll bring {}", ["the salad", "dessert", "two chairs", "the projector"]),
    ("The budget is about {} pounds", ["five hundred", "nine hundred", "two thousand"]),
    ("We need {} more volunteers", ["three", "five", "ten", "a couple"]),
    ("The train leaves at {}", ["six", "half past seven", "eight fifteen"]),
    ("My flight lands on {}", ["Tuesday", "Wednesday", "Sunday morning"]),
    ("Set the timeout to {} seconds", ["thirty", "sixty", "ten", "five"]),
]


def text_cmd_text(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        r = rng.random()
        if r < 0.3:
            frame, fills = rng.choice(CORRECTIONS)
            a, b = rng.sample(fills, 2)
            mid = rng.choice(
                [
                    "scratch that",
                    "scratch that",
                    "undo that",
                    "delete that",
                    f"delete {count_text(rng, len(a.split()), 0)} words"
                    if len(a.split()) > 1
                    else "delete the last word",
                ]
            )
            plan = [(frame.format(a), D, ","), (mid, C, ","), (b, D, "")]
            kinds = rng.choice([CHAT_W, MAIL_W, DOC_W])
            tags = ("text-cmd-text", "correction")
        else:
            where = rng.choice(["chat", "mail", "mail", "doc", "code"])
            if where == "code":
                first, second = rng.sample(DEV_TEXT, 2)
                kinds = {"editor": 8, "other": 0.5, "browser": 0.5}
                mid = rng.choice(["new line", "new line", "slap", "new line below"])
            else:
                pool = {"chat": CHAT_TEXT, "mail": MAIL_TEXT, "doc": DOC_TEXT}[where]
                first, second = rng.sample(pool, 2)
                if where == "mail" and rng.random() < 0.4:
                    first = rng.choice(["Hi Sam", "Dear Maria", "Hello everyone", "Hi team", "Hi Priya"])
                kinds = {"chat": CHAT_W, "mail": MAIL_W, "doc": DOC_W}[where]
                mid = rng.choice(["new line", "new paragraph", "new paragraph", "slap", "stomp", "new line"])
            plan = [
                (first, D, rng.choice([",", ".", "."])),
                (mid, C, rng.choice([",", ".", "."])),
                (second, D, ""),
            ]
            tags = ("text-cmd-text",)
        text, runs = render(rng, plan)
        return _mixed(text, runs, tags, kinds)

    return _collect(rng, make, 1200)


# --- mixed-chain ---------------------------------------------------------------------------------


def _edit_unit(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return code_cmd(rng)
    return rng.choice(
        [
            "copy",
            "cut",
            "paste",
            "undo",
            "redo",
            "save",
            "save the file",
            "select line",
            "select all",
            "delete that",
            "delete the line",
            "comment that",
            "go down",
            "go up",
            "new line",
            "format the document",
            "close the file",
            "indent that",
            "escape",
            "select the word",
            "paste it below",
            "copy that line",
        ]
    )


def _window_unit(rng: random.Random) -> str:
    return rng.choice(
        [
            "close the window",
            "close tab",
            "new tab",
            "next tab",
            "previous tab",
            f"switch to {rng.choice(APPS)}",
            f"open {rng.choice(APPS)}",
            "next window",
            "switch app",
            "focus left",
            "focus right",
            "minimize the window",
        ]
    )


CHAIN_UNITS = {
    "browser": (
        SEARCH_W,
        [
            "reload",
            "reload the page",
            "go back",
            "go forward",
            "scroll down",
            "scroll up",
            "zoom in",
            "zoom out",
            "bookmark this page",
            "new tab",
            "close tab",
            "next tab",
            "focus the address bar",
            "copy the link",
        ],
    ),
    "terminal": (
        TERM_W,
        [
            "clear",
            "control c",
            "press enter",
            "page up",
            "scroll up",
            "new tab",
            "split the pane",
            "close the pane",
            "copy",
            "paste",
            "focus left",
            "focus right",
            "cancel",
        ],
    ),
    "chat": (
        CHAT_W,
        [
            "mark all as read",
            "next unread channel",
            "close thread",
            "scroll to latest",
            "next channel",
            "jump to latest message",
            "reply in thread",
            "open threads",
        ],
    ),
    "media": (
        MEDIA_W,
        [
            "pause",
            "next track",
            "previous track",
            "volume up",
            "volume down",
            "mute",
            "play",
            "skip ahead thirty seconds",
            "shuffle on",
        ],
    ),
    "finder": (
        FINDER_W,
        [
            "new folder",
            "select all",
            "move to trash",
            "go to downloads",
            "go to the desktop",
            "sort by date",
            "copy",
            "paste",
            "open it",
            "go back",
        ],
    ),
    "other": (
        OTHER_W,
        [
            "zoom in",
            "zoom out",
            "save",
            "close the window",
            "export as pdf",
            "next page",
            "rotate left",
            "print it",
        ],
    ),
}


def chain(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item | None:
        where = rng.choice(
            [
                "edit",
                "edit",
                "edit",
                "edit",
                "window",
                "browser",
                "browser",
                "terminal",
                "terminal",
                "chat",
                "media",
                "finder",
                "other",
            ]
        )
        k = rng.choices([2, 3, 4], weights=[6, 3, 1.5])[0]
        units: list[str] = []
        for _ in range(k * 3):
            if len(units) == k:
                break
            if where == "edit":
                u = _edit_unit(rng) if rng.random() < 0.8 else _window_unit(rng)
            elif where == "window":
                u = _window_unit(rng) if rng.random() < 0.6 else _edit_unit(rng)
            else:
                u = rng.choice(CHAIN_UNITS[where][1]) if rng.random() < 0.8 else _window_unit(rng)
            if u not in units:
                units.append(u)
        if len(units) < 2:
            return None
        kinds = {
            "edit": CODE_W,
            "window": {"editor": 4, "browser": 2, "terminal": 2, "document": 1, "finder": 1},
        }.get(where, CHAIN_UNITS.get(where, (CODE_W,))[0])
        plan = []
        for i, u in enumerate(units):
            if i:
                join = (
                    rng.choice(["and", "then", "and then", ",", ",", "."])
                    if k > 2
                    else rng.choice(["and", "and", "then", "and then", ",", "."])
                )
                if join in (",", "."):
                    prev = plan[-1]
                    plan[-1] = (prev[0], C, join)
                else:
                    plan.append((join, C, ""))
            plan.append((u, C, ""))
        text, runs = render(rng, plan)
        assert len(runs) == 1
        return _mixed(text, runs, ("chain",), kinds)

    return _collect(rng, make, 1500)


# --- mixed-type-payload ----------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return " ".join([_uncap(text.split()[0]), *text.split()[1:]])


def type_payload(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        r = rng.random()
        if r < 0.25:
            payload, kinds = rng.choice(CHAT_TEXT + MAIL_TEXT[:12]), rng.choice([CHAT_W, MAIL_W, DOC_W])
            verb = rng.choice(["type", "type", "type", "please type", "now type", "insert"])
        elif r < 0.45:
            payload, kinds = rng.choice(CODE_PAYLOADS), CODE_W
            verb = rng.choice(["type", "insert", "type"])
        elif r < 0.58:
            payload, kinds = rng.choice(SHELL_TEXT), TERM_W
            verb = rng.choice(["type", "type", "insert"])
        elif r < 0.68:
            payload, kinds = rng.choice(SEARCH_TEXT), SEARCH_W
            verb = "type"
        elif r < 0.82:
            payload, kinds = rng.choice(SYMBOL_PAYLOADS), CODE_W
            verb = rng.choice(["insert", "insert", "type"])
            if rng.random() < 0.3:
                payload = f"{payload} {payload}" if " " not in payload else payload
        else:
            payload, kinds = rng.choice(COMMANDY_PAYLOADS), rng.choice([CHAT_W, DOC_W, CODE_W, MAIL_W])
            verb = rng.choice(["type", "type", "insert"])
        text, runs = render(rng, [(verb, C, ""), (_lower_first(payload), D, "")])
        return _mixed(text, runs, ("type-payload",), kinds)

    return _collect(rng, make, 1200)


# --- mixed-formatter ---------------------------------------------------------------------------------

FORMATTER_WORDS = [
    "snake",
    "camel",
    "pascal",
    "kebab",
    "constant",
    "all caps",
    "snake case",
    "camel case",
    "pascal case",
    "kebab case",
    "hammer",
    "upper case",
]
IDENTS = [
    "user name",
    "get value",
    "max retries",
    "http client",
    "config path",
    "default timeout",
    "user id",
    "is enabled",
    "parse args",
    "request handler",
    "base url",
    "api key",
    "item count",
    "load model",
    "audio buffer",
    "sample rate",
    "file name",
    "error message",
    "window title",
    "fetch data",
    "page size",
    "batch size",
    "cache dir",
    "is valid",
    "first name",
    "retry count",
    "session token",
    "order total",
    "read config",
    "build index",
]
# A sentence with {} where the formatted identifier goes; the words around it are text.
FORMATTER_FRAMES = [
    ("the bug is in {}", FMT_W),
    ("set the variable {}", FMT_W),
    ("{} is always none here", FMT_W),
    ("we should cache {} between calls", FMT_W),
    ("check {} before the loop", FMT_W),
    ("this returns {} or nothing", FMT_W),
    ("can you look at {} when you get a chance", CHAT_W),
    ("I think {} is the culprit", CHAT_W),
    ("did you change {} yesterday?", CHAT_W),
    ("the crash comes from {}", {"editor": 4, "chat": 3, "browser": 2}),
    ("please rename {} to {}", {"chat": 4, "browser": 2}),
    ("{} should never be empty", FMT_W),
    ("we pass {} to the worker", FMT_W),
    ("remember to update {} too", {"editor": 4, "chat": 3}),
    ("the test fails when {} is zero", {"editor": 5, "browser": 2, "chat": 2}),
]


def formatter(rng: random.Random) -> list[Item]:
    def make(rng: random.Random) -> Item:
        frame, kinds = rng.choice(FORMATTER_FRAMES)
        before, *rest = frame.split("{}")
        plan: list[tuple[str, str, str]] = []
        if before.strip():
            plan.append((before.strip(), D, ""))
        for after in rest:
            plan.append((f"{rng.choice(FORMATTER_WORDS)} {rng.choice(IDENTS)}", C, ""))
            if after.strip():
                plan.append((after.strip(), D, ""))
        if rng.random() < 0.3:
            end = rng.choice(
                ["then save", "and save", "new line", "then new line", "and save the file", "slap"]
            )
            if plan[-1][1] == D:
                plan[-1] = (plan[-1][0], D, rng.choice(["", ",", "."]))
            plan.append((end, C, ""))
        text, runs = render(rng, plan)
        return _mixed(text, runs, ("formatter",), kinds)

    return _collect(rng, make, 1200)


# --- mixed-prose-uncut (dictation) -------------------------------------------------------------------

OPENERS = [
    "I'll",
    "I will",
    "We should",
    "Can you",
    "Please",
    "Remember to",
    "Don't forget to",
    "Let's",
    "I need to",
    "You should",
    "Could you",
    "I'm going to",
    "We have to",
    "Maybe we can",
]
ACTS = [
    "copy the notes",
    "close the ticket",
    "save the receipts",
    "select a restaurant",
    "delete the old photos from my phone",
    "paste the labels on the jars",
    "switch off the lights",
    "open the windows",
    "find the spare keys",
    "clear the table",
    "cut the grass",
    "enter the raffle",
    "undo the knot in the rope",
    "go to the store",
    "go back to the hotel",
    "close the garage door",
    "save some cake for Dad",
    "type up the meeting minutes",
    "copy your sister on the email",
    "move the couch",
    "find a parking spot",
    "clear the gutters",
    "cancel the dentist appointment",
    "select the ripest avocados",
    "press the shirts",
    "scroll through the holiday photos",
    "switch seats with Sam",
    "search the attic for the old lamp",
    "save a seat for me",
    "open a new account at the bank",
    "print the boarding passes",
    "copy the recipe from Grandma's book",
    "close the curtains",
    "delete that old voicemail",
    "go home",
    "cut the cake",
]
THENS = [
    "call me",
    "rest",
    "lock the door",
    "water the plants",
    "feed the cat",
    "send the invoice",
    "tell Maria",
    "head to the gym",
    "grab some coffee",
    "pick up the kids",
    "take a nap",
    "text me when you arrive",
    "return the library books",
    "close the ticket",
    "go home",
    "save the rest for tomorrow",
    "start dinner",
    "walk the dog",
    "check the mail",
    "enjoy the sun",
    "go to bed early",
    "write the thank you cards",
    "book the table",
    "pack the car",
]
TAILS = [
    "",
    " after lunch",
    " before Friday",
    " tonight",
    " tomorrow morning",
    " this weekend",
    " when you get a chance",
    " before the guests arrive",
    " after the meeting",
    " on the way home",
]
JOINS = [" and ", ", then ", " and then ", " then ", ", and "]

# Written outright: prose that mentions the acts of the tool, said to a person.
PROSE_OUTRIGHT = [
    "Put each name on a new line please.",
    "Each address goes on a new line.",
    "You can copy the link and paste it in the chat.",
    "Just type your password and press enter.",
    "You have to press enter twice for it to work.",
    "Did you save the file before you closed it?",
    "I'll undo the changes tomorrow if they break anything.",
    "The new tab design looks great on my phone.",
    "She told me to select all the photos and delete them.",
    "He keeps hitting send before he finishes the sentence.",
    "We went home and then walked the dog.",
    "Go home and rest, then call me.",
    "I will copy the notes and close the ticket after lunch.",
    "Press the button and then wait for the green light.",
    "If it freezes, close the app and open it again.",
    "I scrolled down and then found the old message.",
    "My dad still types with two fingers and then complains.",
    "Select a date and then tell everyone in the group.",
    "After the talk we switched rooms and had coffee.",
    "I copied the numbers, then pasted them into the budget.",
    "The kids cut the paper and then glued it to the card.",
    "Turn left at the bakery and then go up the hill.",
    "Go down two streets and then turn right.",
    "Move the lamp up a bit, then take the picture.",
    "Scratch that idea, we'll do it another way.",
    "Hit save every few minutes or you'll lose your work.",
    "She deleted the message and then regretted it.",
    "Insert the key, turn it twice, then push the door.",
    "Open the box, take out the cable and plug it in.",
    "The teacher said to skip a line after every answer.",
    "When you reach the page, scroll to the bottom and sign.",
    "Escape the city for a weekend and then come back rested.",
    "Clear your schedule on Friday and then we can plan.",
    "Tab through the form and then click submit.",
    "Copy that down in your notebook before you forget.",
    "I pressed undo three times and it still looked wrong.",
    "Find the file, rename it, then email it to me.",
    "He typed the whole letter and then lost it.",
    "Let's close the shop early and go to the beach.",
    "Save the draft and send it to me tonight.",
]


SECOND_PERSON = {"Can you", "Please", "Remember to", "Don't forget to", "You should", "Could you"}


def prose_uncut(rng: random.Random) -> list[Item]:
    out = [Item(t, D, ("command-words-in-prose", "uncut"), "prose", PROSE_W) for t in PROSE_OUTRIGHT]
    seen = {t.lower() for t in PROSE_OUTRIGHT}
    for _ in range(3000):
        opener = rng.choice(OPENERS)
        act, then, tail = rng.choice(ACTS), rng.choice(THENS), rng.choice(TAILS)
        if act.split()[0] == then.split()[0]:
            continue
        if opener not in SECOND_PERSON and (" me" in f" {then} " or "you" in tail):
            continue  # "I'll ... call me", "We ... when you get a chance"
        text = f"{opener} {act}{rng.choice(JOINS)}{then}{tail}"
        text += "?" if opener in ("Can you", "Could you") else "."
        if text.lower() in seen:
            continue
        seen.add(text.lower())
        out.append(Item(text, D, ("command-words-in-prose", "uncut"), "prose", PROSE_W))
    return out


FAMILIES = [
    # name, quota, function, context weights (each item carries its own)
    ("mixed-cmd-type", 300, cmd_type, None),
    ("mixed-cmd-text", 160, cmd_text, None),
    ("mixed-text-cmd", 320, text_cmd_family, None),
    ("mixed-text-cmd-text", 160, text_cmd_text, None),
    ("mixed-chain", 240, chain, None),
    ("mixed-type-payload", 200, type_payload, None),
    ("mixed-formatter", 160, formatter, None),
    ("mixed-prose-uncut", 400, prose_uncut, None),
]
