"""Voice-control pack commands that carry free text or name an app's panes, and prose twins.

The community command sets of voice-coding tools (Talon's is the best known) have families
the other families have no words for: a search engine then "hunt" and a query, editor
quick-open and find with a payload ("file hunt user controller", "select next user name"),
chat-app grammar (Discord and Slack panes, emoji by name), the tool's own helpers
("microphone pick two", "nope that was snake", "phones there"), refactors by name in
JetBrains, git actions said in an editor. They are commands wherever they are said: none of
them is an English sentence (LABELING.md, "App-specific grammar").

The counter family keeps English on the dictation side: sentences that use the same words
("the job hunt took months", "brief the team before the launch"). The spoken forms are the
packs' public grammar; every query, payload and sentence was written for this project.
"""

from __future__ import annotations

import random

from commands import FORMATTERS
from common import Item, count_text, items

C, D = "command", "dictation"

ANY = {
    "browser": 3,
    "editor": 2,
    "chat": 1.5,
    "document": 1.5,
    "mail": 1,
    "terminal": 1,
    "finder": 0.6,
    "media": 0.4,
    "other": 1,
}
EDITOR_HOME = {"editor": 8, "terminal": 0.5, "browser": 0.3, "other": 0.2}
CHAT_HOME = {"chat": 8, "other": 0.8, "browser": 0.5}
PROSE_HOME = {"document": 3, "chat": 3, "mail": 2, "editor": 1, "browser": 0.5, "terminal": 0.3, "other": 0.5}

# -- search engines: "<engine> hunt <query>" ---------------------------------------------
ENGINES = [
    "google",
    "wiki",
    "map",
    "amazon",
    "scholar",
    "dock",
    "paper",
    "youtube",
    "github",
    "stack",
    "duck",
    "images",
]
QUERIES = [
    "best ramen near me",
    "train times to leeds",
    "rust borrow checker",
    "how tall is everest",
    "sourdough starter recipe",
    "noise cancelling headphones",
    "tokyo weather tomorrow",
    "french revolution causes",
    "usb c hub",
    "mechanical keyboard switches",
    "attention mechanism survey",
    "graph neural networks",
    "postgres vacuum full",
    "docker compose healthcheck",
    "how to tie a bowline",
    "coffee shops in lisbon",
    "sql window functions",
    "svelte store subscribe",
    "fastapi background tasks",
    "kubernetes liveness probe",
    "bike repair shop",
    "standing desk converter",
    "vim macros tutorial",
    "zig build system",
    "electric kettle",
    "hiking trails near denver",
    "cheap flights to rome",
    "numpy broadcasting rules",
    "typescript generics",
    "css grid auto fill",
    "beam search decoding",
    "the great gatsby summary",
    "climate of patagonia",
    "golang context cancel",
    "wireless mouse",
    "bread flour",
]


def _hunts(rng: random.Random) -> list[Item]:
    out = [Item(f"{engine} that", C, ("pack-grammar", "search-hunt"), "cmd", ANY) for engine in ENGINES[:6]]
    for query in QUERIES:
        for engine in rng.sample(ENGINES, 2):
            out.append(Item(f"{engine} hunt {query}", C, ("pack-grammar", "search-hunt"), "cmd", ANY))
    return out


# -- editor commands with a payload -----------------------------------------------------
CODE_NAMES = [
    "user controller",
    "parse config",
    "load settings",
    "main window",
    "audio buffer",
    "request handler",
    "token cache",
    "retry policy",
    "session store",
    "build script",
    "test utils",
    "schema loader",
    "event bus",
    "payment service",
    "router",
    "logger",
    "read me",
    "package json",
    "docker file",
    "index",
    "app state",
    "query builder",
]
EDITOR_PAYLOAD_VERBS = [
    "file hunt",
    "symbol hunt",
    "go recent",
    "hunt all",
    "hunt this",
    "select next",
    "select last",
    "go next",
    "go last",
    "clear next",
    "comment next",
    "replace all",
    "find everywhere",
    "go to symbol",
    "go to file",
    "copy next",
    "cut last",
]
EDITOR_PLAIN = [
    "refactor extract method",
    "refactor extract variable",
    "refactor inline",
    "refactor move",
    "surround with try catch",
    "surround with if",
    "insert generated getter",
    "insert generated constructor",
    "insert generated setter",
    "create file",
    "create sibling",
    "cursor multiple",
    "cursor down",
    "cursor skip",
    "cursor stop",
    "cursor next",
    "drag line up",
    "drag line down",
    "drag down",
    "go camel left",
    "go camel right",
    "go char comma",
    "go char paren",
    "lend",
    "bend",
    "run test under cursor",
    "continue debug",
]
GIT_EDITOR = [
    "git stage file",
    "git commit amend",
    "git stash apply",
    "git push tags",
    "git pull rebase",
    "git checkout branch",
    "git compare head",
    "git blame line",
    "git discard file",
    "git show history",
    "git next change",
    "git previous change",
    "git stage hunk",
    "git revert hunk",
    "git view log",
]
COMMIT_PAYLOADS = [
    "fix login redirect",
    "update read me",
    "bump version",
    "tidy parser",
    "add retry to uploads",
    "wip on the exporter",
    "remove dead code",
    "rename the config loader",
]


def _editor(rng: random.Random) -> list[Item]:
    out = [
        Item(f"{verb} {name}", C, ("pack-grammar", "editor-payload"), "cmd", EDITOR_HOME)
        for verb in EDITOR_PAYLOAD_VERBS
        for name in rng.sample(CODE_NAMES, 5)
    ]
    out += items(EDITOR_PLAIN, ("pack-grammar", "editor-grammar"), "cmd", EDITOR_HOME, label=C)
    out += [
        Item(f"clone line {count_text(rng, n)}", C, ("pack-grammar", "editor-grammar"), "cmd", EDITOR_HOME)
        for n in rng.sample(range(3, 300), 6)
    ]
    out += [
        Item(
            f"comment {count_text(rng, a)} until {count_text(rng, a + d)}",
            C,
            ("pack-grammar", "editor-grammar"),
            "cmd",
            EDITOR_HOME,
        )
        for a, d in zip(rng.sample(range(2, 200), 6), rng.sample(range(2, 30), 6))
    ]
    return out


def _git(rng: random.Random) -> list[Item]:
    out = items(GIT_EDITOR, ("pack-grammar", "git-editor"), "cmd", EDITOR_HOME, label=C)
    out += [
        Item(f"git commit message {p}", C, ("pack-grammar", "git-editor"), "cmd", EDITOR_HOME)
        for p in COMMIT_PAYLOADS
    ]
    out += [
        Item(f"git stash message {p}", C, ("pack-grammar", "git-editor"), "cmd", EDITOR_HOME)
        for p in rng.sample(COMMIT_PAYLOADS, 4)
    ]
    return out


# -- chat apps: panes, calls, emoji by name --------------------------------------------
CHAT_GRAMMAR = [
    "toggle pins",
    "toggle inbox",
    "toggle member list",
    "toggle deafen",
    "pick emoji",
    "pick sticker",
    "oldest unread",
    "mentions next",
    "mentions last",
    "mark inbox channel read",
    "mark channel read",
    "mark all read",
    "answer call",
    "decline call",
    "unread last",
    "next server",
    "last server",
    "last channel",
    "insert code block",
    "slack threads",
    "slack unread messages",
    "slack bullet list",
    "slack snippet",
    "slack activity",
    "slack status",
    "slack directory",
    "slack saved",
    "slack later",
    "discord friends",
    "discord search",
    "discord settings",
    "meeting exit",
    "meeting camera",
    "meeting share",
    "start video call",
    "accept audio call",
    "accept video call",
    "view work week",
    "open activity",
    "open calendar tab",
    "open chat list",
]
CHANNELS = [
    "general",
    "random",
    "design team",
    "backend",
    "release",
    "help desk",
    "announcements",
    "ops",
    "hiring",
    "mobile",
]
# Emoji names beyond terse_commands.py's "emoji <name>" list (which sits in editors).
EMOJI = [
    "heart eyes",
    "shrugging",
    "roll eyes",
    "broken heart",
    "clapping",
    "crying laughing",
    "thinking",
    "wave",
    "hundred",
    "sparkles",
    "facepalm",
    "check mark",
    "pray",
    "grimace",
]
EMOJI_WORDS = ["emoji", "emote", "emoticon", "kaomoji", "reaction"]


def _chat(rng: random.Random) -> list[Item]:
    out = items(CHAT_GRAMMAR, ("pack-grammar", "chat-grammar"), "cmd", CHAT_HOME, label=C)
    out += [Item(f"channel {c}", C, ("pack-grammar", "chat-grammar"), "cmd", CHAT_HOME) for c in CHANNELS]
    out += [
        Item(f"{w} {e}", C, ("pack-grammar", "emoji"), "cmd", CHAT_HOME)
        for e in EMOJI
        for w in rng.sample(EMOJI_WORDS, 2)
    ]
    return out


# -- the tool's own helpers -------------------------------------------------------------
TOOL_GRAMMAR = [
    "talon restart",
    "talon copy name",
    "talon copy title",
    "talon test last",
    "talon home",
    "talon debug window",
    "talon update",
    "microphone pick one",
    "microphone pick two",
    "microphone pick three",
    "grab window",
    "grab selection",
    "grab screen clip",
    "grab window clip",
    "grab selection clip",
    "recent list",
    "recent repeat one",
    "recent repeat two",
    "recent repeat three",
    "recent copy two",
    "recent close",
    "date insert utc",
    "help search window",
    "set volume forty",
    "set volume twenty",
    "set volume eighty",
    "escape new line",
    "escape comma",
    "no space that",
    "formatted snake hello world",
    "open talon wiki",
    "open google calendar",
    "go to gmail",
    "open talon practice",
    "open hacker news",
    "go to youtube",
    "open jira board",
    "go to outlook web",
]
HOMOPHONES = [
    "there",
    "right",
    "force",
    "hide",
    "write",
    "their",
    "to",
    "too",
    "weight",
    "knew",
    "peace",
    "brake",
    "sight",
    "whole",
]
# One-word code formatters ("say" formats prose, and "say that" reads as a reply; the
# "<name> case" forms already have their own "... that" commands in commands.py).
CODE_FORMATTERS = [f for f in FORMATTERS if " " not in f and f != "say"]
ABBREVIATIONS = [
    "application",
    "configuration",
    "database",
    "directory",
    "function",
    "parameter",
    "as far as I know",
    "by the way",
    "for what it's worth",
    "okay",
    "administrator",
    "environment",
    "temporary",
    "request",
]


def _tool(rng: random.Random) -> list[Item]:
    out = items(TOOL_GRAMMAR, ("pack-grammar", "tool-grammar"), "cmd", ANY, label=C)
    out += [Item(f"phones {w}", C, ("pack-grammar", "tool-grammar"), "cmd", ANY) for w in HOMOPHONES]
    out += [Item(f"brief {a}", C, ("pack-grammar", "tool-grammar"), "cmd", ANY) for a in ABBREVIATIONS]
    out += [
        Item(f"{f} brief {a}", C, ("pack-grammar", "tool-grammar"), "cmd", ANY)
        for f in ("snake", "camel", "title")
        for a in rng.sample(ABBREVIATIONS[:6], 2)
    ]
    out += [Item(f"{f} that", C, ("pack-grammar", "tool-grammar"), "cmd", ANY) for f in CODE_FORMATTERS]
    out += [
        Item(f"{f} paste", C, ("pack-grammar", "tool-grammar"), "cmd", ANY)
        for f in rng.sample(CODE_FORMATTERS, 6)
    ]
    out += [
        Item(f"nope that was {f}", C, ("pack-grammar", "tool-grammar"), "cmd", ANY) for f in CODE_FORMATTERS
    ]
    return out


# -- the same words in English sentences: dictation ----------------------------------------
PACK_WORD_PROSE = [
    "The job hunt took almost four months.",
    "We went on a treasure hunt in the garden.",
    "The hunt for the memory leak is still going.",
    "Google it if you don't believe me.",
    "I looked it up on the wiki last night.",
    "The map in the lobby is out of date.",
    "Amazon says the package arrives on Friday.",
    "Emoji support is coming in the next release.",
    "She replied with a thumbs up emoji.",
    "Please don't use emoji in the release notes.",
    "Brief the team before the launch.",
    "Keep the summary brief and to the point.",
    "The brief for the new logo arrived this morning.",
    "My phone's battery died again.",
    "Their phones were off during the interview.",
    "Refactor the scheduler before Friday.",
    "We should refactor the timezone handling at some point.",
    "The microphone picks up a lot of fan noise.",
    "Grab a coffee and meet me downstairs.",
    "Grab the slides from the shared drive.",
    "The cursor keeps jumping to the end of the line.",
    "Drag the file into the upload area.",
    "The channel for announcements is read only.",
    "Post it in the general channel.",
    "I'll answer the call from the car.",
    "Choose one of the three options by Monday.",
    "Recent changes broke the nightly build.",
    "Nope, that was the old version of the file.",
    "Talon is what I use to code by voice.",
    "The meeting ran long so I'll send notes later.",
    "Mark the invoices as paid when they clear.",
    "Surround the table with chairs before the guests arrive.",
    "Toggle switches are easier to read.",
    "The symbol on the map marks the campsite.",
    "File the receipts under travel expenses.",
    "Select the next speaker from the list of volunteers.",
    "Clear the next two weeks for the move.",
    "Go to the next slide when I nod.",
    "Pick a gift under twenty dollars.",
    "The date on the invoice is wrong.",
    "Set the volume to a level everyone can hear.",
    "Raise your hand if you have questions.",
    "The git history shows who changed it.",
    "Git blame says I wrote that line in March.",
    "Stack the chairs after the talk.",
    "Paper copies will be at the front desk.",
    "Scholarships close at the end of the month.",
    "Images from the trip are in the shared album.",
    "The reaction from users was mostly positive.",
    "Kaomoji look odd in formal email.",
    "The help desk is closed on Sundays.",
    "Spell that out for me when you call.",
    "Cap the budget at five thousand.",
    "Snake plants need very little water.",
    "The camel walked across the dunes.",
    "Title it something short and clear.",
    "Date night is on Thursday this week.",
    "Escape the heat with a swim in the lake.",
    "Phones away during dinner, please.",
]


FAMILIES = [
    ("search-hunt", 78, _hunts, None),
    ("editor-payload", 150, _editor, None),
    ("git-editor", 32, _git, None),
    ("chat-grammar", 95, _chat, None),
    ("tool-grammar", 120, _tool, None),
    (
        "pack-word-prose",
        60,
        lambda rng: items(
            PACK_WORD_PROSE, ("command-words-in-prose", "pack-words"), "prose", PROSE_HOME, label=D
        ),
        None,
    ),
]
