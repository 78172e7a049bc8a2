"""Dictation that looks like a command on the surface.

Shell lines spoken into terminals, search queries, short replies, imperative commit
messages and issue titles, and code comments, composed from many different words.
Every phrase here was written for this project.
"""

from __future__ import annotations

import random

from common import Item

D = "dictation"

TERMINAL_KINDS = {"terminal": 9, "editor": 0.8}
SEARCH_KINDS = {"browser": 8, "finder": 0.6, "other": 0.5, "media": 0.3}
CHAT_KINDS = {"chat": 8, "mail": 1.2, "document": 0.3, "other": 0.2}
DEV_KINDS = {"editor": 4, "terminal": 2.5, "browser": 1.5, "chat": 0.6, "other": 0.8}
COMMENT_KINDS = {"editor": 9, "terminal": 0.5, "document": 0.4}


# --- shell text --------------------------------------------------------------------------

SHELL_TOOLS: list[tuple[str, list[str]]] = [
    ("mkdir", ["build", "dist", "tmp", "logs", "dash p src utils", "data raw", "notes",
               "scripts", "assets images", "test fixtures"]),
    ("cat", ["readme", "readme dot md", "package dot json", "dot env", "config dot yaml",
             "requirements dot txt", "makefile", "log dot txt", "etc hosts", "cargo dot toml"]),
    ("pytest", ["tests", "dash x", "dash k parser", "tests slash test api dot py", "dash v",
                "dash dash lf", "dash s", "dash q tests", "dash n auto", "dash dash co"]),
    ("npm run", ["dev", "build", "test", "lint", "start", "format", "storybook", "preview",
                 "typecheck", "e2e"]),
    ("npm install", ["react", "dash d typescript", "express", "lodash", "zod", "vite",
                     "dash g pnpm", "axios", "prettier", "eslint"]),
    ("docker compose", ["up", "down", "up dash d", "logs dash f", "ps", "build", "restart",
                        "pull", "exec web bash", "stop"]),
    ("docker", ["run dash it ubuntu", "images", "ps dash a", "system prune", "logs api",
                "stop web", "pull postgres", "exec dash it db psql", "network ls", "volume ls"]),
    ("git", ["add dash p", "commit dash dash amend", "push dash u origin main", "log dash p",
             "switch main", "restore dot", "cherry pick", "tag v one", "diff dash dash staged",
             "clean dash fd", "bisect start", "reflog", "show head", "merge dev",
             "pull dash dash rebase", "remote add origin", "clone", "init", "worktree list"]),
    ("kubectl", ["get nodes", "describe pod api", "logs dash f worker", "apply dash f deploy",
                 "get svc", "delete pod web", "rollout restart", "config get contexts",
                 "port forward svc api 8080", "top pods"]),
    ("cargo", ["check", "clippy", "fmt", "add serde", "run dash dash release", "bench",
               "doc dash dash open", "update", "new hello", "install ripgrep"]),
    ("go", ["mod tidy", "build dot slash dot dot dot", "vet", "get", "fmt", "mod init app",
            "test dash v", "run dot", "work sync", "generate"]),
    ("brew", ["install jq", "install fd", "upgrade", "list", "doctor", "services list",
              "install dash dash cask firefox", "uninstall node", "search ffmpeg", "cleanup"]),
    ("python", ["manage dot py runserver", "manage dot py migrate", "dash m http dot server",
                "setup dot py install", "train dot py", "dash c import torch", "app dot py",
                "dash m pip freeze", "scripts slash eval dot py", "dash i"]),
    ("pip", ["install requests", "install dash e dot", "uninstall torch", "freeze",
             "install dash u pip", "show numpy", "install flask", "install pandas",
             "check", "install black"]),
    ("uv", ["run pytest", "add httpx", "pip install", "venv", "lock", "run ruff check",
            "tool install ruff", "sync dash dash dev", "remove numpy", "python list"]),
    ("ls", ["src", "dash lah", "tests", "dash t", "home", "downloads", "dash r", "star dot py",
            "data", "dash 1"]),
    ("cd", ["src", "tilde", "dash", "downloads", "back end", "front end", "dot dot slash dot dot",
            "work main", "documents", "repos"]),
    ("grep", ["dash rn todo src", "dash i error log dot txt", "dash v debug", "main star dot go",
              "dash c import", "dash l fixme", "import numpy", "dash w def", "password dot env",
              "dash e warn dash e error"]),
    ("rm", ["dash rf node modules", "build", "dash r dist", "star dot pyc", "temp dot txt",
            "dash i old", "core", "log", "dash f lock file", "cache"]),
    ("ssh", ["root at server", "dev box", "pi at raspberry pi", "dash i key prod",
             "git at github dot com", "staging", "bastion", "build server", "ubuntu at ten dot zero",
             "gpu box"]),
    ("curl", ["dash i example dot com", "dash x post localhost", "dash o file", "wttr dot in",
              "dash s api slash health", "dash l", "ifconfig dot me", "dash h auth",
              "localhost 3000", "dash v https"]),
    ("yarn", ["install", "build", "test", "dev", "add dash d jest", "lint", "upgrade",
              "workspace api start", "why react", "remove moment"]),
    ("make", ["build", "install", "lint", "run", "dev", "all", "release", "docs", "check",
              "format"]),
    ("vim", ["readme", "dot zshrc", "main dot c", "makefile", "todo dot txt", "config",
             "notes dot md", "dot gitignore", "init dot lua", "crontab"]),
]
CODE_LINES = [
    "import numpy as np", "import pandas as pd", "import torch", "from pathlib import path",
    "import matplotlib dot pyplot as plt", "from typing import any", "import os", "import sys",
    "import json", "from collections import counter", "import re", "import asyncio",
    "def main", "return none", "print df dot shape", "x equals np dot zeros ten",
    "for i in range ten", "if name equals main", "self dot assert equal", "raise value error",
    "console dot log hello", "const app equals express", "let count equals zero",
    "export default app", "fn main", "println hello", "use std io", "package main",
    "func main", "select count star from orders", "show tables", "describe users",
    "drop table temp", "len of items", "type of x", "dir of obj",
    "model dot eval", "optimizer dot step", "loss dot backward", "plt dot show",
    "df dot describe", "df dot columns", "np dot arange five", "list of range three",
]


def terminal_more(rng: random.Random) -> list[Item]:
    out = []
    for tool, args in SHELL_TOOLS:
        for a in args:
            out.append(Item(f"{tool} {a}", D, ("terminal-text", "shell-text"), "shell",
                            TERMINAL_KINDS))
    out += [Item(x, D, ("terminal-text", "code-line"), "shell", TERMINAL_KINDS)
            for x in CODE_LINES]
    return out


# --- search queries ----------------------------------------------------------------------

SEARCH_THINGS = [
    "pizza", "sushi", "coffee", "ramen", "tacos", "bakery", "pharmacy", "gas station",
    "hardware store", "vet", "dentist", "gym", "laundromat", "bike shop", "bookstore",
    "thai food", "farmers market", "car wash", "post office", "urgent care", "ice cream",
    "vegan restaurant", "climbing gym", "swimming pool", "dog park", "barber",
]
SEARCH_SUFFIX = ["near me", "open now", "opening hours", "reviews", "delivery",
                 "open late", "prices", "near the station"]
DEV_TOPICS = [
    "python list comprehension", "python f string format", "python decorators explained",
    "python read csv", "python virtual environment", "python sort dict by value",
    "javascript array map", "javascript promise all", "javascript debounce function",
    "typescript enum vs union", "rust lifetimes", "rust error handling", "go channels",
    "go generics", "bash for loop", "bash if file exists", "css flexbox center",
    "css grid template", "html form validation", "sql left join", "sql group by having",
    "regex email validation", "git rebase interactive", "git cherry pick",
    "docker volume mount", "kubernetes ingress", "nginx reverse proxy", "react hooks rules",
    "react context api", "swift ui list", "kotlin coroutines", "java stream filter",
    "c pointer arithmetic", "numpy broadcasting", "pandas pivot table", "pytorch data loader",
    "transformer attention", "big o notation", "binary search", "merge sort",
]
DEV_SUFFIX = ["", "example", "tutorial", "vs", "not working", "documentation", "stack overflow",
              "best practices", "cheat sheet"]
LIFE_QUERIES = [
    "how to tie a tie", "how to boil rice", "how to remove wine stain", "how long to bake potatoes",
    "best time to plant tulips", "how to unclog a drain", "what to do in Lisbon",
    "cheap hotels in Prague", "weather this weekend", "sunset time today", "train to Brighton",
    "how far is the moon", "why do cats purr", "how many calories in an apple",
    "how to fold a fitted sheet", "easy chicken curry", "lasagna recipe", "pancake recipe",
    "how to fix a flat tire", "how to change a light bulb", "symptoms of a cold",
    "first aid for burns", "museum opening hours", "public holidays this year",
    "exchange rate euro dollar", "translate good morning to Spanish", "football scores",
    "tennis results", "marathon training plan", "beginner yoga", "best budget headphones",
    "laptop deals", "how to knit a scarf", "sewing machine for beginners",
    "when is the next full moon", "how old is the Eiffel Tower", "capital of Australia",
    "how to grow tomatoes", "houseplants that need little light", "bus 42 timetable",
]


def search_more(rng: random.Random) -> list[Item]:
    out = []
    for t in SEARCH_THINGS:
        for s in rng.sample(SEARCH_SUFFIX, 3):
            out.append(f"{t} {s}")
    for t in DEV_TOPICS:
        for s in rng.sample(DEV_SUFFIX, 2):
            out.append(f"{t} {s}".strip())
    out += LIFE_QUERIES
    return [Item(x, D, ("search-query", "search-more"), "shell", SEARCH_KINDS)
            for x in sorted(set(out))]


# --- short replies ---------------------------------------------------------------------

REPLIES_MORE = [
    "Take care.", "Take care!", "One sec.", "One sec!", "Just a sec.", "Give me a minute.",
    "true", "True!", "So true.", "Fair enough.", "Fair point.", "My bad.", "My bad, sorry!",
    "No stress.", "All set.", "All set!", "Sounds fun.", "Sounds fun!", "Sounds great.",
    "Sure, why not.", "Why not!", "Not really.", "Kind of.", "Sort of.", "I guess.",
    "I think so.", "I don't think so.", "Probably.", "Definitely!", "Definitely not.",
    "Good question.", "Great question!", "No idea.", "Beats me.", "Who knows.",
    "Thanks mate.", "Cheers mate!", "Thanks buddy.", "Love that.", "Love this!",
    "Ha, classic.", "Classic.", "Too funny.", "Dying.", "I'm dead.", "Stop it!",
    "Tell me more.", "Go on.", "Keep me posted.", "Keep me posted!", "Let me know.",
    "Let me know!", "Talk later.", "Catch you later.", "See you there.", "See you then!",
    "Sounds perfect.", "Perfect timing.", "Nice work.", "Great work!", "Good job.",
    "Well played.", "Respect.", "Legend.", "You rock!", "You're the best.", "Bless you.",
    "Hang in there.", "Feel better.", "Rest up.", "Sleep well.", "Sleep tight.",
    "Have a good one.", "Have a great day!", "Have a good weekend.", "Enjoy the trip!",
    "Happy anniversary!", "Happy Thanksgiving!", "Happy Easter!", "Happy weekend!",
    "Already on it.", "Working on it.", "Almost done.", "Nearly there.", "Give me five.",
    "Back in five.", "Back soon.", "Out for lunch.", "In a meeting.", "Can't talk now.",
    "Call you back.", "Text me.", "Ping me.", "Sent!", "Got it!", "Got them, thanks.",
    "Received, thanks.", "Yes!", "Yes, definitely.", "No, thanks.", "Not today.",
    "Next time.", "Maybe next week.", "Sounds about right.", "Spot on.", "Bang on.",
    "Nailed it.", "Oh wow.", "Oh dear.", "Oh well.", "Yikes.", "Phew.", "Whoa.", "Aww.",
    "Aww, thanks!", "Ooh nice.", "Sweet!", "Awesome, thanks.", "Cool, thanks.",
    "Okay cool.", "Alright then.", "Right, got it.", "Makes total sense.", "Same to you.",
    "Likewise.", "Welcome home!", "Miss you lots.", "Thinking of you.", "Big hugs.",
    "Cheers to that!", "Here we go.", "Let's do it!", "Let's go!", "Game on.",
    "Ready when you are.", "Whenever suits you.", "Any time works.", "After lunch?",
    "Lunch?", "Coffee?", "Drinks later?", "Tonight?", "Tomorrow?", "Now?", "Seriously?",
    "For real?", "You sure?", "Why?", "How come?", "Since when?", "Where to?",
]


def replies_more(rng: random.Random) -> list[Item]:
    return [Item(x, D, ("short-reply", "reply-more"), "keep", CHAT_KINDS) for x in REPLIES_MORE]


# --- commit messages and issue titles ---------------------------------------------------

COMMIT_VERBS = ["Fix", "Add", "Improve", "Remove", "Update", "Refactor", "Rename", "Document",
                "Simplify", "Speed up", "Clean up", "Handle", "Validate", "Cache", "Log",
                "Support", "Drop", "Bump", "Move", "Extract", "Test", "Guard against",
                "Deprecate", "Restore", "Tweak"]
COMMIT_OBJECTS = [
    "typo in readme", "confidence threshold option", "the retry loop", "null pointer in login",
    "missing translation strings", "the settings page layout", "date parsing in reports",
    "memory usage in the tokenizer", "slow startup on older laptops", "the upload progress bar",
    "empty state on the dashboard", "error handling in the sync worker", "the cli help text",
    "keyboard shortcut conflicts", "timezone handling in the scheduler", "flaky network test",
    "duplicate keys in the cache", "broken image links", "the onboarding flow",
    "accessibility labels on buttons", "sorting in the file list", "the changelog",
    "the docker image size", "unused feature flags", "pagination edge case",
    "the websocket reconnect logic", "input validation on signup", "the password reset email",
    "stale data after logout", "the audio device picker", "window title detection",
    "the model export script", "the default batch size", "dependency versions",
    "the license header", "type hints in the loader", "a race in the job queue",
    "the dark mode toggle", "encoding issues in csv export", "the search index",
    "the build cache key", "the release workflow", "config file discovery",
    "crash when the microphone is unplugged", "the sample rate conversion",
    "logging noise in production", "the health check endpoint", "tooltip positioning",
]
ISSUE_TITLES_HEAD = ["Crash when", "Error when", "Wrong result when", "App freezes when",
                     "Slow response when", "Nothing happens when", "Duplicate text when",
                     "Warning shown when"]
ISSUE_TITLES_TAIL = [
    "saving a large file", "switching tabs quickly", "the network drops", "opening settings",
    "logging in with SSO", "pasting an image", "the laptop wakes from sleep",
    "using a second monitor", "exporting to PDF", "the window title is empty",
    "dictating into Slack", "resizing the window", "the cache is cold",
    "running on Python 3.13", "renaming a folder", "clicking the back button",
]


def dev_text_more(rng: random.Random) -> list[Item]:
    out = []
    for o in COMMIT_OBJECTS:
        for v in rng.sample(COMMIT_VERBS, 3):
            text = f"{v} {o}"
            if rng.random() < 0.25:
                text = text.lower()
            out.append(Item(text, D, ("commit-message", "dev-text"), "keep", DEV_KINDS))
    for h in ISSUE_TITLES_HEAD:
        for t in rng.sample(ISSUE_TITLES_TAIL, 5):
            out.append(Item(f"{h} {t}", D, ("issue-title", "dev-text"), "keep",
                            {"browser": 5, "other": 3, "editor": 1}))
    return out


# --- code comments ---------------------------------------------------------------------

COMMENTS = [
    "this should never happen", "this should never be reached", "keep this in sync with the schema",
    "do not remove, the tests rely on it", "workaround for a bug in the driver",
    "we retry here because the api is flaky", "assume the input is already sorted",
    "the order matters here", "cheap check first, expensive one later",
    "see the design doc for details", "remove once the migration is done",
    "this is slow but correct", "this runs on the audio thread so keep it short",
    "convert to milliseconds before comparing", "guard against division by zero",
    "fall back to the default when the file is missing", "this can be empty on first launch",
    "note that the index is one based", "the caller owns the buffer",
    "we lock here to avoid a race with the writer", "skip hidden files",
    "normalize the path before hashing", "magic number from the spec",
    "hack until the upstream fix lands", "intentionally left blank",
    "returns none if nothing matched", "raises if the config is invalid",
    "the first row is the header", "strip trailing whitespace from each line",
    "clamp the value between zero and one", "the list may contain duplicates",
    "cache the result for the next call", "only used in tests",
    "this is a temporary debug flag", "keep the public api stable",
    "thread safe as long as nobody mutates the map", "sorted newest first",
    "batch the writes to reduce round trips", "the timeout is in seconds",
    "both branches must return the same type", "ignore errors from the cleanup step",
    "explain why rather than what", "this mirrors the behaviour of the old parser",
    "users reported this on older macOS versions", "trim the transcript before scoring",
    "the window context can be unknown", "labels come from the generator",
    "beware, this mutates the input", "double check the units here",
    "todo make this configurable", "fixme this leaks on error", "todo handle unicode",
    "fixme remove the sleep", "todo add a test for the empty case",
    "todo split this function", "note the off by one", "hack around the rate limit",
]


def comments_more(rng: random.Random) -> list[Item]:
    out = []
    for c in COMMENTS:
        text = c[0].upper() + c[1:] + "." if rng.random() < 0.5 else c
        out.append(Item(text, D, ("code-comment", "dev-text"), "keep", COMMENT_KINDS))
    return out


FAMILIES = [
    ("terminal-text-more", 170, terminal_more, None),
    ("search-query-more", 120, search_more, None),
    ("short-reply-more", 100, replies_more, None),
    ("dev-text-more", 110, dev_text_more, None),
    ("code-comment-more", 50, comments_more, None),
]
