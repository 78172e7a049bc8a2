"""Code, formatter and UI grammar beyond vozctl's list, and prose that opens the same way.

Voice-coding packs speak code and apps in a grammar of their own: operators and
statements ("op not equals", "state return"), prose formatters with a phrase after them
("sentence", "title", "say", "string"), and noun-first UI grammar in every app ("card
next", "filter clear"). None of it is English, so it is a command wherever it is said
(LABELING.md, "App-specific grammar").

The counter families keep English on the dictation side: ordinary sentences that open
with a command or formatter word, or with a number, the way read-aloud speech corpora do.
Every phrase here was written for this project.
"""

from __future__ import annotations

import random

from common import Item, items

C, D = "command", "dictation"

CODE_HOME = {"editor": 7, "terminal": 1.5, "browser": 0.5, "document": 0.4, "chat": 0.3, "other": 0.3}
TEXT_HOME = {"editor": 4, "document": 3, "browser": 1, "chat": 0.8, "mail": 0.6, "terminal": 0.6,
             "other": 0.4}
UI_ANY = {"chat": 2, "document": 2, "browser": 2, "mail": 1, "editor": 1.5, "finder": 1, "media": 0.6,
          "other": 1}
BROWSER_HOME = {"browser": 7, "chat": 0.5, "document": 0.4, "mail": 0.3, "editor": 0.3, "other": 0.3}
PROSE_ANY = {"document": 3, "chat": 2.5, "mail": 2, "editor": 1, "terminal": 0.4, "browser": 0.5,
             "other": 0.6}

# -- code grammar: operators, statements, snippets by name ---------------------------------
CODE_GRAMMAR = [
    "op equals", "op not equals", "op double equals", "op plus", "op minus", "op times",
    "op divide", "op modulo", "op power", "op and", "op or", "op not", "op in", "op not in",
    "op arrow", "op fat arrow", "op greater than", "op less than", "op greater or equal",
    "op less or equal", "op minus equals", "op assign", "op walrus",
    "op lambda", "op ternary", "op pipe", "op spread", "op null coalesce", "op bit and",
    "op bit or", "op shift left", "op shift right", "is null", "is not null", "is none",
    "is instance", "not null", "is true", "is false", "state if", "state else", "state elif",
    "state else if", "state for", "state while", "state return", "state break",
    "state continue", "state try", "state except", "state catch", "state finally",
    "state import", "state from import", "state def", "state class", "state switch",
    "state case", "state with", "state yield", "state async", "state await", "state raise",
    "state throw", "state pass", "state let", "state var", "state function",
    "state struct", "state enum", "state match", "self dot", "this dot",
    "dunder main", "dunder name", "type int", "type string", "type bool", "type list",
    "type dict", "type optional", "type any", "returns none", "return true", "return false",
    "return null", "return self", "args kwargs", "empty list", "empty dict", "empty string",
    "new line string", "format string", "raw string", "f string", "list comprehension",
    "lambda x", "print statement", "log debug", "log info", "log error", "assert equal",
    "assert true", "assert raises", "def test", "snip if main", "snip class", "snip for loop",
    "snip try except", "snip docstring", "snip todo", "todo comment", "doc string",
    "decorator property", "decorator static",
]

# -- prose formatters: the words after them are to be typed, formatted --------------------
PROSE_FORMATTERS = ["sentence", "title", "say", "string", "quote", "phrase", "upper", "lower",
                    "all caps", "title case", "sentence case"]
CODE_PHRASE_FORMATTERS = ["comment", "doc comment", "todo", "log", "print"]
FORMATTER_PAYLOADS = [
    "release notes for version two", "meeting agenda", "how to install the app",
    "known issues", "thanks for the quick review", "user not found", "connection refused",
    "invalid token", "welcome to the team", "quarterly planning", "frequently asked questions",
    "table of contents", "next steps", "open questions", "action items", "project overview",
    "file not saved", "permission denied", "retry in five seconds", "this is only a draft",
    "loading please wait", "something went wrong", "try again later", "hello from berlin",
    "a quick note on naming", "why we moved to rust", "setup on windows", "last updated today",
    "read this first", "the road ahead", "tips and tricks", "password too short",
    "no results found", "saved to disk", "upload failed", "are you sure", "all tests pass",
    "see you on monday", "check the logs", "fix the flaky test", "remove this hack",
    "handle the empty case", "explain the magic number", "keep this in sync with the server",
    "do not edit by hand", "called once per frame", "returns the cached value",
    "skip when offline", "slow path", "happy path", "edge cases", "first draft",
    "summary of the call", "goals for this quarter", "notes from the workshop",
    "update the changelog", "timeout in seconds", "bad request", "not implemented yet",
    "deprecated since two point one",
]

# -- noun-first UI grammar: a thing, then what to do with it ------------------------------
UI_NOUNS = [
    "panel", "page", "card", "item", "row", "column", "list", "group", "folder", "view",
    "field", "link", "result", "match", "block", "cell", "slide", "chapter", "bookmark",
    "reply", "mention", "filter", "label", "tag", "note", "board", "space", "tab group",
    "sheet", "frame", "layer", "widget", "calendar", "event", "task", "ticket", "comment",
    "suggestion", "change", "hunk", "problem", "breakpoint", "marker", "split", "screen",
]
UI_VERBS = [
    "next", "previous", "last", "first", "open", "close", "submit", "clear", "toggle", "show",
    "hide", "new", "delete", "rename", "expand", "collapse", "up", "down", "top", "bottom",
]

BROWSER_GRAMMAR = [
    "tab pin", "tab unpin", "tab duplicate", "tab mute", "tab unmute", "tab restore",
    "tab reopen", "tab search", "tab first", "tab final", "tabs close others", "window private",
    "private window", "incognito window", "reader mode", "reader view", "bookmark page",
    "bookmarks show", "bookmarks bar", "downloads show", "downloads open",
    "dev tools", "devtools toggle", "inspect element", "view source", "page source",
    "address bar", "focus address", "hard reload", "reload hard", "zoom reset",
    "site settings", "extensions open", "extensions page", "cookies clear", "cache clear",
    "print page", "save page", "page find", "find next", "find previous", "link open",
    "link copy", "link new tab", "picture in picture", "full screen toggle", "go forward",
    "go backward", "home page", "show links", "hint links", "click link", "scroll page down",
    "issue new", "new issue", "pull request new", "pull requests show", "issues show",
    "repo star", "repo fork", "code search", "file finder", "blame view", "raw file",
    "actions tab", "settings tab", "wiki open", "notifications show", "profile open",
    "inbox open", "draft save", "draft discard", "compose new",
]

# -- counter families: English that opens the same way ------------------------------------
VERB_FIRST_PROSE = [
    "Type the address on the envelope in capital letters.",
    "Type faster and you will finish before lunch.",
    "Typewriters were loud but they never crashed.",
    "Select the best three photos for the album.",
    "Select few people were invited to the opening.",
    "Selecting a wine for dinner took him an hour.",
    "Choose a card, any card, and keep it hidden.",
    "Choose your words carefully when you talk to the press.",
    "Choosing a name for the puppy started a family argument.",
    "Pick up some milk on your way home.",
    "Pick a colour for the kitchen walls.",
    "Picking apples in October is our family tradition.",
    "Press the garlic and add it to the pan.",
    "Press coverage of the launch was kind.",
    "Insert coin, the old arcade machine said.",
    "Delete nothing from the archive without asking me first.",
    "Copy cats never last in this business.",
    "Copying homework got him a week of detention.",
    "Search parties combed the woods until dawn.",
    "Search your heart before you answer.",
    "Find the old map in the attic and bring it down.",
    "Open fields stretched all the way to the hills.",
    "Open the jar by tapping the lid on the counter.",
    "Close friends are worth more than gold.",
    "Close the oven door gently or the cake will fall.",
    "Clear water ran over the smooth stones.",
    "Cancel culture was all anyone talked about at dinner.",
    "Go fly a kite on the beach this weekend.",
    "Go straight past the church and turn left at the bakery.",
    "Move your car, it's blocking the driveway.",
    "Switch off the heater before you go to bed.",
    "Show the children how to fold a paper boat.",
    "Hide the presents in the wardrobe until Sunday.",
    "Mark the calendar for the school play.",
    "Enter the contest before the end of the month.",
    "Space travel will be cheap one day.",
    "Tab was the name of the soda my grandfather liked.",
    "Escape from the city was all we wanted that summer.",
    "Undo your seatbelt only when the plane has stopped.",
    "Paste the flour and water into a smooth dough.",
    "Cut the ribbon and declare the bridge open.",
    "Save room for dessert, it's chocolate cake.",
    "Scroll through the old letters and you'll find his name.",
    "Zoom calls all day leave me exhausted.",
    "Jump over the puddle or your shoes will get wet.",
    "Drop the kids at school and then come straight back.",
    "Fold the towels and put them on the top shelf.",
    "Run to the corner shop and get some bread.",
    "Stop by the library on your way home.",
    "Play fair or don't play at all.",
    "Pause the story here and pick it up tomorrow night.",
    "Format the report like the one from last year, please.",
    "Comment on the proposal before Friday if you can.",
    "Title deeds for the house are in the safe.",
    "Sentence by sentence, the translation came together.",
    "String the lights along the fence before the party.",
    "Say hello to your mother for me.",
    "Quote the price in euros, not dollars.",
    "Upper floors of the hotel have the best view.",
    "Lower your voice, the baby is asleep.",
    "Snake through the crowd and meet me at the stage.",
    "Dot and her brother walked the dog every evening.",
    "Slash the prices and the store will be empty by noon.",
    "State the facts and leave the opinions out.",
    "Op shops are the best place for old records.",
]

NUMBER_FIRST_PROSE = [
    "Four ducks swam past the old mill.",
    "Twelve chairs stood against the back wall.",
    "Two of us missed the bus this morning.",
    "Three small boats rocked in the harbour.",
    "Five loaves of bread went stale on the counter.",
    "Ten years passed before they met again.",
    "Six geese flew low over the frozen lake.",
    "Eight candles burned on the birthday cake.",
    "Seven people signed up for the pottery class.",
    "One day we will laugh about all of this.",
    "Twenty minutes later the rain finally stopped.",
    "A hundred people came to the funeral.",
    "Fifty pages in, the book finally got interesting.",
    "Nine out of ten dentists agree on very little.",
    "Thirty years of marriage and they still hold hands.",
    "Eleven players ran onto the muddy pitch.",
    "Three times a week she swims before work.",
    "Two cups of coffee is my limit.",
    "Forty steps lead up to the old tower.",
    "Six months ago none of this was possible.",
]


# Pairs that equal an evaluation transcript by chance: left out, so that the overlap
# with ../shared/eval stays what data/README.md reports.
AVOID_PAIRS = {"page next"}


def _pairs(rng: random.Random) -> list[Item]:
    """Noun-first UI commands: about a third of all noun-verb pairs, chosen by the rng."""
    out = []
    for noun in UI_NOUNS:
        for verb in rng.sample(UI_VERBS, 7):
            if f"{noun} {verb}" in AVOID_PAIRS:
                continue
            out.append(Item(f"{noun} {verb}", C, ("app-grammar", "ui-grammar"), "cmd", UI_ANY))
    return out


def _formatted(rng: random.Random) -> list[Item]:
    out = []
    for f in PROSE_FORMATTERS:
        for payload in rng.sample(FORMATTER_PAYLOADS, 8):
            out.append(Item(f"{f} {payload}", C, ("formatter", "formatter-phrase"), "cmd", TEXT_HOME))
    for f in CODE_PHRASE_FORMATTERS:
        for payload in rng.sample(FORMATTER_PAYLOADS, 8):
            out.append(Item(f"{f} {payload}", C, ("formatter", "formatter-phrase"), "cmd", CODE_HOME))
    return out


FAMILIES = [
    ("code-grammar", 150, lambda rng: items(CODE_GRAMMAR, ("code-grammar",), "cmd", CODE_HOME, label=C),
     None),
    ("formatter-phrase", 150, _formatted, None),
    ("ui-grammar", 180, _pairs, None),
    ("browser-grammar", 110, lambda rng: items(BROWSER_GRAMMAR, ("app-grammar", "browser-grammar"),
                                               "cmd", BROWSER_HOME, label=C), None),
    ("verb-first-prose", 130, lambda rng: items(VERB_FIRST_PROSE,
                                                ("command-words-in-prose", "command-word-first"),
                                                "prose", PROSE_ANY, label=D), None),
    ("number-first-prose", 40, lambda rng: items(NUMBER_FIRST_PROSE, ("number-first",), "prose",
                                                 PROSE_ANY, label=D), None),
]
