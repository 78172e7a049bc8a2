"""Developer windows: text whose only tell is the window, most often its title.

Each family pins its records to exact windows (``Item.windows``) of one kind, where the user
writes developer text, and mixes in the commands the same user still gives there:

- ``win-commit-editor``: commit-message buffers and commit tool windows of every editor the
  model knows (``COMMIT_EDITMSG — api``, ``Commit Changes``, ``git-rebase-todo``, ``MERGE_MSG``);
- ``win-commit-terminal``: terminals whose title shows a commit in progress (``nvim
  COMMIT_EDITMSG``, ``git commit — 80×24``, ``lazygit``);
- ``win-git-gui``: Git clients outside the model's tables (Fork, Tower, GitHub Desktop, Sublime
  Merge, GitKraken, Sourcetree, GitUp), titled with a repository and branch;
- ``win-pr-issue``: pull-request, merge-request, issue and review pages of GitHub, GitLab,
  Bitbucket, Gitea and Gerrit in browsers: titles, issue titles and review comments;
- ``win-tracker``: Linear and Jira, as apps and in browsers: ticket titles, descriptions, comments;
- ``win-code-comment``: source files in editors (``uploader.py — api``): code comments, many of
  them imperative ("Close the socket before returning");
- ``win-doc-imperative``: document windows (Notes, Pages, Word, Notion, Google Docs) with everyday
  imperative sentences ("Move the team lunch to Thursday.").

Dictation is most of each family: commit subjects built from verb and object lists (most start
with a verb that is also a command word: "Remove", "Move", "Switch to", "Close", "Select",
"Undo", "Go back to"), conventional-commit prefixes, short and long subjects, with and without
a final period, sometimes lower-cased. About three records in ten are clear commands in the same
windows (vozctl's phrases, reused from ``commands.py``; editor, browser and app actions), so the
window is evidence and not a switch: the words still decide a clear command.

Every phrase and window title here was written for this project, without looking at any
evaluation or holdout set.
"""

from __future__ import annotations

import random

import commands
from common import Item, count_text

D = "dictation"
C = "command"
COMMAND_SHARE = 0.3

Window = tuple[str, str, str]


def _w(app: str, bundle: str, titles: list[str]) -> tuple[Window, ...]:
    return tuple((app, bundle, t) for t in titles)


# --- windows ------------------------------------------------------------------------------

VSCODE = ("Code", "com.microsoft.VSCode")
CURSOR = ("Cursor", "com.todesktop.230313mzl4w4u92")
ZED = ("Zed", "dev.zed.Zed")
SUBLIME = ("Sublime Text", "com.sublimetext.4")
XCODE = ("Xcode", "com.apple.dt.Xcode")
PYCHARM = ("PyCharm", "com.jetbrains.pycharm")
INTELLIJ = ("IntelliJ IDEA", "com.jetbrains.intellij")
GOLAND = ("GoLand", "com.jetbrains.goland")
WEBSTORM = ("WebStorm", "com.jetbrains.WebStorm")
RUSTROVER = ("RustRover", "com.jetbrains.rustrover")
CLION = ("CLion", "com.jetbrains.CLion")
NOVA = ("Nova", "com.panic.Nova")
BBEDIT = ("BBEdit", "com.barebones.BBEdit")
MACVIM = ("MacVim", "org.vim.MacVim")
EMACS = ("Emacs", "org.gnu.Emacs")
WINDSURF = ("Windsurf", "com.exafunction.windsurf")
VSCODIUM = ("VSCodium", "com.vscodium")

COMMIT_EDITOR_WINDOWS: tuple[Window, ...] = (
    *_w(
        *VSCODE,
        [
            "COMMIT_EDITMSG — api",
            "COMMIT_EDITMSG — trm-intent",
            "COMMIT_EDITMSG — web-client",
            "COMMIT_EDITMSG",
            "git-rebase-todo — infra",
            "MERGE_MSG — payments",
            "Source Control — vozctl",
            "● COMMIT_EDITMSG — dashboard",
        ],
    ),
    *_w(
        *CURSOR,
        [
            "COMMIT_EDITMSG — checkout-service",
            "COMMIT_EDITMSG — billing",
            "Source Control — marketing-site",
            "git-rebase-todo — tokenizer",
        ],
    ),
    *_w(
        *ZED,
        [
            "trm-intent — .git/COMMIT_EDITMSG",
            "zed — .git/COMMIT_EDITMSG",
            "api — COMMIT_EDITMSG",
            "Commit Message — notifier",
        ],
    ),
    *_w(
        *SUBLIME,
        [
            "COMMIT_EDITMSG — ~/src/api",
            ".git/COMMIT_EDITMSG — dotfiles",
            "git-rebase-todo — ~/src/blog",
            "MERGE_MSG — ~/work/ledger",
        ],
    ),
    *_w(*XCODE, ["VoiceBar — Commit", "Commit 3 Files — Weather", "Notes — Source Control"]),
    *_w(
        *PYCHARM,
        ["Commit Changes", "trm-intent – Commit to main", "scraper – Commit", "Commit Changes – vozctl"],
    ),
    *_w(
        *INTELLIJ,
        ["Commit Changes", "billing-service – Commit to feature/invoices", "Merge Revisions – search"],
    ),
    *_w(*GOLAND, ["ingest – Commit to main", "Commit Changes – proxy"]),
    *_w(*WEBSTORM, ["design-system – Commit", "storefront – Commit to release/2.3"]),
    *_w(*RUSTROVER, ["tokenizer – Commit", "Commit Changes"]),
    *_w(*CLION, ["firmware – Commit to develop"]),
    *_w(*NOVA, ["COMMIT_EDITMSG — ios-app", "Commit — website"]),
    *_w(*BBEDIT, ["COMMIT_EDITMSG", "COMMIT_EDITMSG — ~/src/site/.git"]),
    *_w(
        *MACVIM,
        ["COMMIT_EDITMSG (~/src/api/.git) - VIM", "COMMIT_EDITMSG + (~/work/tok/.git) - VIM"],
    ),
    *_w(*EMACS, ["COMMIT_EDITMSG", "COMMIT_EDITMSG — ~/src/vozctl/.git/", "magit-commit: api"]),
    *_w(*WINDSURF, ["COMMIT_EDITMSG — backend", "Source Control — mobile-app"]),
    *_w(*VSCODIUM, ["COMMIT_EDITMSG — dotfiles", "TAG_EDITMSG — cli"]),
)

COMMIT_TERMINAL_WINDOWS: tuple[Window, ...] = (
    *_w(
        "Terminal",
        "com.apple.Terminal",
        [
            "vim .git/COMMIT_EDITMSG",
            "git commit — 80×24",
            "alex — git commit — 120×36",
            "vi .git/COMMIT_EDITMSG — 80×24",
            "nano .git/COMMIT_EDITMSG",
            "git rebase -i HEAD~3 — 100×30",
        ],
    ),
    *_w(
        "iTerm2",
        "com.googlecode.iterm2",
        [
            "nvim COMMIT_EDITMSG",
            "tig — ~/src/api — nvim COMMIT_EDITMSG",
            "COMMIT_EDITMSG (~/src/api/.git) - NVIM",
            "git commit --amend (nvim)",
            "vim .git/MERGE_MSG",
        ],
    ),
    *_w("Warp", "dev.warp.Warp-Stable", ["git commit", "nvim .git/COMMIT_EDITMSG", "lazygit"]),
    *_w(
        "Ghostty",
        "com.mitchellh.ghostty",
        ["lazygit — ~/src/web", "hx COMMIT_EDITMSG", "nvim git-rebase-todo"],
    ),
    *_w("kitty", "net.kovidgoyal.kitty", ["hx .git/COMMIT_EDITMSG", "gitui — ~/src/tok"]),
    *_w("Alacritty", "org.alacritty", ["nvim COMMIT_EDITMSG", "emacs -nw COMMIT_EDITMSG"]),
    *_w(
        "WezTerm",
        "com.github.wez.wezterm",
        ["git commit -v", "[1/1] nvim .git/COMMIT_EDITMSG", "lazygit"],
    ),
)

GIT_GUI_WINDOWS: tuple[Window, ...] = (
    *_w("Fork", "com.DanPristupov.Fork", ["api", "trm-intent (feature/retry)", "web-client — main"]),
    *_w(
        "Tower",
        "com.fournova.Tower3",
        ["api — Working Copy", "billing — Working Copy", "dotfiles — History"],
    ),
    *_w(
        "GitHub Desktop",
        "com.github.GitHubClient",
        ["GitHub Desktop", "vozctl — main", "docs-site — fix/broken-links"],
    ),
    *_w("Sublime Merge", "com.sublimemerge", ["~/src/api (main)", "tokenizer (release/0.4)"]),
    *_w("GitKraken", "com.axosoft.gitkraken", ["GitKraken — billing", "infra — develop"]),
    *_w("Sourcetree", "com.torusknot.SourceTreeNotMAS", ["api (Git)", "mobile-app (Git)"]),
    *_w("GitUp", "co.gitup.mac", ["scheduler — GitUp", "ledger"]),
)

CHROME = ("Google Chrome", "com.google.Chrome")
SAFARI = ("Safari", "com.apple.Safari")
FIREFOX = ("Firefox", "org.mozilla.firefox")
ARC = ("Arc", "company.thebrowser.Browser")
EDGE = ("Microsoft Edge", "com.microsoft.edgemac")
BRAVE = ("Brave Browser", "com.brave.Browser")

# Where a pull-request or merge-request title is written.
PR_FORM_WINDOWS: tuple[Window, ...] = (
    *_w(*CHROME, ["Open a pull request · acme/api", "Comparing main...feature/retry · acme/api"]),
    *_w(*SAFARI, ["Open a pull request · lwu/dotfiles · GitHub"]),
    *_w(*FIREFOX, ["Comparing v2.3...release/2.4 · acme/web-client · GitHub"]),
    *_w(*ARC, ["New merge request · platform / billing · GitLab"]),
    *_w(*EDGE, ["Create pull request — acme / mobile-app — Bitbucket"]),
    *_w(*BRAVE, ["New Pull Request - scheduler - Gitea: Git with a cup of tea"]),
)
# Where an issue is filed.
ISSUE_FORM_WINDOWS: tuple[Window, ...] = (
    *_w(*CHROME, ["New Issue · acme/api", "New Issue · acme/web-client · GitHub"]),
    *_w(*SAFARI, ["New Issue · vozctl/vozctl"]),
    *_w(*FIREFOX, ["New issue · data / pipelines · GitLab"]),
    *_w(*ARC, ["New Issue · acme/mobile-app · GitHub"]),
    *_w(*BRAVE, ["New Issue - infra - Gitea: Git with a cup of tea"]),
    *_w(*EDGE, ["New issue · platform / billing · GitLab"]),
)
# Where a review comment is written.
REVIEW_WINDOWS: tuple[Window, ...] = (
    *_w(
        *CHROME,
        [
            "Bump pins by lwu · Pull Request #5127 · acme/infra",
            "Add retry to uploader by mkim · Pull Request #231 · acme/uploader · GitHub",
        ],
    ),
    *_w(*SAFARI, ["Split settings page by priya · Pull Request #96 · acme/web-client"]),
    *_w(*FIREFOX, ["Fix cache key (!342) · Merge requests · platform / billing · GitLab"]),
    *_w(*ARC, ["Files changed · Pull Request #412 · acme/api"]),
    *_w(*EDGE, ["acme / mobile-app / Pull Request #58: Update deps — Bitbucket"]),
    *_w(*BRAVE, ["48213: Fix null check in resolver · Gerrit Code Review"]),
    *_w(*ARC, ["Fix flaky test · Issue #88 · acme/api"]),
    *_w(*EDGE, ["Timeouts in nightly job (#77) · Issues · data / pipelines · GitLab"]),
)
PR_ALL_WINDOWS = PR_FORM_WINDOWS + ISSUE_FORM_WINDOWS + REVIEW_WINDOWS

TRACKER_WINDOWS: tuple[Window, ...] = (
    *_w(
        "Linear",
        "com.linear",
        [
            "ENG-1423 Add retry to uploader",
            "New issue",
            "ENG-88 Flaky login test",
            "Create issue – Platform",
            "WEB-310 Settings page loads slowly",
        ],
    ),
    *_w(*CHROME, ["ENG-1423 Add retry to uploader — Linear", "New issue — Linear"]),
    *_w(*ARC, ["MOB-57 Push tokens expire too early — Linear"]),
    *_w(*CHROME, ["[PROJ-212] Login fails on Safari - Jira", "Create issue - Jira"]),
    *_w(*SAFARI, ["PLAT-97 Cache warmup job - Jira"]),
    *_w(*FIREFOX, ["[OPS-1180] Rotate staging certificates - Jira"]),
    *_w(*EDGE, ["Create issue - Jira Software"]),
    *_w("Jira", "com.atlassian.jira.mac", ["PROJ-212 Login fails on Safari", "Create issue"]),
)

CODE_WINDOWS: tuple[Window, ...] = (
    *_w(
        *VSCODE,
        ["uploader.py — api", "Button.tsx — web", "main.go", "worker.rb — jobs", "schema.sql — billing"],
    ),
    *_w(*CURSOR, ["handler.ts — gateway", "retry.ex — notifier", "useAuth.ts — dashboard"]),
    *_w(*ZED, ["tok — src/parser.rs", "api — app/services/sync.py"]),
    *_w(*SUBLIME, ["parser.rs — tok", "deploy.sh — infra", "queue.cpp — engine"]),
    *_w(*XCODE, ["VoiceBar — AudioEngine.swift", "Weather — CacheStore.swift"]),
    *_w(*PYCHARM, ["api – uploader.py", "trm-intent – dataset.py"]),
    *_w(*INTELLIJ, ["billing-service – RetryPolicy.java", "kafka-tools – OffsetStore.kt"]),
    *_w(*GOLAND, ["ingest – batcher.go"]),
    *_w(*WEBSTORM, ["storefront – useCart.ts"]),
    *_w(*RUSTROVER, ["tokenizer – lexer.rs"]),
    *_w(*CLION, ["firmware – config.c"]),
    *_w(*NOVA, ["index.php — website"]),
    *_w(*BBEDIT, ["report.pl"]),
    *_w(*MACVIM, ["parser.c (~/src/tok) - VIM"]),
    *_w(*EMACS, ["scheduler.el", "core.clj — ~/src/ledger/"]),
    *_w(*WINDSURF, ["server.ts — backend"]),
    *_w(*VSCODIUM, ["init.lua — dotfiles"]),
    *_w("iTerm2", "com.googlecode.iterm2", ["nvim uploader.py"]),
    *_w("kitty", "net.kovidgoyal.kitty", ["hx src/lexer.rs"]),
)

DOC_WINDOWS: tuple[Window, ...] = (
    *_w("Notes", "com.apple.Notes", ["Errands", "Weekly plan", "Office move"]),
    *_w("Pages", "com.apple.iWork.Pages", ["Trip checklist.pages", "Handbook draft.pages"]),
    *_w("Microsoft Word", "com.microsoft.Word", ["Handover notes.docx", "Event plan.docx"]),
    *_w("Notion", "notion.id", ["Office move plan", "Team offsite", "Household tasks"]),
    *_w(*CHROME, ["Onboarding checklist - Google Docs", "Q4 planning - Google Docs"]),
    *_w(*SAFARI, ["Wedding to-do list - Google Docs"]),
    *_w(*ARC, ["Volunteer rota - Google Docs"]),
    *_w("TextEdit", "com.apple.TextEdit", ["todo.txt"]),
    *_w("Obsidian", "md.obsidian", ["Weekly review - vault - Obsidian"]),
    *_w("Bear", "net.shinyfrog.bear", ["Home projects"]),
)


# --- commit subjects ---------------------------------------------------------------------

SUBJECTS: dict[str, list[str]] = {
    "Remove": [
        "dead code",
        "dead code from the exporter",
        "the unused retry helper",
        "the legacy settings loader",
        "debug prints from the uploader",
        "the Python 2 compatibility shims",
        "stale feature flags",
        "the old billing cron job",
        "the duplicate date parser",
        "unused CSS from the landing page",
        "the deprecated v1 endpoints",
        "the sleep from the integration test",
        "the workaround for the old Safari bug",
        "commented out code in the scheduler",
        "the last uses of the global config",
        "the hard coded token from the example",
        "stale TODOs",
        "the beta banner",
    ],
    "Delete": [
        "old fixtures",
        "unused assets",
        "the stale snapshot files",
        "the empty migrations folder",
        "the outdated architecture diagram",
        "leftover build artifacts",
        "the orphaned test helpers",
        "the unused staging Dockerfile",
        "obsolete translations",
        "the broken benchmark script",
        "generated files from the repo",
    ],
    "Rename": [
        "the worker pool to executor",
        "the helpers module to text utils",
        "Session to Connection",
        "the staging bucket",
        "variables in the tokenizer for clarity",
        "the test files to match their modules",
        "the master branch references to main",
        "the retry option to max attempts",
    ],
    "Replace": [
        "the hand written parser with a regex",
        "moment with date-fns",
        "print calls with logging",
        "the global lock with a lock per key",
        "requests with httpx",
        "the polling loop with a webhook",
        "the custom retry code with tenacity",
        "magic numbers with named constants",
        "the shell script with a Makefile target",
        "string concatenation with f-strings",
    ],
    "Switch to": [
        "tabs",
        "spaces in the YAML files",
        "pnpm",
        "ruff for linting",
        "the new logging API",
        "UTC timestamps",
        "a thread pool for uploads",
        "the official Postgres image",
        "uv for installs",
        "the async client",
        "SQLite for local development",
        "structured logs",
    ],
    "Use": [
        "pathlib for file paths",
        "a set for the seen ids",
        "the shared HTTP client",
        "a context manager for the lock",
        "the monotonic clock for timeouts",
        "one connection per worker",
        "the cached token while it is still valid",
        "keyword arguments in the public API",
        "dataclasses for the config",
        "the system certificate store",
    ],
    "Fix": [
        "the flaky upload test",
        "a crash on empty input",
        "the wrong time zone in reports",
        "the broken pagination link",
        "a deadlock in the worker shutdown",
        "the spelling of receive",
        "the CI cache key",
        "dark mode contrast on buttons",
        "an infinite loop in the retry code",
        "the missing await in the handler",
        "the import cycle between models and views",
        "a panic when the config is empty",
        "scrolling on the changelog page",
        "the header overlap on small screens",
        "lint errors",
    ],
    "Change": [
        "the default timeout to thirty seconds",
        "the log level of retries to debug",
        "the dev server port to 8080",
        "the cache size limit to 512 MB",
        "the button label to Save changes",
        "the order of the checks in the validator",
        "the release branch naming scheme",
        "the heading style on the docs site",
    ],
    "Add": [
        "retry to the uploader",
        "a test for the empty title case",
        "type hints to the loader",
        "a health check endpoint",
        "a flag to skip the download",
        "a progress bar to the export",
        "missing docstrings in the CLI",
        "a changelog entry for 2.4",
        "metrics for queue depth",
        "an index on the user email column",
        "a dry run mode to the cleanup script",
        "a timeout to the webhook call",
        "Windows to the CI matrix",
        "a contributing guide",
        "alt text to the screenshots",
    ],
    "Update": [
        "the lockfile",
        "the changelog for 0.9",
        "snapshots after the header change",
        "the install docs for Apple silicon",
        "the copyright year",
        "the README badges",
        "the API examples",
        "the Node version in CI",
        "German and French translations",
        "the schema docs",
    ],
    "Bump": [
        "numpy to 2.1",
        "the Go toolchain to 1.23",
        "react from 18.2 to 18.3",
        "version to 0.9.0",
        "deps",
        "actions checkout to v4",
        "pydantic to the latest minor",
        "the base image to Debian bookworm",
        "ruff and mypy",
        "the minimum Python to 3.10",
    ],
    "Revert": [
        "the switch to pnpm",
        "the cache change from yesterday",
        "the new retry policy",
        "the logging refactor",
        "the ORM upgrade",
        "the timeout increase",
        "the accidental lockfile change",
        '"Add retry to the uploader"',
    ],
    "Drop": [
        "support for Node 16",
        "the Python 3.8 job",
        "the unused redis dependency",
        "the legacy login page",
        "the old API token format",
        "Internet Explorer workarounds",
    ],
    "Make": [
        "the retry delay configurable",
        "the cache thread safe",
        "the parser stricter about trailing commas",
        "the tests independent of the clock",
        "logging quieter in production",
        "the export deterministic",
        "the CLI exit non zero on errors",
        "the sidebar collapsible",
    ],
    "Allow": [
        "empty window titles in the context",
        "longer branch names",
        "uploads larger than 2 GB",
        "comments in the config file",
        "overriding the model path",
        "retries on 503 responses",
        "dashes in project names",
    ],
    "Handle": [
        "missing window titles",
        "timeouts from the payment provider",
        "an empty response from the search API",
        "Ctrl-C in the file watcher",
        "files without a trailing newline",
        "non ASCII file names",
        "a closed socket during upload",
        "leap years in the billing period",
    ],
    "Split": [
        "the model module into two files",
        "the giant test file by feature",
        "utils into smaller modules",
        "the migration into two steps",
        "the settings page into tabs",
        "the release job into build and publish",
    ],
    "Close": [
        "the socket on shutdown",
        "file handles in the exporter",
        "the database connection after each job",
        "stale issues automatically",
        "the progress dialog after export",
        "leaked handles",
    ],
    "Open": [
        "files in binary mode",
        "the database read only for reports",
        "external docs links in a new tab",
        "the log file once per run",
        "the settings file with an explicit encoding",
    ],
    "Select": [
        "the first free port in tests",
        "the fastest mirror by default",
        "the right audio device on startup",
        "the newest model when no version is given",
        "the current branch in the picker",
    ],
    "Copy": [
        "headers into the retried request",
        "the model files into the image",
        "the config before mutating it",
        "static assets in the build step",
        "the license into the wheel",
    ],
    "Undo": [
        "the accidental rename of the config module",
        "formatting changes in vendored code",
        "whitespace changes in the templates",
        "the temporary debug settings",
        "the manual version bump",
    ],
    "Go back to": [
        "the old retry policy",
        "polling for job status",
        "the previous base image",
        "yarn",
        "a single worker in CI",
        "plain CSS for the landing page",
    ],
    "Skip": [
        "slow tests on pull requests",
        "hidden files when indexing",
        "the network test when offline",
        "empty lines in the CSV import",
    ],
    "Ignore": [
        "build artifacts in git",
        "the generated client in coverage",
        "warnings from vendored code",
        "editor swap files",
    ],
    "Pin": ["ruff to a known good version", "the Postgres image tag", "pytest below 9"],
    "Extract": [
        "the retry helper from the uploader",
        "a function for title parsing",
        "the pricing logic into its own module",
    ],
    "Log": ["the request id on failures", "slow queries over one second", "the model version at startup"],
    "Document": ["the release process", "the environment variables", "why the cache is per user"],
    "Speed up": ["the test suite by reusing the database", "cold starts of the CLI", "image resizing"],
    "Stop": ["retrying on 4xx errors", "logging tokens", "rebuilding the index on every save"],
    "Avoid": ["a second network call on login", "copying the buffer twice"],
    "Disable": ["the flaky e2e test on Safari", "telemetry in CI"],
    "Enable": ["strict mode in the type checker", "gzip for API responses"],
    "Return": ["early when the list is empty", "a clear error when the model is missing"],
    "Limit": ["uploads to 100 MB", "retries to five attempts"],
    "Guard": ["against an empty window title", "against a missing config file"],
    "Merge": ["the two date helpers", "duplicate CSS rules"],
    "Sort": ["the dependency list alphabetically", "search results by relevance"],
    "Hide": ["the beta banner for enterprise users", "internal fields from the API response"],
    "Show": ["a spinner while the export runs", "the branch name in the status bar"],
    "Reset": ["the retry counter after a success", "the signup form after an error"],
    "Restore": ["the missing favicon", "the old shortcut for search"],
}

MOVABLE = [
    "the retry logic",
    "the date helpers",
    "the test fixtures",
    "the auth middleware",
    "config parsing",
    "shared types",
    "the CLI entry point",
    "the SQL queries",
    "the logging setup",
    "input validation",
]
DESTINATIONS = [
    "into the helper module",
    "into a separate file",
    "to the utils package",
    "out of the request handler",
    "under src",
    "into the core crate",
    "next to the tests that use it",
    "behind the storage interface",
]
# Short subjects, two to four words.
SHORT_SUBJECTS = [
    "Remove dead code",
    "Switch to tabs",
    "Delete old fixtures",
    "Drop Python 3.8",
    "Bump version",
    "Fix typo in docstring",
    "Update changelog",
    "Rename config module",
    "Move helpers",
    "Split utils",
    "Pin ruff",
    "Tidy imports",
    "Fix lint",
    "Bump deps",
    "Update lockfile",
    "Remove debug prints",
    "Delete unused assets",
    "Use pathlib",
    "Revert flaky fix",
    "Fix CI",
    "Add retries",
    "Cache tokens",
    "Update snapshots",
    "Remove stale TODOs",
    "Go back to yarn",
    "Undo rename",
    "Close leaked handles",
    "Drop redis",
    "Copy edits",
    "Select mirror automatically",
    "Open source the parser",
    "Replace moment",
    "Move CI to Actions",
    "Handle empty titles",
    "Allow empty config",
    "Make tests faster",
    "Change default port",
]
SCOPES = ["parser", "api", "cli", "deps", "ui", "auth", "ci", "docs", "cache", "uploader", "db"]
CONVENTIONAL = {
    "Fix": "fix",
    "Handle": "fix",
    "Close": "fix",
    "Add": "feat",
    "Allow": "feat",
    "Show": "feat",
    "Bump": "chore",
    "Update": "chore",
    "Pin": "build",
    "Remove": "chore",
    "Delete": "chore",
    "Drop": "chore",
    "Rename": "refactor",
    "Move": "refactor",
    "Split": "refactor",
    "Extract": "refactor",
    "Replace": "refactor",
    "Switch to": "refactor",
    "Document": "docs",
    "Speed up": "perf",
    "Skip": "test",
}
TRAILERS = [" (#412)", " (#88)", ", closes #1423", " (ENG-1423)", " [skip ci]", " (#5127)"]
COMMIT_BODIES = [
    "The old code retried forever when the server returned 503.",
    "This keeps the previous behaviour behind a flag for one release.",
    "Nothing else calls it since the exporter moved to the new client.",
    "The test depended on the wall clock and failed around midnight.",
    "Reviewers asked for this in the last round, so it lands separately.",
    "Follow up to the cache change from last week.",
    "No functional change, only moves code around.",
    "Users on older macOS versions hit this on every launch.",
    "We can drop the shim once everyone is on the new client.",
    "Measured about a third less memory on the large fixture.",
    "Closes the last open item from the migration checklist.",
    "See the discussion in the pull request for the trade offs.",
    "The regex was too greedy and swallowed the trailing bracket.",
    "This also removes the sleep that hid the race.",
    "Co-authored with Priya during the pairing session.",
    "The default stays the same for existing installs.",
]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def commit_subjects(rng: random.Random) -> list[str]:
    """Every composed commit subject, in plain form (capitalised, no final period)."""
    out = [f"{verb} {obj}" for verb, objs in SUBJECTS.items() for obj in objs]
    for thing in MOVABLE:
        for dest in rng.sample(DESTINATIONS, 3):
            out.append(f"Move {thing} {dest}")
    out += SHORT_SUBJECTS
    return out


def vary_subject(rng: random.Random, subject: str, git: bool = True) -> str:
    """A commit subject as it might be dictated: a conventional prefix or a trailer (``git``),
    a final period, lower case."""
    verb = next((v for v in CONVENTIONAL if subject.startswith(v + " ")), None)
    r = rng.random() if git else 1.0
    if verb is not None and r < 0.2:
        kind = CONVENTIONAL[verb]
        scope = rng.choice(SCOPES) if kind not in ("chore", "build") else "deps"
        scope = f"({scope})" if rng.random() < 0.6 else ""
        return f"{kind}{scope}: {_lower_first(subject)}"
    if r < 0.3:
        subject += rng.choice(TRAILERS)
    r = rng.random()
    if r < 0.2:
        subject += "."
    elif r < 0.32:
        subject = subject.lower()
    return subject


# --- commands said in these windows --------------------------------------------------------

# vozctl's exact phrases that make sense while writing text (no terminal-only or app-switching
# words, which the other families cover).
VOZ_TEXT = [
    p
    for p in commands.VOZ_EXACT
    if p
    not in {
        "commands",
        "command",
        "dictation",
        "dictate",
        "typing",
        "suspend",
        "exit",
        "clear",
        "cancel",
        "control c",
        "tab",
        "space",
        "delete",
        "head",
        "tail",
        "go home",
        "find",
        "comment",
    }
]
NATURAL_TEXT = [
    "undo that",
    "undo the last change",
    "delete the last word",
    "take that back",
    "save the file",
    "select the whole line",
    "select everything",
    "move to the end of the line",
    "move to the start of the line",
    "press enter",
    "hit escape",
    "delete this word",
    "erase the last word",
    "new line please",
    "add a new line",
    "go up a line",
    "move up one line",
    "could you undo that",
    "delete everything I said in the last sentence",
    "please delete the last three words that I just said",
]


def count_commands(rng: random.Random) -> list[str]:
    out = []
    for _ in range(6):
        n = rng.randint(2, 9)
        out.append(f"delete {count_text(rng, n)} words")
        out.append(f"go {count_text(rng, n)} {rng.choice(commands.DIRS)}")
        out.append(f"select {count_text(rng, n)} words {rng.choice(['left', 'right'])}")
        out.append(f"go to line {count_text(rng, rng.randint(1, 60))}")
        out.append(f"select line {count_text(rng, rng.randint(1, 40))}")
    return out


def text_commands(rng: random.Random) -> list[Item]:
    """Clear commands while writing text: vozctl's words, natural phrasings, counts, lines,
    mis-hearings."""
    out = [Item(p, C, ("vozctl", "exact")) for p in VOZ_TEXT]
    out += [Item(p, C, ("vozctl", "natural")) for p in NATURAL_TEXT]
    out += [Item(p, C, ("vozctl", "count")) for p in count_commands(rng)]
    out += [Item(p, C, ("vozctl", "line")) for p in commands.LINE_ENDS[:10]]
    out += [
        Item(p, C, ("vozctl", "misheard"))
        for p in ["scraps that", "scratched that", "new lion", "delete too words", "go to lion 7"]
    ]
    return out


def type_commands(subjects: list[str]) -> list[Item]:
    """``type`` with a commit subject as its payload: a command, whatever the payload."""
    return [Item(f"type {_lower_first(s)}", C, ("vozctl", "type-payload")) for s in subjects]


def _mix(rng: random.Random, quota: int, dictation: list[Item], command: list[Item]) -> list[Item]:
    """``quota`` items, about ``COMMAND_SHARE`` of them commands; a list shorter than its share
    is repeated (each repeat gets another window and surface)."""
    n_cmd = round(quota * COMMAND_SHARE)
    n_dict = quota - n_cmd

    def take(pool: list[Item], n: int) -> list[Item]:
        pool = list(pool)
        rng.shuffle(pool)
        return [pool[i % len(pool)] for i in range(n)]

    return take(dictation, n_dict) + take(command, n_cmd)


def _pin(items: list[Item], windows: tuple[Window, ...]) -> list[Item]:
    return [Item(i.text, i.label, i.tags, i.style, windows=windows) for i in items]


# --- win-commit-editor / win-commit-terminal / win-git-gui ------------------------------------

EDITOR_GIT_COMMANDS = [
    "accept suggestion",
    "close editor",
    "toggle word wrap",
    "command palette",
    "save all",
    "show diff",
    "next change",
    "previous change",
    "open changes",
]
TERMINAL_EDIT_COMMANDS = [
    "save and quit",
    "write quit",
    "insert mode",
    "normal mode",
    "escape",
    "press escape",
    "control c",
    "cancel",
]
GUI_COMMANDS = [
    "click commit",
    "click the commit button",
    "click push origin",
    "press command enter",
    "stage all",
    "next window",
    "switch app",
    "press tab",
    "click fetch origin",
    "click amend",
]


def _commit_dictation(rng: random.Random, tag: str) -> list[Item]:
    subjects = commit_subjects(rng)
    out = [Item(vary_subject(rng, s), D, ("commit-message", tag), "keep") for s in subjects]
    out += [Item(b, D, ("commit-message", "commit-body", tag), "prose") for b in COMMIT_BODIES]
    return out


def _commit_family(
    rng: random.Random, quota: int, windows: tuple[Window, ...], tag: str, extra: list[str]
) -> list[Item]:
    dictation = _commit_dictation(rng, tag)
    cmd = text_commands(rng)
    cmd += [Item(p, C, ("app-action",)) for p in extra]
    cmd += type_commands(rng.sample(commit_subjects(rng), 6))
    return _pin(_mix(rng, quota, dictation, cmd), windows)


COMMIT_EDITOR_QUOTA = 280
COMMIT_TERMINAL_QUOTA = 220
GIT_GUI_QUOTA = 180


def commit_editor(rng: random.Random) -> list[Item]:
    return _commit_family(
        rng, COMMIT_EDITOR_QUOTA, COMMIT_EDITOR_WINDOWS, "commit-window", EDITOR_GIT_COMMANDS
    )


def commit_terminal(rng: random.Random) -> list[Item]:
    return _commit_family(
        rng, COMMIT_TERMINAL_QUOTA, COMMIT_TERMINAL_WINDOWS, "commit-window", TERMINAL_EDIT_COMMANDS
    )


def git_gui(rng: random.Random) -> list[Item]:
    return _commit_family(rng, GIT_GUI_QUOTA, GIT_GUI_WINDOWS, "git-gui", GUI_COMMANDS)


# --- win-pr-issue ------------------------------------------------------------------------------

PR_PREFIXES = ["", "", "", "[WIP] ", "Draft: ", "ENG-1423: ", "[api] "]
# An issue's subject with the problems that fit it; a condition is added to some.
ISSUES: dict[str, list[str]] = {
    "The uploader": [
        "fails silently on large files",
        "times out behind a corporate proxy",
        "retries forever",
    ],
    "Search autocomplete": ["shows results from the wrong project", "is slow with many tags"],
    "Password reset": ["email never arrives", "link expires immediately", "ignores the selected language"],
    "The nightly export": ["shows yesterday's data", "skips archived rows", "runs twice"],
    "CSV import": ["breaks with emoji in the name", "drops the last row", "rejects quoted commas"],
    "The mobile menu": ["does not close after a tap", "is unreadable on small screens"],
    "Webhook delivery": ["is delayed by several minutes", "sends duplicate events"],
    "The billing page": ["double charges on retry", "returns a 500 for logged out users"],
    "Two factor login": ["rejects valid codes", "loops back to the login page"],
    "The avatar upload": ["rotates photos sideways", "hangs at ninety percent"],
    "The settings form": ["loses focus after every keystroke", "forgets the time zone"],
    "The CLI installer": ["fails without Xcode tools", "overwrites the user config"],
}
ISSUE_CONDITIONS = [
    "",
    "",
    " on Firefox",
    " since 2.4",
    " for some users",
    " after the last update",
    " on Windows",
    " in the staging environment",
]
ISSUE_EXTRA = [
    "Question: how do I rotate the API key?",
    "Docs: the quick start skips the install step",
    "Feature request: export issues as CSV",
    "Flaky test in the payments suite",
    "Memory grows steadily while the worker is idle",
    "Support self hosted runners",
    "Deprecation warnings on Python 3.13",
    "Add a way to pause notifications for a repo",
]
REVIEW_NAMES = [
    "max attempts",
    "load user",
    "parse title",
    "retry delay",
    "is ready",
    "the plural form",
    "something more specific",
    "upload batch",
]
REVIEW_TEMPLATES = [
    "nit: rename this to {n}",
    "Nit: maybe call this {n}?",
    "Could we name this {n} instead?",
]
REVIEW_COMMENTS = [
    "Can we move this into the helper?",
    "Should this live in the client instead?",
    "Could you add a test for the empty case?",
    "Why not use a set here?",
    "Does this need to be public?",
    "Maybe extract this into a small function.",
    "Let's split this into two pull requests.",
    "Same comment as above.",
    "LGTM once CI is green.",
    "Looks good to me, just one question about the timeout.",
    "Please delete this debug print before merging.",
    "Can you switch this to the shared client?",
    "I would close the file before returning here.",
    "Select only the columns we need, the table is wide.",
    "Copy the list first, otherwise the caller sees the change.",
    "This undo path is not covered by any test.",
    "Let's go back to the previous default until we have numbers.",
    "Drop the sleep, the retry already waits.",
    "Move the constant to the top of the file.",
    "Nice catch, thanks for fixing this.",
    "I think this breaks the Windows build.",
    "Can we revert the unrelated formatting changes?",
    "Is the lock still needed now that the queue is per worker?",
    "This will run on every request, is that intended?",
    "Happy to merge after the rename.",
    "Good point, I will open a follow up issue.",
    "Fixed in the latest push.",
    "Done, moved it into the shared module.",
]
BROWSER_ACTIONS = [
    "reload",
    "new tab",
    "close tab",
    "next tab",
    "previous tab",
    "reload the page",
    "scroll down",
    "press command enter",
    "click submit new issue",
    "click create pull request",
    "click comment",
    "click approve",
    "submit review",
    "click files changed",
    "page down",
    "go to the top of the page",
]


def pr_issue(rng: random.Random) -> list[Item]:
    subjects = commit_subjects(rng)
    pr = [
        Item(
            rng.choice(PR_PREFIXES) + vary_subject(rng, s), D, ("pr-title",), "keep", windows=PR_FORM_WINDOWS
        )
        for s in rng.sample(subjects, 120)
    ]
    issues = [
        Item(
            f"{s} {p}{rng.choice(ISSUE_CONDITIONS)}", D, ("issue-title",), "keep", windows=ISSUE_FORM_WINDOWS
        )
        for s, problems in ISSUES.items()
        for p in problems
    ]
    issues += [Item(t, D, ("issue-title",), "keep", windows=ISSUE_FORM_WINDOWS) for t in ISSUE_EXTRA]
    reviews = [Item(t, D, ("review-comment",), "prose", windows=REVIEW_WINDOWS) for t in REVIEW_COMMENTS]
    reviews += [
        Item(t.format(n=n), D, ("review-comment",), "keep", windows=REVIEW_WINDOWS)
        for t in REVIEW_TEMPLATES
        for n in rng.sample(REVIEW_NAMES, 4)
    ]
    cmd = _pin(text_commands(rng), PR_ALL_WINDOWS)
    cmd += [Item(p, C, ("browser", "app-action"), windows=PR_ALL_WINDOWS) for p in BROWSER_ACTIONS]
    return _mix(rng, PR_ISSUE_QUOTA, pr + issues + reviews, cmd)


PR_ISSUE_QUOTA = 280


# --- win-tracker ------------------------------------------------------------------------------

TICKET_TITLES = [
    "Add retry to the uploader",
    "Settings page loads slowly on first visit",
    "Push tokens expire too early",
    "Move the billing cron to the new scheduler",
    "Delete accounts that never finished signup",
    "Switch the marketing site to the new fonts",
    "Close inactive sessions after thirty days",
    "Copy the onboarding emails into the new template",
    "Select a vendor for error tracking",
    "Undo button missing in the editor toolbar",
    "Rotate staging certificates",
    "Login fails on Safari with strict tracking prevention",
    "Export button does nothing for archived projects",
    "Investigate spikes in queue latency",
    "Replace the legacy PDF renderer",
    "Split the monolith deploy into two stages",
    "Audit who can see invoices",
    "Remove the old pricing page",
    "Clean up feature flags from Q2",
    "Go back to weekly releases",
]
TICKET_TEXT = [
    "Steps to reproduce: open the settings page and change the language twice.",
    "Expected the export to include archived rows, but it skips them.",
    "This only happens for accounts created before March.",
    "I can take this one next sprint.",
    "Moving this to the backlog until we hear back from design.",
    "Blocked on the API change, see the linked issue.",
    "Acceptance criteria: the retry gives up after five attempts and logs the reason.",
    "Customer reported it twice this week, bumping the priority.",
    "Not reproducible on the latest build, closing for now.",
    "Design is attached, the copy is still a draft.",
    "Let's pair on this tomorrow morning.",
    "Estimate is two days including tests.",
    "Please delete the test accounts once QA signs off.",
    "Switch the owner to the platform team after the handover.",
    "Moved to in review, the pull request is linked above.",
    "Root cause was a missing index on the events table.",
    "Follow up: remove the temporary flag after the rollout.",
    "Duplicate of the uploader ticket from last week.",
]
TRACKER_ACTIONS = [
    "press command enter",
    "click create issue",
    "click save",
    "reload",
    "new tab",
    "close tab",
    "next tab",
    "press escape",
]


def tracker(rng: random.Random) -> list[Item]:
    subjects = commit_subjects(rng)
    dictation = [Item(t, D, ("ticket-title",), "prose") for t in TICKET_TITLES]
    dictation += [Item(t, D, ("ticket-text",), "prose") for t in TICKET_TEXT]
    dictation += [
        Item(vary_subject(rng, s, git=False), D, ("ticket-title",), "keep") for s in rng.sample(subjects, 80)
    ]
    cmd = text_commands(rng) + [Item(p, C, ("app-action",)) for p in TRACKER_ACTIONS]
    return _pin(_mix(rng, TRACKER_QUOTA, dictation, cmd), TRACKER_WINDOWS)


TRACKER_QUOTA = 180


# --- win-code-comment ---------------------------------------------------------------------------

COMMENT_ACTIONS = [
    "close the socket before returning",
    "delete the temp file when done",
    "copy the buffer before mutating it",
    "remove this once the cache is warm",
    "move this into the helper once the API settles",
    "select the first matching row only",
    "undo the scaling before saving",
    "switch to the async client when it lands",
    "rename this after the migration",
    "open the file lazily so startup stays fast",
    "save the offset so we can resume",
    "clear the queue before shutting down",
    "release the lock before calling out",
    "flush the writer before closing the file",
    "drop the first frame, it is always silent",
    "skip the header row",
    "reset the counter on reconnect",
    "retry once, then give up",
    "escape the title before logging it",
    "cancel the timer if the request finishes first",
    "go back to the previous state on failure",
    "copy the list so callers cannot change it",
    "delete the row only after the upload succeeds",
    "undo the transform before drawing the overlay",
    "switch back to the main thread for UI updates",
    "replace this with the standard library version",
    "split this function when it grows again",
    "paste the license header from the template",
    "go to the next page only when this one is full",
    "select a random port so parallel tests do not clash",
    "close the dialog before navigating away",
    "save the response so we can replay it in tests",
    "remove the fallback when every client sends the header",
    "delete the lock file even if the build fails",
    "move the retry budget into the config",
    "close the stream in a finally block",
    "copy the headers, the request object is reused",
    "select the primary replica for writes",
    "clear the cache when the user signs out",
    "open the database in read only mode here",
    "undo the partial write if the checksum fails",
    "switch to a binary search once the list is sorted",
    "go back one frame when the decoder stalls",
    "cancel the upload when the window closes",
    "delete this branch when the old API is gone",
    "save the cursor position before reformatting",
    "move this check before the network call",
    "drop duplicate events before they reach the queue",
    "close the connection pool at exit",
    "remove the sleep once the vendor fixes their rate limit",
    "rename the flag when the experiment ends",
    "copy the config file next to the binary",
]
COMMENT_PREFIXES = ["", "", "TODO ", "TODO: ", "FIXME: ", "NOTE: ", "HACK: "]
COMMENT_NOTES = [
    "This runs once per request, so keep it cheap.",
    "The server sends times in local time, not UTC.",
    "Both branches must close the handle.",
    "Order matters: the migration reads the old column first.",
    "Returns an empty list rather than none.",
    "Called from the signal handler, so no allocation here.",
    "The vendor API caps us at ten calls a second.",
    "Kept for old clients that still send the v1 header.",
    "Empty titles are common when the accessibility API fails.",
    "Weights are stored as half precision on disk.",
    "The fixture is regenerated by the script in tools.",
    "Safe to call twice.",
    "Slow on purpose, see the rate limit above.",
    "Indexes are zero based here, unlike the UI.",
    "Never raises, logs instead.",
    "Assumes the caller holds the lock.",
    "The cache key includes the user id on purpose.",
    "Mirrors the validation in the mobile app.",
    "Only the first match is used, the rest are ignored.",
    "Windows paths are normalised before this point.",
    "The retry budget is shared by all requests of one job.",
    "Keep the buffer small, this runs on the audio thread.",
    "Titles longer than the limit are cut, not rejected.",
    "The second pass fixes labels the first pass missed.",
    "Null here means the user never set a preference.",
    "Sorting is stable, so ties keep their input order.",
    "This mutates the argument, callers rely on it.",
    "The timeout counts from the first byte, not the request.",
    "Written this way to keep the diff small for the backport.",
    "Thread safe because the map is never written after startup.",
    "Prices are in cents to avoid rounding errors.",
    "The header row is optional in older exports.",
    "Tokens are refreshed a minute before they expire.",
    "Unused since the v2 client, kept for the plugin API.",
    "The regex is anchored so partial matches fail.",
    "We cap the batch at 500 rows to stay under the payload limit.",
    "Dates without a zone are treated as UTC.",
    "The fixture files are large, so the test is marked slow.",
    "Deliberately not cached, the value changes per request.",
    "Every early return must release the lease.",
]


def code_comment(rng: random.Random) -> list[Item]:
    dictation = []
    for action in COMMENT_ACTIONS:
        for prefix in rng.sample(COMMENT_PREFIXES, 3):
            text = prefix + action if prefix else action[:1].upper() + action[1:]
            if rng.random() < 0.4:
                text += "."
            dictation.append(Item(text, D, ("code-comment",), "keep"))
    dictation += [Item(t, D, ("code-comment",), "prose") for t in COMMENT_NOTES]
    cmd = text_commands(rng)
    cmd += [Item(p, C, ("ide",)) for p in rng.sample(commands.IDE, 30)]
    cmd += [Item(p, C, ("vozctl", "exact")) for p in ["comment", "find", "go to file"]]
    return _pin(_mix(rng, CODE_COMMENT_QUOTA, dictation, cmd), CODE_WINDOWS)


CODE_COMMENT_QUOTA = 220


# --- win-doc-imperative ------------------------------------------------------------------------

DOC_ACTIONS = {
    "Move": [
        "the team lunch to Thursday",
        "the dentist appointment to next week",
        "the sofa away from the radiator",
        "the bikes into the shed",
    ],
    "Delete": [
        "the old invoices",
        "the duplicate photos from the shared album",
        "last year's budget drafts",
    ],
    "Copy": [
        "Dana on the reply to the landlord",
        "the guest list into the caterer's form",
        "the meeting notes to the shared folder",
    ],
    "Close": [
        "the shop early on Christmas Eve",
        "the shutters when the storm starts",
        "the old bank account",
    ],
    "Open": [
        "a savings account for the kids",
        "the windows before the painters arrive",
        "the registration for the autumn course",
    ],
    "Cancel": ["the gym membership", "the newspaper while we are away", "the hotel in Lisbon"],
    "Select": [
        "three candidates for the final round",
        "a venue for the summer party",
        "the photos for the yearbook",
    ],
    "Switch": [
        "the car insurance before it renews",
        "the electricity supplier",
        "the Tuesday shift with Omar",
    ],
    "Save": [
        "the receipts for the tax return",
        "a seat for Grandma at the front",
        "the good wine for Sunday",
    ],
    "Clear": ["the garage before the movers come", "the gutters", "the spare room for the guests"],
    "Send": ["the slides to Priya", "thank you cards to everyone who helped", "the signed lease back"],
    "Book": ["the ferry tickets", "a table for eight at the Italian place", "the vet for the cat"],
    "Pick up": ["the dry cleaning", "the keys from the agent", "the kids from football"],
    "Check": ["the tyre pressure", "whether the hotel has parking", "the smoke alarms"],
    "Call": ["the plumber about the leak", "the bank about the new card", "Aunt Rosa about the visit"],
}
DOC_TIMES = [
    "before Friday",
    "by the end of the month",
    "on Monday morning",
    "after the review",
    "next week",
    "tomorrow",
    "before we leave",
    "",
]
DOC_SENTENCES = [
    "Go back to the hardware store for the right screws.",
    "Undo the knot carefully, the string is old.",
    "Select the ripest tomatoes for the sauce.",
    "Copy the recipe onto a card for Mum.",
    "Close the gate behind you, the dog gets out.",
    "Delete nothing from the shared drive without asking.",
    "Remember to water the plants on the balcony.",
    "Ask the landlord to fix the boiler before winter.",
    "Print two copies of the contract for the signing.",
    "Bring a jacket, the evenings are getting cold.",
    "Cut the hedge back before the neighbours complain.",
    "Paste the new labels on the moving boxes.",
    "Undo the old wallpaper in the hallway first.",
    "Select paint samples for the kitchen.",
    "Switch off the heating in the spare room.",
    "Find a babysitter for Saturday night.",
    "Move the bins out on Wednesday evenings.",
    "Delete my old number from the school contact list.",
    "Go over the seating plan with Mum.",
    "Copy the spare key for the cleaner.",
]
DOC_COMMAND_EXTRA = ["new paragraph", "select all", "scratch that", "undo", "save"]


def doc_imperative(rng: random.Random) -> list[Item]:
    dictation = []
    for verb, objs in DOC_ACTIONS.items():
        for obj in objs:
            for when in rng.sample(DOC_TIMES, 2):
                text = f"{verb} {obj} {when}".strip() + "."
                dictation.append(Item(text, D, ("document", "command-words-in-prose"), "prose"))
    dictation += [Item(t, D, ("document", "command-words-in-prose"), "prose") for t in DOC_SENTENCES]
    cmd = text_commands(rng) + [Item(p, C, ("vozctl",)) for p in DOC_COMMAND_EXTRA]
    return _pin(_mix(rng, DOC_QUOTA, dictation, cmd), DOC_WINDOWS)


DOC_QUOTA = 150


FAMILIES = [
    # name, quota, function, weights (None: every item carries its windows)
    ("win-commit-editor", COMMIT_EDITOR_QUOTA, commit_editor, None),
    ("win-commit-terminal", COMMIT_TERMINAL_QUOTA, commit_terminal, None),
    ("win-git-gui", GIT_GUI_QUOTA, git_gui, None),
    ("win-pr-issue", PR_ISSUE_QUOTA, pr_issue, None),
    ("win-tracker", TRACKER_QUOTA, tracker, None),
    ("win-code-comment", CODE_COMMENT_QUOTA, code_comment, None),
    ("win-doc-imperative", DOC_QUOTA, doc_imperative, None),
]
