"""Window contexts for the generator: apps, bundle ids and realistic window titles, in pools.

A pool is a set of windows a family's utterances may be said in; a family's weights
(``Item.kinds``, the presets below) say how often it draws from each pool. Pools only steer
the sampling. What kind of window a record is, for the model, the data tests and the data
report, is the model's rule: :func:`model_kind`, which is
``trm_intent.contract.ContextRules.default().kind`` (the tables of ``trm_intent/app_kinds.py``).

Each pool is named after the model's kind of most of its windows. They disagree on a few
windows, left where they are because moving one to another pool would change which window
every later draw picks, and so the data:

- the ``other`` pool holds Figma, Linear and Calendar, which the model calls ``document``,
  and zoom.us, which it calls ``chat``;
- the ``browser`` pool holds Chrome showing YouTube, which the model calls ``media``;
- the ``unknown`` pool holds, besides the fully unknown window, the partial fallbacks of
  :data:`PARTIAL_UNKNOWN`; the model calls those with a known app by the app's kind.

``tests/test_data_contexts.py`` holds that list to account.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

Context = tuple[str, str, str]  # (app_name, bundle_id, window_title)

UNKNOWN: Context = ("unknown", "unknown", "")

# (app_name, bundle_id, pool, [window titles])
APPS: list[tuple[str, str, str, list[str]]] = [
    # editors
    (
        "Code",
        "com.microsoft.VSCode",
        "editor",
        [
            "intent.py — vozctl",
            "README.md — trm-intent",
            "main.go — api-server",
            "App.tsx — web-client",
            "settings.json — vozctl",
            "test_model.py — trm-intent",
            "Cargo.toml — parser",
            "index.ts — dashboard",
            "Untitled-1",
            "docker-compose.yml — infra",
            "audio.py — vozctl",
            "schema.py — trm-intent",
            "Welcome",
            "CHANGELOG.md — vozctl",
        ],
    ),
    (
        "Cursor",
        "com.todesktop.230313mzl4w4u92",
        "editor",
        [
            "router.ts — checkout-service",
            "models.py — billing",
            "utils.rs — tokenizer",
            "page.tsx — marketing-site",
            "train.py — trm-intent",
            "Makefile — dotfiles",
            "handlers.go — gateway",
            "styles.css — portfolio",
        ],
    ),
    (
        "Xcode",
        "com.apple.dt.Xcode",
        "editor",
        [
            "VoiceBar — ContentView.swift",
            "VoiceBar — AppDelegate.swift",
            "Weather — ForecastViewModel.swift",
            "VoiceBar — Info.plist",
            "Notes — NoteStore.swift",
        ],
    ),
    (
        "PyCharm",
        "com.jetbrains.pycharm",
        "editor",
        [
            "trm-intent – model.py",
            "scraper – spiders/news.py",
            "vozctl – commands.py",
            "analytics – notebooks/cohorts.py",
            "django-shop – views.py",
        ],
    ),
    (
        "IntelliJ IDEA",
        "com.jetbrains.intellij",
        "editor",
        [
            "billing-service – InvoiceController.java",
            "kafka-tools – Consumer.kt",
            "search – QueryParser.java",
            "build.gradle.kts – android-app",
        ],
    ),
    (
        "WebStorm",
        "com.jetbrains.WebStorm",
        "editor",
        [
            "storefront – Cart.vue",
            "design-system – Button.tsx",
            "api – server.js",
        ],
    ),
    (
        "GoLand",
        "com.jetbrains.goland",
        "editor",
        [
            "ingest – pipeline.go",
            "cli – root.go",
            "proxy – middleware_test.go",
        ],
    ),
    (
        "Sublime Text",
        "com.sublimetext.4",
        "editor",
        [
            "notes.txt — ~/scratch",
            "nginx.conf — /etc/nginx",
            "query.sql",
            "untitled",
            "todo.md — ~/Documents",
        ],
    ),
    (
        "Zed",
        "dev.zed.Zed",
        "editor",
        [
            "vozctl — src/vozctl/commands.py",
            "zed — crates/editor/src/editor.rs",
            "blog — posts/voice-coding.md",
            "trm-intent — src/trm_intent/model.py",
        ],
    ),
    # terminals (shells, vim, REPLs, tmux)
    (
        "Terminal",
        "com.apple.Terminal",
        "terminal",
        [
            "alex — -zsh — 80×24",
            "vim — config.toml",
            "python3 — 120×40",
            "alex@devbox: ~/src",
            "nvim intent.py",
            "ssh prod-db-1",
            "htop",
        ],
    ),
    (
        "iTerm2",
        "com.googlecode.iterm2",
        "terminal",
        [
            "~/src/vozctl (zsh)",
            "nvim intent.py",
            "tmux a -t work",
            "1. zsh",
            "ipython",
            "vim ~/.zshrc",
            "node",
            "~/src/trm-intent (-zsh)",
        ],
    ),
    (
        "Warp",
        "dev.warp.Warp-Stable",
        "terminal",
        [
            "~/projects/api",
            "cargo build",
            "psql analytics",
            "~/src/trm-intent",
        ],
    ),
    (
        "Ghostty",
        "com.mitchellh.ghostty",
        "terminal",
        [
            "~/dotfiles",
            "nvim init.lua",
            "zsh",
            "lazygit",
        ],
    ),
    ("kitty", "net.kovidgoyal.kitty", "terminal", ["~/src/blog", "hx main.rs", "zsh"]),
    # browsers
    (
        "Google Chrome",
        "com.google.Chrome",
        "browser",
        [
            "GitHub - vozctl/vozctl: Voice control for developers",
            "Pull request #42: add intent classifier · trm-intent",
            "python - How to read a file line by line? - Stack Overflow",
            "YouTube",
            "Hacker News",
            "Array.prototype.map() - JavaScript | MDN",
            "New Tab",
            "localhost:3000",
            "Google Search",
            "AWS Management Console",
        ],
    ),
    (
        "Safari",
        "com.apple.Safari",
        "browser",
        [
            "Apple Developer Documentation",
            "Wikipedia, the free encyclopedia",
            "BBC News",
            "Start Page",
            "The Rust Programming Language",
            "Weather - Montreal",
        ],
    ),
    (
        "Firefox",
        "org.mozilla.firefox",
        "browser",
        [
            "Issues · talonhub/community",
            "Mozilla Firefox",
            "r/programming",
            "Python 3.11 documentation",
            "Hugging Face – The AI community",
        ],
    ),
    (
        "Arc",
        "company.thebrowser.Browser",
        "browser",
        [
            "Vercel Dashboard",
            "Figma Community",
            "Linear Changelog",
            "Arc",
            "Grafana - Overview",
        ],
    ),
    # chat
    (
        "Slack",
        "com.tinyspeck.slackmacgap",
        "chat",
        [
            "#voice-coding - Acme - Slack",
            "Maria Lopez (DM) - Acme - Slack",
            "#general - Acme - Slack",
            "#incidents - Acme - Slack",
            "Threads - Acme - Slack",
            "#random - Acme - Slack",
            "Sam, Priya (DM) - Acme - Slack",
        ],
    ),
    (
        "Messages",
        "com.apple.MobileSMS",
        "chat",
        [
            "Mom",
            "Jordan",
            "Climbing crew",
            "Dad",
            "Alex Kim",
            "Book club",
        ],
    ),
    (
        "Discord",
        "com.hnc.Discord",
        "chat",
        [
            "#general | Talon Voice - Discord",
            "#help | Rust Programming - Discord",
            "Friends - Discord",
            "#off-topic | Indie Devs - Discord",
        ],
    ),
    (
        "Microsoft Teams",
        "com.microsoft.teams2",
        "chat",
        [
            "Chat | Priya Shah | Microsoft Teams",
            "Platform team | General | Microsoft Teams",
            "Chat | Design sync | Microsoft Teams",
        ],
    ),
    ("WhatsApp", "net.whatsapp.WhatsApp", "chat", ["WhatsApp", "Family", "Lucia"]),
    ("Telegram", "ru.keepcoder.Telegram", "chat", ["Telegram", "Saved Messages", "Dev chat"]),
    ("Signal", "org.whispersystems.signal-desktop", "chat", ["Signal", "Note to Self"]),
    # mail
    (
        "Mail",
        "com.apple.mail",
        "mail",
        [
            "Re: Offsite agenda",
            "New Message",
            "Inbox – iCloud",
            "Re: Invoice for March",
            "Fwd: Conference travel",
            "Re: Lunch on Friday?",
        ],
    ),
    (
        "Microsoft Outlook",
        "com.microsoft.Outlook",
        "mail",
        [
            "Untitled - Message",
            "RE: Contract renewal",
            "Inbox - alex@acme.com",
            "RE: Q3 hiring plan",
        ],
    ),
    (
        "Google Chrome",
        "com.google.Chrome",
        "mail",
        [
            "Inbox (3) - alex.m@gmail.com - Gmail",
            "Re: Saturday hike - alex.m@gmail.com - Gmail",
            "Compose Mail - alex.m@gmail.com - Gmail",
        ],
    ),
    # documents and notes
    (
        "Microsoft Word",
        "com.microsoft.Word",
        "document",
        [
            "Quarterly report.docx",
            "Cover letter.docx",
            "Grant proposal draft.docx",
        ],
    ),
    ("Pages", "com.apple.iWork.Pages", "document", ["Novel draft.pages", "Newsletter.pages"]),
    (
        "Google Chrome",
        "com.google.Chrome",
        "document",
        [
            "Design doc: intent classifier - Google Docs",
            "Trip itinerary - Google Docs",
        ],
    ),
    (
        "Notion",
        "notion.id",
        "document",
        [
            "Meeting notes",
            "Roadmap Q3",
            "Reading list",
            "Onboarding guide",
        ],
    ),
    (
        "Obsidian",
        "md.obsidian",
        "document",
        [
            "Daily note 2024-05-14 - vault - Obsidian",
            "Ideas - vault - Obsidian",
            "Book notes - vault - Obsidian",
        ],
    ),
    ("Notes", "com.apple.Notes", "document", ["Notes", "Groceries", "Gift ideas"]),
    ("TextEdit", "com.apple.TextEdit", "document", ["Untitled", "letter.rtf"]),
    # finder
    (
        "Finder",
        "com.apple.finder",
        "finder",
        [
            "Downloads",
            "Documents",
            "src",
            "Recents",
            "Desktop",
            "Applications",
        ],
    ),
    # media
    (
        "Spotify",
        "com.spotify.client",
        "media",
        [
            "Spotify Premium",
            "Focus Flow",
            "Discover Weekly",
            "Lo-fi beats",
        ],
    ),
    ("Music", "com.apple.Music", "media", ["Music", "Recently Added"]),
    ("VLC", "org.videolan.vlc", "media", ["VLC media player", "lecture-03.mp4"]),
    ("Podcasts", "com.apple.podcasts", "media", ["Podcasts"]),
    # others
    ("Figma", "com.figma.Desktop", "other", ["Landing page – Figma", "Design system – Figma"]),
    ("Linear", "com.linear", "other", ["ENG-412 Fix audio dropouts", "My issues", "Inbox"]),
    ("zoom.us", "us.zoom.xos", "other", ["Zoom Meeting", "Zoom"]),
    ("Calendar", "com.apple.iCal", "other", ["Calendar"]),
    ("Preview", "com.apple.Preview", "other", ["invoice.pdf", "screenshot.png"]),
    ("System Settings", "com.apple.systempreferences", "other", ["Sound", "Keyboard"]),
]

POOLS = ("editor", "terminal", "browser", "chat", "mail", "document", "finder", "media", "other")

BY_POOL: dict[str, list[Context]] = {k: [] for k in POOLS}
for _app, _bundle, _pool, _titles in APPS:
    for _title in _titles:
        BY_POOL[_pool].append((_app, _bundle, _title))

# A few partial fallbacks the client also produces (app known, no title; nothing at all).
PARTIAL_UNKNOWN: list[Context] = [
    ("Code", "com.microsoft.VSCode", ""),
    ("Slack", "com.tinyspeck.slackmacgap", ""),
    ("", "", ""),
    ("iTerm2", "com.googlecode.iterm2", ""),
    ("Safari", "unknown", ""),
]

# Weight presets: which pools a family's utterances are usually spoken in.
CODE = {"editor": 6, "terminal": 2, "browser": 1, "document": 0.3, "chat": 0.2, "other": 0.2}
EDITOR = {"editor": 8, "terminal": 1, "browser": 0.3, "chat": 0.2}
TERMINAL = {"terminal": 8, "editor": 1.5}
BROWSER = {"browser": 8, "editor": 0.5, "mail": 0.3, "document": 0.3, "chat": 0.2}
ANYWHERE = {
    "editor": 3,
    "terminal": 2,
    "browser": 2,
    "finder": 1,
    "media": 0.6,
    "other": 1,
    "chat": 0.6,
    "mail": 0.3,
    "document": 0.6,
}
MEDIA = {"media": 5, "browser": 2, "editor": 1, "other": 0.5, "chat": 0.2}
TEXTY = {"editor": 3, "document": 3, "chat": 1, "mail": 1, "browser": 0.5, "terminal": 0.5}
CHAT = {"chat": 8, "mail": 1.5, "document": 0.5, "other": 0.2}
MAIL = {"mail": 8, "chat": 0.5, "document": 1}
DOCS = {"document": 8, "mail": 1, "editor": 0.5, "chat": 0.5}
PROSE = {"document": 4, "chat": 2.5, "mail": 2, "editor": 0.8, "terminal": 0.4, "browser": 0.4, "other": 0.4}
DEV_TEXT = {"editor": 4, "terminal": 2, "chat": 2, "other": 1.5, "browser": 1, "document": 1}
SEARCH = {"browser": 8, "finder": 1, "other": 0.5}


def pick_pool(rng: random.Random, weights: dict[str, float]) -> str:
    pools = sorted(weights)
    return rng.choices(pools, weights=[weights[k] for k in pools])[0]


def pick(rng: random.Random, pool: str) -> Context:
    if pool == "unknown":
        return UNKNOWN if rng.random() < 0.85 else rng.choice(PARTIAL_UNKNOWN)
    return rng.choice(BY_POOL[pool])


_RULES = None


def model_kind(context: Context) -> str:
    """The kind of window the model sees: ``ContextRules.default().kind`` of trm_intent."""
    global _RULES
    if _RULES is None:
        try:
            from trm_intent.contract import ContextRules
        except ImportError:  # run from a checkout without PYTHONPATH=src
            sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
            from trm_intent.contract import ContextRules
        _RULES = ContextRules.default()
    from trm_intent.schema import WindowContext

    app, bundle, title = context
    return _RULES.kind(WindowContext(app_name=app, bundle_id=bundle, window_title=title))
