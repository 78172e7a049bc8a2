"""Command families: vozctl's registry and what voice-coding users say to other tools."""

from __future__ import annotations

import random
from functools import partial

from common import Item, count_text, items, number_words

C = "command"
DIRS = ["up", "down", "left", "right"]


_items = partial(items, label=C)


# --- vozctl exact phrases -------------------------------------------------------------

VOZ_EXACT = [
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
    "pane left",
    "pane right",
    "pane up",
    "pane down",
    "focus left",
    "focus right",
    "focus up",
    "focus down",
]


def voz_exact(rng: random.Random) -> list[Item]:
    return _items(
        VOZ_EXACT, ("vozctl", "exact"), kinds={"editor": 5, "terminal": 3, "browser": 1, "finder": 0.5}
    )


# --- vozctl count patterns ----------------------------------------------------------------


def voz_count(rng: random.Random) -> list[Item]:
    out: list[Item] = []
    for n in range(1, 13):
        for d in DIRS:
            out.append(Item(f"go {count_text(rng, n)} {d}", C, ("vozctl", "count")))
            out.append(Item(f"select {count_text(rng, n)} {d}", C, ("vozctl", "count")))
        for d in ("left", "right"):
            w = "word" if n == 1 else "words"
            out.append(Item(f"{count_text(rng, n)} {w} {d}", C, ("vozctl", "count")))
            out.append(Item(f"go {count_text(rng, n)} {w} {d}", C, ("vozctl", "count")))
            out.append(Item(f"select {count_text(rng, n)} {w} {d}", C, ("vozctl", "count")))
        w = "word" if n == 1 else "words"
        out.append(Item(f"delete {count_text(rng, n)} {w}", C, ("vozctl", "count")))
        out.append(Item(f"delete {count_text(rng, n)}", C, ("vozctl", "count")))
    for d in ("left", "right"):
        out += [
            Item(f"word {d}", C, ("vozctl",)),
            Item(f"select word {d}", C, ("vozctl",)),
            Item(f"go word {d}", C, ("vozctl",)),
        ]
    return out


# --- vozctl lines and ends -------------------------------------------------------------------

LINE_ENDS = [
    "go to the beginning of the line",
    "start of line",
    "go to the end of the line",
    "back",
    "top of file",
    "go to the bottom of the file",
    "end of line",
    "beginning of line",
    "go to the start of the line",
    "bottom of file",
    "go to the top of the file",
    "line start",
    "line end",
    "file top",
    "file bottom",
]


def voz_lines(rng: random.Random) -> list[Item]:
    out = _items(LINE_ENDS, ("vozctl", "line"))
    nums = sorted({rng.randint(1, 999) for _ in range(80)} | {1, 10, 20, 42, 50, 100, 120, 300})
    for n in nums:
        say = str(n) if rng.random() < 0.6 else number_words(n)
        verb = rng.choice(["go to line", "go to line", "select line", "line", "go line"])
        out.append(Item(f"{verb} {say}", C, ("vozctl", "line")))
    return out


# --- type / insert with a payload -------------------------------------------------------

TYPE_PAYLOADS = [
    "hello world",
    "TODO fix this",
    "git status",
    "return none",
    "import numpy as np",
    "the quick brown fox",
    "my email address",
    "localhost",
    "self",
    "console log",
    "print debug",
    "async def main",
    "def test parser",
    "select star from users",
    "thanks for the review",
    "version two",
    "null",
    "true",
    "false",
    "let me check",
    "npm run dev",
    "see you tomorrow",
    "FIXME",
    "pass",
    "yes",
    "lorem ipsum",
]
INSERT_PAYLOADS = [
    "slash",
    "space",
    "tab",
    "enter",
    "newline",
    "dash",
    "comma",
    "colon",
    "equals",
    "arrow",
    "date",
    "today's date",
    "timestamp",
    "signature",
    "a blank line",
    "two spaces",
    "underscore",
    "open paren",
    "uuid",
    "license header",
]


def voz_type(rng: random.Random) -> list[Item]:
    out = [Item(f"type {p}", C, ("vozctl", "type-payload")) for p in TYPE_PAYLOADS]
    out += [Item(f"insert {p}", C, ("vozctl", "type-payload")) for p in INSERT_PAYLOADS]
    out += _items(
        [
            "type thanks for the review I will look at the comments tomorrow",
            "type see you at the meeting on Thursday afternoon",
            "type the build failed because of a missing import in the parser",
            "insert a blank line and then the current date",
            "type hello everyone and welcome to the voice coding workshop",
            "type return the sum of all the values in the list",
        ],
        ("vozctl", "type-payload", "long-command"),
    )
    out += _items(
        [
            "type that",
            "type in hello",
            "insert space twice",
            "type capital a",
            "type the word function",
            "insert new line below",
            "insert line above",
        ],
        ("vozctl", "type-payload"),
    )
    return out


# --- natural phrasings of vozctl's acts -----------------------------------------------------


def voz_natural(rng: random.Random) -> list[Item]:
    t = ("natural",)
    out = _items(
        [
            "could you undo that",
            "undo that",
            "undo the last change",
            "please undo",
            "can you undo that please",
            "redo that",
            "put it back",
            "get rid of that",
            "delete the last word",
            "remove the last word",
            "take that back",
            "save the file",
            "can you save this",
            "save it",
            "select the whole line",
            "select everything",
            "highlight this line",
            "copy this line",
            "copy that line",
            "paste it",
            "paste that here",
            "cut this line",
            "go back to the start of the file",
            "take me to the top of the file",
            "jump to the top",
            "jump to the bottom",
            "go all the way down",
            "move to the end of the line",
            "move to the start of the line",
            "go to the end of the file",
            "scroll to the top",
            "move the cursor to the end",
            "press enter",
            "hit enter",
            "hit escape",
            "press tab",
            "hit backspace",
            "press space",
            "hit return",
            "open a new tab",
            "close this tab",
            "close the tab",
            "go to the next tab",
            "switch to the previous tab",
            "switch to the next app",
            "next window please",
            "move focus to the left pane",
            "focus the right pane",
            "move to the pane on the left",
            "comment this out",
            "comment out this line",
            "find in this file",
            "open the file finder",
            "clear the terminal",
            "clear the screen",
            "stop the process",
            "kill it",
            "cancel that",
            "exit the shell",
            "switch to command mode",
            "switch to dictation",
            "start dictation",
            "go into typing mode",
            "back to commands",
            "page down please",
            "one page up",
            "scroll down a page",
            "press control c",
            "delete this word",
            "erase the last word",
            "erase that",
            "new line please",
            "add a new line",
            "go up a line",
            "move up one line",
            "down one line",
            "could you please move the cursor to the very end of this line",
            "can you take me back to the top of the file please",
            "please delete the last three words that I just said",
            "select everything from here to the end of the line",
            "I want to undo the last thing I typed",
            "go back to where I was editing a minute ago",
            "can you jump down to the bottom of this file for me",
            "move the cursor two words to the right please",
            "please switch over to the terminal pane on the right",
            "open a new tab and go to the next window",
            "could you select the whole line and copy it",
            "delete everything I said in the last sentence",
            "could you close this tab and open the previous one again",
            "please scroll down one page so I can read the rest",
            "can you put the cursor at the beginning of the line",
            "hit enter twice and then go up one line",
            "go to line two hundred and forty and select it",
            "undo that and then save the file please",
        ],
        t,
    )
    quant = [
        ("a couple of", 2),
        ("a few", 3),
        ("two", 2),
        ("three", 3),
        ("five", 5),
        ("ten", 10),
        ("4", 4),
        ("6", 6),
        ("twenty", 20),
        ("several", 4),
    ]
    for q, _n in quant:
        for d in ("up", "down"):
            out.append(Item(f"move {d} {q} lines", C, t))
            out.append(Item(f"go {d} {q} lines", C, t))
        the = q.removeprefix("a ")  # "the last couple of words", not "the last a couple"
        out.append(Item(f"delete the last {the} words", C, t))
        out.append(Item(f"move the cursor {q} words to the left", C, t))
        out.append(Item(f"move {q} words right", C, t))
        out.append(Item(f"select the next {the} words", C, t))
        out.append(Item(f"select the previous {the} words", C, t))
        out.append(Item(f"remove the last {the} words", C, t))
        out.append(Item(f"highlight {q} lines down", C, t))
    for n in sorted({rng.randint(2, 400) for _ in range(30)}):
        say = str(n) if rng.random() < 0.5 else number_words(n)
        out.append(
            Item(
                rng.choice(
                    [
                        "jump to line",
                        "take me to line",
                        "go to line number",
                        "can you go to line",
                        "move to line",
                        "show me line",
                        "please go to line",
                        "navigate to line",
                    ]
                )
                + f" {say}",
                C,
                t,
            )
        )
    return out


# --- mis-hearings of vozctl's words ------------------------------------------------------------

MISHEARD = [
    "scraps that",
    "scratched that",
    "scratch the",
    "scratches that",
    "scratch bat",
    "scotch that",
    "pain left",
    "pain right",
    "pain up",
    "pain down",
    "pane write",
    "paint left",
    "pay left",
    "pain lift",
    "focus lift",
    "focus write",
    "focus rite",
    "focus dawn",
    "focused left",
    "got three up",
    "got two down",
    "got five left",
    "got one right",
    "got four down",
    "go tree up",
    "go for down",
    "go too down",
    "go free left",
    "go to up",
    "goat three up",
    "delete too words",
    "delete to words",
    "delete for words",
    "delete tree",
    "delete toe words",
    "select to words left",
    "select tree up",
    "select for down",
    "select line for",
    "go to lion fifty",
    "go to line for",
    "go to lime 20",
    "go to lane 80",
    "goto line 12",
    "go to lion 7",
    "new tap",
    "close tap",
    "next tap",
    "previous tap",
    "close tub",
    "new tub",
    "page town",
    "page dawn",
    "page op",
    "go hum",
    "go and",
    "go in",
    "tale",
    "slab",
    "stump",
    "stomped",
    "control see",
    "control sea",
    "back space",
    "select hole line",
    "select old",
    "and do",
    "read o",
    "dictation mowed",
    "command mod",
    "commend mode",
    "typing mowed",
    "new lion",
    "switch win doe",
    "next up",
    "previous up",
    "switch hap",
    "option the lead",
    "the lead that",
    "delete bird",
    "word lift",
    "three words write",
    "select word write",
    "go to the end of the lion",
    "top of pile",
    "bottom of the pile",
    "comma mode",
    "find oil",
    "go to fail",
    "go to filed",
    "sell that line",
    "copy dat",
    "tap key",
]


def voz_misheard(rng: random.Random) -> list[Item]:
    return _items(MISHEARD, ("misheard", "vozctl"))


# --- modes, microphone, sleep ---------------------------------------------------------------

MODES = [
    "go to sleep",
    "wake up",
    "mic off",
    "mic on",
    "microphone off",
    "microphone on",
    "stop listening",
    "start listening",
    "sleep mode",
    "talon sleep",
    "talon wake",
    "dragon sleep",
    "listen to me",
    "mute mic",
    "unmute mic",
    "pause voice",
    "voice off",
    "voice on",
    "switch to dictation mode",
    "switch to command mode",
    "normal mode",
    "insert mode",
    "visual mode",
    "mixed mode",
    "spell mode",
    "dictation mode off",
    "command mode on",
    "go to sleep now",
    "wake up vozctl",
    "vozctl sleep",
    "vozctl wake up",
    "turn off the mic",
    "turn the microphone off",
    "stop dictation",
    "end dictation",
    "sleep all",
    "snore",
    "hush",
    "drowse",
    "mode dictation",
    "mode command",
    "mode code",
]


def modes(rng: random.Random) -> list[Item]:
    return _items(
        MODES,
        ("mode",),
        kinds={"editor": 4, "terminal": 2, "browser": 1.5, "finder": 0.7, "other": 1, "media": 0.3},
    )


# --- formatters -----------------------------------------------------------------------------

FORMATTERS = [
    "snake",
    "camel",
    "pascal",
    "kebab",
    "dot",
    "dotted",
    "slash",
    "slashed",
    "title",
    "constant",
    "all caps",
    "snake case",
    "camel case",
    "pascal case",
    "kebab case",
    "upper case",
    "lower case",
    "title case",
    "constant case",
    "hammer",
    "smash",
    "dunder",
    "packed",
    "string",
    "lisp",
    "say",
]
IDENT_WORDS = [
    "user name",
    "get value",
    "max retries",
    "http client",
    "main nav",
    "quarterly report",
    "config path",
    "src utils",
    "default timeout",
    "user id",
    "is enabled",
    "parse args",
    "request handler",
    "base url",
    "api key",
    "set state",
    "to string",
    "item count",
    "load model",
    "audio buffer",
    "sample rate",
    "file name",
    "read lines",
    "error message",
    "window title",
    "bundle id",
    "app name",
    "on click",
    "fetch data",
    "last seen",
    "retry after",
    "page size",
    "build output",
    "test runner",
    "vozctl commands",
    "intent classifier",
    "token ids",
    "hidden size",
    "learning rate",
    "batch size",
    "debug mode",
    "cache dir",
    "is valid",
    "has children",
    "first name",
    "post count",
    "validate input",
    "handle error",
    "new line char",
    "json body",
]


def formatter(rng: random.Random) -> list[Item]:
    out = []
    for f in FORMATTERS:
        for w in rng.sample(IDENT_WORDS, 7):
            out.append(Item(f"{f} {w}", C, ("formatter",), kinds=CODE_KINDS))
    return out


CODE_KINDS = {"editor": 7, "terminal": 2, "browser": 0.5, "chat": 0.4, "document": 0.3, "other": 0.3}

# --- NATO spelling ------------------------------------------------------------------------

NATO = [
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
    "x-ray",
    "yankee",
    "zulu",
]
TALON_ALPHA = [
    "air",
    "bat",
    "cap",
    "drum",
    "each",
    "fine",
    "gust",
    "harp",
    "sit",
    "jury",
    "crunch",
    "look",
    "made",
    "near",
    "odd",
    "pit",
    "quench",
    "red",
    "sun",
    "trap",
    "urge",
    "vest",
    "whale",
    "plex",
    "yank",
    "zip",
]


def nato(rng: random.Random) -> list[Item]:
    out = []
    seen = set()
    for _ in range(260):
        n = rng.choice([1, 2, 2, 3, 3, 4, 5])
        letters = []
        for _i in range(n):
            w = rng.choice(NATO)
            if rng.random() < 0.2:
                w = "cap " + w
            letters.append(w)
        text = " ".join(letters)
        if rng.random() < 0.15:
            text = "spell " + text
        if text not in seen:
            seen.add(text)
            out.append(Item(text, C, ("nato", "spelling")))
    for _ in range(40):
        text = " ".join(rng.choice(TALON_ALPHA) for _ in range(rng.choice([2, 3, 4])))
        if text not in seen:
            seen.add(text)
            out.append(Item(text, C, ("nato", "spelling", "talon-alphabet")))
    return out


# --- punctuation words and symbol names -----------------------------------------------------

PUNCT = [
    "comma",
    "period",
    "full stop",
    "question mark",
    "exclamation mark",
    "exclamation point",
    "colon",
    "semicolon",
    "semi colon",
    "dash",
    "hyphen",
    "open paren",
    "close paren",
    "left paren",
    "right paren",
    "open bracket",
    "close bracket",
    "open brace",
    "close brace",
    "left brace",
    "right curly",
    "ellipsis",
    "dot",
    "arrow",
    "fat arrow",
    "double quote",
    "single quote",
    "quote",
    "apostrophe",
    "backtick",
    "triple backtick",
    "underscore",
    "at sign",
    "hash",
    "pound sign",
    "hashtag",
    "dollar sign",
    "percent sign",
    "caret",
    "ampersand",
    "star",
    "asterisk",
    "plus",
    "plus sign",
    "equals",
    "double equals",
    "triple equals",
    "not equals",
    "less than",
    "greater than",
    "pipe",
    "double pipe",
    "tilde",
    "backslash",
    "forward slash",
    "slash",
    "bang",
    "new paragraph",
    "angle bracket",
    "close angle",
    "em dash",
    "dot dot dot",
    "colon colon",
    "plus equals",
    "minus equals",
    "arrow function",
    "space bar",
    "quad",
    "empty parens",
    "empty brackets",
    "square brackets",
    "parens",
    "curly braces",
    "quotes",
    "comma space",
    "period space",
]


def punctuation(rng: random.Random) -> list[Item]:
    return _items(
        PUNCT,
        ("punctuation",),
        kinds={"editor": 5, "document": 2, "terminal": 1.5, "chat": 0.6, "mail": 0.5, "browser": 0.4},
    )


# --- tabs and panes (outside vozctl) -------------------------------------------------------


def tabs_panes(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "close other tabs",
            "close all tabs",
            "reopen tab",
            "reopen closed tab",
            "tab restore",
            "move tab left",
            "move tab right",
            "pin tab",
            "unpin tab",
            "duplicate tab",
            "last tab",
            "first tab",
            "tab back",
            "tab next",
            "tab last",
            "go tab",
            "tab close",
            "new tab please",
            "split right",
            "split left",
            "split down",
            "split up",
            "split pane",
            "split vertical",
            "split horizontal",
            "split editor",
            "unsplit",
            "close pane",
            "close split",
            "next pane",
            "previous pane",
            "last pane",
            "swap panes",
            "zoom pane",
            "unzoom pane",
            "resize pane left",
            "make pane wider",
            "pane bigger",
            "pane smaller",
            "equalize panes",
            "focus editor",
            "focus terminal",
            "focus sidebar",
            "new split",
            "split flip",
            "split clear",
            "cycle panes",
            "other pane",
            "close other panes",
            "maximize pane",
            "group next",
            "move tab to new window",
            "tab to left split",
            "editor group two",
        ],
        ("tabs-panes",),
    )
    for n in range(1, 10):
        w = number_words(n) if rng.random() < 0.6 else str(n)
        out.append(
            Item(rng.choice(["tab", "go tab", "switch to tab", "open tab"]) + f" {w}", C, ("tabs-panes",))
        )
        out.append(Item(rng.choice(["pane", "focus pane", "split", "group"]) + f" {w}", C, ("tabs-panes",)))
    return out


# --- browser ----------------------------------------------------------------------------

SITES = [
    "github",
    "github dot com",
    "hacker news",
    "youtube",
    "gmail",
    "google docs",
    "stack overflow",
    "wikipedia",
    "reddit",
    "the weather",
    "linear",
    "vercel",
    "localhost three thousand",
    "MDN",
    "npm",
    "pypi",
    "docs dot python dot org",
    "calendar",
    "twitter",
    "amazon",
]


def browser(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "reload",
            "refresh",
            "reload page",
            "refresh page",
            "hard refresh",
            "hard reload",
            "go back",
            "go forward",
            "browser back",
            "browser forward",
            "back page",
            "forward page",
            "bookmark this",
            "bookmark page",
            "show bookmarks",
            "bookmarks bar",
            "address bar",
            "focus address bar",
            "go address",
            "url bar",
            "zoom in",
            "zoom out",
            "reset zoom",
            "zoom reset",
            "actual size",
            "dev tools",
            "developer tools",
            "open dev tools",
            "inspect element",
            "toggle dev tools",
            "show history",
            "browser history",
            "downloads",
            "show downloads",
            "private window",
            "incognito window",
            "new browser window",
            "find on page",
            "page top",
            "page bottom",
            "scroll to bottom",
            "copy url",
            "copy link",
            "open link in new tab",
            "show links",
            "hide links",
            "follow link",
            "read mode",
            "reader view",
            "print page",
            "save page",
            "view source",
            "clear cache",
            "mute tab",
            "tab search",
            "search tabs",
            "open settings page",
            "stop loading",
            "go home page",
            "open the downloads folder",
            "go up a level",
        ],
        ("browser",),
    )
    for s in SITES:
        out.append(
            Item(
                rng.choice(["open", "go to", "launch site", "visit", "browse to"]) + f" {s}",
                C,
                ("browser", "open-site"),
            )
        )
    for n in (110, 125, 150, 90, 80):
        out.append(Item(f"zoom to {n} percent", C, ("browser",)))
    return out


# --- IDE commands ------------------------------------------------------------------------

IDE = [
    "go to definition",
    "peek definition",
    "go to declaration",
    "go to implementation",
    "find references",
    "find all references",
    "show references",
    "rename symbol",
    "rename",
    "rename variable",
    "toggle sidebar",
    "hide sidebar",
    "show sidebar",
    "bar explore",
    "bar search",
    "bar git",
    "bar extensions",
    "bar debug",
    "bar switch",
    "panel terminal",
    "panel problems",
    "panel output",
    "panel switch",
    "panel close",
    "format document",
    "format file",
    "format selection",
    "run tests",
    "run test",
    "run this test",
    "run test file",
    "run all tests",
    "debug test",
    "start debugging",
    "debug start",
    "stop debugging",
    "toggle breakpoint",
    "add breakpoint",
    "remove breakpoint",
    "step over",
    "step into",
    "step out",
    "continue execution",
    "fold",
    "unfold",
    "fold all",
    "unfold all",
    "fold region",
    "collapse all",
    "expand all",
    "comment lines",
    "toggle comment",
    "block comment",
    "uncomment",
    "next error",
    "previous error",
    "next problem",
    "previous problem",
    "next warning",
    "command palette",
    "show command palette",
    "file search",
    "quick open",
    "go to symbol",
    "symbol search",
    "workspace symbol",
    "open recent",
    "close editor",
    "close all editors",
    "close other editors",
    "zen mode",
    "toggle zen mode",
    "toggle terminal",
    "new terminal",
    "kill terminal",
    "open settings",
    "keyboard shortcuts",
    "save all",
    "revert file",
    "organize imports",
    "sort imports",
    "quick fix",
    "fix this",
    "show hover",
    "show fix",
    "trigger suggest",
    "accept suggestion",
    "next suggestion",
    "dismiss suggestion",
    "accept copilot",
    "reject suggestion",
    "copilot chat",
    "open chat",
    "inline chat",
    "explain this",
    "go to type definition",
    "show outline",
    "toggle minimap",
    "toggle word wrap",
    "word wrap",
    "select to bracket",
    "jump to bracket",
    "expand selection",
    "shrink selection",
    "add cursor below",
    "add cursor above",
    "select all occurrences",
    "next occurrence",
    "skip occurrence",
    "change all occurrences",
    "indent line",
    "outdent",
    "reindent lines",
    "trim whitespace",
    "open file to the side",
    "reveal in finder",
    "reveal in sidebar",
    "copy path",
    "copy relative path",
    "new file",
    "new folder",
    "rename file",
    "delete file",
    "show problems",
    "run build",
    "build project",
    "run task",
    "restart language server",
    "reload window",
    "open the terminal",
    "show output",
    "toggle panel",
    "maximize panel",
    "go back in history",
    "navigate back",
    "navigate forward",
    "last edit location",
    "toggle line numbers",
    "change language mode",
    "select theme",
    "toggle fold",
]


def ide(rng: random.Random) -> list[Item]:
    return _items(IDE, ("ide",), kinds=EDITOR_KINDS)


EDITOR_KINDS = {"editor": 9, "terminal": 0.6, "browser": 0.3, "chat": 0.2, "other": 0.2}

IDE_GIT = [
    "stage file",
    "stage all",
    "stage all changes",
    "unstage file",
    "unstage all",
    "discard changes",
    "commit staged",
    "commit all",
    "open source control",
    "show git panel",
    "open changes",
    "show diff",
    "toggle blame",
    "show blame",
    "git lens blame",
    "next change",
    "previous change",
    "stage hunk",
    "revert hunk",
    "stage selected lines",
    "sync changes",
    "push branch",
    "pull branch",
    "fetch all",
    "checkout branch",
    "create branch",
    "switch branch",
    "new branch",
    "open git log",
    "show file history",
    "compare with head",
    "open merge editor",
    "accept incoming",
    "accept current",
    "accept both",
    "next conflict",
    "previous conflict",
    "stash changes",
    "pop stash",
    "open lazygit",
    "copy commit hash",
    "open on github",
    "open pull request",
    "refresh source control",
    "view staged changes",
]


def ide_git(rng: random.Random) -> list[Item]:
    return _items(IDE_GIT, ("ide", "git-action"), kinds=EDITOR_KINDS)


# --- terminal ------------------------------------------------------------------------------

SHELL_ASKS = [
    "list files",
    "show disk usage",
    "find python files",
    "count lines in this folder",
    "show running processes",
    "kill the dev server",
    "show git log",
    "make a new folder",
    "show my ip address",
    "search for todo in source",
    "show hidden files",
    "compress this folder",
    "show the last ten commits",
    "free port three thousand",
    "delete node modules",
    "show environment variables",
    "find large files",
    "show current branch",
    "print working directory",
    "tail the log file",
]


def terminal_cmd(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "run last command",
            "rerun",
            "run again",
            "rerun last command",
            "previous command",
            "next command",
            "history search",
            "reverse search",
            "interrupt",
            "control d",
            "control z",
            "control r",
            "control l",
            "control a",
            "control e",
            "control u",
            "control w",
            "kill process",
            "kill it now",
            "clear screen",
            "clear terminal",
            "clear line",
            "tab complete",
            "complete",
            "accept",
            "accept completion",
            "tmux new window",
            "tmux next window",
            "tmux previous window",
            "tmux split horizontal",
            "tmux split vertical",
            "tmux next pane",
            "tmux detach",
            "tmux zoom",
            "tmux kill pane",
            "tmux rename window",
            "tmux copy mode",
            "tmux scroll up",
            "tmux window two",
            "tmux list sessions",
            "vim save",
            "vim quit",
            "vim save and quit",
            "write quit",
            "save and quit",
            "quit without saving",
            "vim undo",
            "vim visual line",
            "leader f",
            "leader space",
            "go to top vim",
            "next buffer",
            "previous buffer",
            "close buffer",
            "new terminal tab",
            "split terminal",
            "scroll back",
            "terminal scroll up",
            "copy last output",
            "paste and run",
            "run it",
            "execute",
            "run that",
            "run",
            "go to previous directory",
            "jump back a directory",
        ],
        ("terminal-cmd",),
        kinds=TERMINAL_KINDS,
    )
    for ask in SHELL_ASKS:
        out.append(Item(f"shell {ask}", C, ("terminal-cmd", "shell"), kinds=TERMINAL_KINDS))
    return out


TERMINAL_KINDS = {"terminal": 9, "editor": 1.5, "chat": 0.2}

# --- windows, apps, desktops ------------------------------------------------------------------

APPS_SAID = [
    "chrome",
    "slack",
    "code",
    "terminal",
    "finder",
    "spotify",
    "safari",
    "firefox",
    "mail",
    "messages",
    "notes",
    "calendar",
    "iterm",
    "xcode",
    "discord",
    "figma",
    "zoom",
    "notion",
    "obsidian",
    "cursor",
    "warp",
    "music",
    "outlook",
    "teams",
]


def window_app(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "minimise window",
            "minimize",
            "minimize window",
            "maximize",
            "maximize window",
            "zoom window",
            "snap left",
            "snap right",
            "snap left half",
            "snap right half",
            "snap top",
            "snap full",
            "center window",
            "full screen",
            "toggle full screen",
            "exit full screen",
            "next desktop",
            "previous desktop",
            "desktop left",
            "desktop right",
            "mission control",
            "show desktop",
            "app expose",
            "hide app",
            "hide others",
            "quit app",
            "quit",
            "force quit",
            "close window",
            "new window",
            "window left",
            "window right",
            "window next screen",
            "move window to next screen",
            "move window left",
            "window bigger",
            "window smaller",
            "app switcher",
            "cycle windows",
            "last app",
            "bring to front",
            "show all windows",
            "lock screen",
            "take screenshot",
            "screenshot window",
            "screenshot selection",
            "spotlight",
            "open spotlight",
            "open launchpad",
            "notification center",
            "do not disturb on",
            "control center",
            "show emoji picker",
        ],
        ("window-app",),
        kinds=ANY_KINDS,
    )
    for a in APPS_SAID:
        verb = rng.choice(["focus", "switch to", "launch", "open", "bring up", "go to", "show"])
        out.append(Item(f"{verb} {a}", C, ("window-app", "app-name"), kinds=ANY_KINDS))
        if rng.random() < 0.5:
            verb = rng.choice(["focus", "launch", "quit", "hide", "switch to"])
            out.append(Item(f"{verb} {a}", C, ("window-app", "app-name"), kinds=ANY_KINDS))
    for n in range(1, 6):
        w = number_words(n) if rng.random() < 0.6 else str(n)
        out.append(
            Item(
                rng.choice(
                    ["desktop", "go to desktop", "space", "switch to desktop", "move window to desktop"]
                )
                + f" {w}",
                C,
                ("window-app",),
                kinds=ANY_KINDS,
            )
        )
    return out


ANY_KINDS = {
    "editor": 3,
    "terminal": 2,
    "browser": 2,
    "finder": 1.2,
    "media": 0.6,
    "other": 1.2,
    "chat": 0.8,
    "mail": 0.4,
    "document": 0.8,
}

# --- mouse ----------------------------------------------------------------------------


def mouse(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "click",
            "touch",
            "double click",
            "duke",
            "right click",
            "triple click",
            "middle click",
            "control click",
            "shift click",
            "command click",
            "option click",
            "click here",
            "click that",
            "click it",
            "drag",
            "drag end",
            "end drag",
            "mouse drag",
            "release",
            "scroll down",
            "scroll up",
            "scroll left",
            "scroll right",
            "wheel down",
            "wheel up",
            "scroll down a bit",
            "scroll up a little",
            "scroll to top",
            "scroll to the bottom",
            "stop scrolling",
            "auto scroll",
            "mouse grid",
            "grid",
            "grid close",
            "mouse center",
            "move mouse left",
            "move mouse up",
            "mouse up",
            "mouse down",
            "mouse left",
            "mouse right",
            "hover",
            "hover here",
            "park mouse",
            "hide mouse",
            "mouse to center",
            "zoom mouse",
            "eye tracking on",
            "control mouse",
            "click button",
            "click ok",
            "click cancel",
            "click the blue button",
            "right click here",
            "long press",
        ],
        ("mouse",),
        kinds=ANY_KINDS,
    )
    for n in (2, 3, 4, 5, 10, 20):
        out.append(Item(f"scroll down {count_text(rng, n)}", C, ("mouse",), kinds=ANY_KINDS))
        out.append(Item(f"scroll up {count_text(rng, n)}", C, ("mouse",), kinds=ANY_KINDS))
        out.append(Item(f"grid {count_text(rng, n)}", C, ("mouse",), kinds=ANY_KINDS))
    return out


# --- media ------------------------------------------------------------------------------


def media(rng: random.Random) -> list[Item]:
    return _items(
        [
            "play",
            "pause",
            "play pause",
            "resume",
            "stop music",
            "next track",
            "previous track",
            "next song",
            "previous song",
            "skip song",
            "skip",
            "skip track",
            "volume up",
            "volume down",
            "mute",
            "unmute",
            "louder",
            "quieter",
            "softer",
            "shuffle",
            "shuffle on",
            "repeat one",
            "repeat off",
            "like this song",
            "save this song",
            "skip forward thirty seconds",
            "skip back ten seconds",
            "rewind ten seconds",
            "fast forward",
            "rewind",
            "volume to fifty percent",
            "volume thirty",
            "max volume",
            "media play",
            "media next",
            "media pause",
            "play next",
            "play previous",
            "speed up playback",
            "normal speed",
            "play on spotify",
            "pause the music",
            "mute audio",
            "volume down two",
            "volume up three",
            "subtitles on",
            "toggle captions",
            "next chapter",
            "play discover weekly",
        ],
        ("media",),
        kinds=MEDIA_KINDS,
    )


MEDIA_KINDS = {"media": 6, "browser": 2, "editor": 1, "other": 0.8, "terminal": 0.3, "finder": 0.3}

# --- repeat and ordinals --------------------------------------------------------------------


def repeat(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "twice",
            "thrice",
            "three times",
            "four times",
            "five times",
            "ten times",
            "repeat that",
            "repeat",
            "repeat last",
            "repeat last command",
            "do it again",
            "do that again",
            "again",
            "once more",
            "one more time",
            "same again",
            "repeat twice",
            "repeat three",
            "repeat five times",
            "again please",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "twentieth",
            "repeat that twice",
            "do that three more times",
            "and again",
            "repeat phrase",
            "redo last command",
            "run that again",
        ],
        ("repeat",),
        kinds=EDITOR_KINDS,
    )
    for n in range(2, 8):
        out.append(Item(f"repeat {number_words(n)}", C, ("repeat",), kinds=EDITOR_KINDS))
    return out


# --- menus, choices, help, snippets --------------------------------------------------------


def menu_help(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "help",
            "show help",
            "help me",
            "what can I say",
            "show commands",
            "list commands",
            "help alphabet",
            "help formatters",
            "help symbols",
            "help context",
            "help active",
            "help search tab",
            "help close",
            "close help",
            "hide help",
            "help next",
            "help previous",
            "show cheat sheet",
            "open command list",
            "what are my commands",
            "help scope",
            "show numbers",
            "hide numbers",
            "numbers",
            "show labels",
            "hide labels",
            "choose last",
            "pick first",
            "choose first",
            "pick last",
            "select option",
            "next option",
            "previous option",
            "confirm",
            "dismiss",
            "close menu",
            "open menu",
            "menu bar",
            "context menu",
            "show menu",
            "pick that one",
            "choose this",
            "ok button",
            "press ok",
            "cancel button",
            "accept dialog",
            "dismiss notification",
        ],
        ("menu-help",),
        kinds=ANY_KINDS,
    )
    for n in range(1, 10):
        w = number_words(n) if rng.random() < 0.7 else str(n)
        verb = rng.choice(["choose", "pick", "select option", "option", "click"])
        out.append(Item(f"{verb} {w}", C, ("menu-help", "choice"), kinds=ANY_KINDS))
        verb = rng.choice(["choose", "pick", "number", "item"])
        out.append(Item(f"{verb} {w}", C, ("menu-help", "choice"), kinds=ANY_KINDS))
    return out


SNIP_NAMES = [
    "if else",
    "for loop",
    "while loop",
    "try catch",
    "try except",
    "function",
    "class",
    "main guard",
    "print",
    "console log",
    "arrow function",
    "import",
    "dataclass",
    "test function",
    "switch",
    "match",
    "struct",
    "enum",
    "list comprehension",
    "docstring",
    "todo comment",
    "async function",
    "use effect",
    "describe block",
    "fixture",
    "lambda",
]


def snippets(rng: random.Random) -> list[Item]:
    out = []
    for s in SNIP_NAMES:
        verb = rng.choice(["snip", "snippet", "insert snippet", "snip", "make"])
        out.append(Item(f"{verb} {s}", C, ("snippet",), kinds=EDITOR_KINDS))
        if rng.random() < 0.5:
            out.append(Item(f"snip {s}", C, ("snippet",), kinds=EDITOR_KINDS))
    out += _items(
        [
            "snip next",
            "snip last",
            "next placeholder",
            "previous placeholder",
            "expand snippet",
            "list snippets",
            "insert snippet",
        ],
        ("snippet",),
        kinds=EDITOR_KINDS,
    )
    return out


# --- text navigation and editing beyond vozctl -------------------------------------------


def text_edit(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "select next word",
            "select previous word",
            "select word",
            "select to end of line",
            "select to start of line",
            "select to end of file",
            "select paragraph",
            "select block",
            "select inside quotes",
            "select inside parens",
            "select function",
            "select up",
            "clear line",
            "clear to end of line",
            "copy line",
            "copy word",
            "copy all",
            "cut line",
            "cut word",
            "paste below",
            "paste above",
            "paste plain",
            "paste match style",
            "duplicate line",
            "clone line",
            "delete line",
            "kill line",
            "chuck line",
            "delete to end",
            "delete to start of line",
            "swap line up",
            "swap line down",
            "move line up",
            "move line down",
            "indent",
            "dedent",
            "unindent",
            "join lines",
            "new line above",
            "new line below",
            "open line above",
            "line above",
            "line below",
            "word right",
            "word left",
            "go word right",
            "end of word",
            "start of word",
            "paragraph down",
            "paragraph up",
            "next paragraph",
            "previous paragraph",
            "top",
            "bottom",
            "go to top",
            "go to bottom",
            "clear word",
            "delete next word",
            "delete previous word",
            "backspace word",
            "wipe",
            "wipe line",
            "carve",
            "copy that",
            "cut that",
            "paste that",
            "paste here",
            "paste again",
            "select that",
            "undo twice",
            "redo twice",
            "uppercase that",
            "lowercase that",
            "capitalize that",
            "title case that",
            "sentence case",
            "bold",
            "italic",
            "underline",
            "make that bold",
            "strike through",
            "make it a heading",
            "bullet list",
            "numbered list",
            "indent more",
            "select sentence",
            "delete sentence",
            "select last sentence",
            "correct that",
            "spell that",
            "no space",
            "cap that",
            "press delete",
            "hit delete three times",
            "backspace five",
            "delete four times",
        ],
        ("text-nav",),
        kinds=TEXT_KINDS,
    )
    return out


TEXT_KINDS = {"editor": 6, "document": 3, "terminal": 1, "mail": 0.6, "chat": 0.5, "browser": 0.4}

# --- find and replace --------------------------------------------------------------------

FIND_TERMS = [
    "todo",
    "foo",
    "user id",
    "main",
    "error",
    "import",
    "config",
    "handler",
    "timeout",
    "the word parser",
    "fixme",
    "audio",
    "token",
    "class",
    "retry",
]


def find_replace(rng: random.Random) -> list[Item]:
    out = _items(
        [
            "find next",
            "find previous",
            "next match",
            "previous match",
            "find and replace",
            "replace",
            "replace all",
            "replace next",
            "find in files",
            "search in files",
            "search project",
            "find in project",
            "replace in files",
            "toggle case sensitive",
            "toggle regex",
            "whole word",
            "close find",
            "clear search",
            "select all matches",
            "find selection",
            "search everywhere",
            "find file",
            "find symbol",
            "hunt this",
            "hunt next",
            "hunt previous",
            "find this",
        ],
        ("find-replace",),
        kinds=TEXT_KINDS,
    )
    for term in FIND_TERMS:
        verb = rng.choice(["find", "search for", "hunt", "search", "find all", "hunt this"])
        out.append(Item(f"{verb} {term}", C, ("find-replace",), kinds=TEXT_KINDS))
    for a, b in [
        ("foo", "bar"),
        ("user", "account"),
        ("get", "fetch"),
        ("true", "false"),
        ("color", "colour"),
        ("old name", "new name"),
        ("tabs", "spaces"),
        ("let", "const"),
        ("print", "log"),
        ("teh", "the"),
    ]:
        out.append(Item(f"replace {a} with {b}", C, ("find-replace",), kinds=TEXT_KINDS))
    return out


# --- Cursorless / Serenade style -----------------------------------------------------------


def jargon(rng: random.Random) -> list[Item]:
    out = []
    verbs = [
        "take",
        "chuck",
        "bring",
        "change",
        "clear",
        "copy",
        "pre",
        "post",
        "move",
        "swap",
        "pour",
        "drink",
        "fold",
        "comment",
        "reverse",
        "clone",
        "indent",
    ]
    marks = [
        "air",
        "bat",
        "cap",
        "drum",
        "each",
        "fine",
        "gust",
        "harp",
        "sit",
        "jury",
        "near",
        "odd",
        "pit",
        "red",
        "sun",
        "trap",
        "urge",
        "vest",
        "whale",
        "zip",
    ]
    scopes = ["", "line ", "funk ", "token ", "arg ", "state ", "block ", "word "]
    for _ in range(70):
        v = rng.choice(verbs)
        s = rng.choice(scopes)
        m = rng.choice(marks)
        text = f"{v} {s}{m}"
        if rng.random() < 0.2:
            text += f" to {rng.choice(marks)}"
        out.append(Item(text, C, ("jargon", "cursorless")))
    out += _items(
        [
            "add import",
            "go to function main",
            "add parameter",
            "delete function",
            "select class",
            "go to next function",
            "add comment",
            "change return value",
            "go to phrase",
            "next argument",
            "delete argument",
            "copy function",
            "add method",
            "go to line end",
            "select tag",
            "rename function",
        ],
        ("jargon", "serenade"),
    )
    return out


FAMILIES = [
    # name, quota, function, context weights
    ("voz-exact", 140, voz_exact, None),
    ("voz-count", 140, voz_count, None),
    ("voz-lines", 85, voz_lines, None),
    ("voz-type", 70, voz_type, None),
    ("voz-natural", 150, voz_natural, None),
    ("voz-misheard", 110, voz_misheard, None),
    ("modes-mic", 60, modes, None),
    ("formatter", 140, formatter, None),
    ("nato", 100, nato, None),
    ("punctuation", 90, punctuation, None),
    ("tabs-panes", 80, tabs_panes, None),
    ("browser", 110, browser, None),
    ("ide", 130, ide, None),
    ("ide-git", 50, ide_git, None),
    ("terminal-cmd", 100, terminal_cmd, None),
    ("window-app", 85, window_app, None),
    ("mouse", 60, mouse, None),
    ("media", 45, media, None),
    ("repeat", 50, repeat, None),
    ("menu-help", 55, menu_help, None),
    ("snippets", 40, snippets, None),
    ("text-nav", 90, text_edit, None),
    ("find-replace", 60, find_replace, None),
    ("jargon", 50, jargon, None),
]
